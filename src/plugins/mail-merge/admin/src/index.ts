import { Mail } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import { BulkSendAction } from './components/bulk/BulkSendAction';
import { ConsentAction } from './components/sending/ConsentAction';
import { EventsPanel } from './components/sending/EventsPanel';
import { MembershipPanel } from './components/sending/MembershipPanel';
import { SendMailAction } from './components/sending/SendMailAction';
import { PERMISSIONS } from './constants';
import { PLUGIN_ID } from './pluginId';
import { loadTranslations } from './translations';
import { getTranslation } from './utils/getTranslation';
import { prefixTranslations } from './utils/prefixTranslations';

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Mail,
      intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Mails de fusion' },
      Component: () => import('./pages/App').then((mod) => ({ default: mod.App })),
      permissions: PERMISSIONS.main,
    });

    app.registerPlugin({ id: PLUGIN_ID, name: 'Mails de fusion' });
  },

  bootstrap(app: StrapiApp) {
    // getPlugin answers a plugin whose `apis` are untyped; the Content Manager types its own.
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: ContentManagerPlugin['config']['apis'] };
    // « Envoyer un mail » right after the built-in save / publish buttons, so it stays visible
    // as the panel's secondary button. The action itself decides whether the model is a page.
    contentManager.apis.addDocumentAction((actions) => {
      const index = actions.findIndex((action) => action.type === 'update');
      const next = [...actions];
      next.splice(index === -1 ? next.length : index + 1, 0, SendMailAction);
      // « Gérer les notifications » (consent of the adhesion), in the panel's « more » menu.
      next.push(ConsentAction);
      return next;
    });
    // On a beneficiary: insured or dependant, and the membership's e-mail consent.
    contentManager.apis.addEditViewSidePanel([MembershipPanel, EventsPanel]);
    // « Envoyer un mail groupé » beside « Supprimer » when rows of a configured page are ticked.
    contentManager.apis.addBulkAction([BulkSendAction]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          return { data: prefixTranslations(await loadTranslations(locale)), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
