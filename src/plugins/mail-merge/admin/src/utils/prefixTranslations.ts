import { PLUGIN_ID } from '../pluginId';

export const prefixTranslations = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));
