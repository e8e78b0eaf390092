import { Mail } from '@strapi/icons';
import { PERMISSIONS } from './constants';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';
import { prefixTranslations } from './utils/prefixTranslations';

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Mail,
      intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Mails de fusion' },
      Component: () => import('./pages/App').then((mod) => ({ default: mod.App })),
      permissions: PERMISSIONS.main,
    });

    app.registerPlugin({ id: PLUGIN_ID, name: 'Mails de fusion' });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixTranslations(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
