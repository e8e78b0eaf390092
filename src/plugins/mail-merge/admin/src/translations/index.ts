/**
 * The plugin's messages per admin locale, each loaded on demand (its own chunk). A locale's
 * messages are split by area (translations/<locale>/<area>.json) and merged by its index.
 */
const LOCALES: Record<string, () => Promise<{ default: Record<string, string> }>> = {
  en: () => import('./en/index'),
  fr: () => import('./fr/index'),
};

/** The messages of `locale`, unprefixed; none for a locale the plugin is not translated into. */
export const loadTranslations = async (locale: string): Promise<Record<string, string>> => {
  const load = LOCALES[locale];
  return load ? (await load()).default : {};
};
