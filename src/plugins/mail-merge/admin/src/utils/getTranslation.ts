import { PLUGIN_ID } from '../pluginId';

/** Prefixes a translation key with the plugin id, as the translation files are registered. */
export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;
