import type { Plugin, UserConfig } from 'vite';

/**
 * For the browser tests only (ADMIN_REPORT_MISSING_TRANSLATIONS=true, set by
 * tests/helpers/admin-build.ts): a production build whose react-intl still reports missing
 * translations on the console. @formatjs/intl's default error handler logs only when
 * `process.env.NODE_ENV !== 'production'`, so a production admin hides every MISSING_TRANSLATION;
 * this keeps everything else production and turns that one check on, so that the e2e tests can
 * fail on a French string Strapi or the plugin does not have.
 */
const reportMissingTranslations = (): Plugin => ({
  name: 'mail-merge:report-missing-translations',
  enforce: 'pre',
  transform(code, id) {
    if (!/@formatjs[\\/]intl[\\/](lib[\\/])?src[\\/]utils\.js$/.test(id)) return null;
    return code.replace("process.env.NODE_ENV !== 'production'", 'true');
  },
});

export default (config: UserConfig): UserConfig => {
  if (process.env.ADMIN_REPORT_MISSING_TRANSLATIONS !== 'true') return config;
  return { ...config, plugins: [...(config.plugins ?? []), reportMissingTranslations()] };
};
