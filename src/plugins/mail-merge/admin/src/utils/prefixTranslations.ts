import { PLUGIN_ID } from '../pluginId';

export const prefixTranslations = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));

/** One locale's messages from its per-area files (translations/<locale>/<area>.json); each key is in one area only. */
export const mergeTranslations = (areas: Record<string, Record<string, string>>): Record<string, string> =>
  Object.assign({}, ...Object.values(areas));
