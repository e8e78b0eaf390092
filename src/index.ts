import type { Core } from '@strapi/strapi';
import { consentAudit } from './document-middlewares/consent-audit';
import { defaultConsent } from './document-middlewares/default-consent';
import { memberLink } from './document-middlewares/member-link';
import { backfillRecordTitles, recordTitle } from './document-middlewares/record-title';
import { applyContentManagerDefaults } from './content-manager/configure';
import { notificationSettings } from './document-middlewares/notification-settings';
import { seedOnBoot } from './seed';
import { assertProductionSecrets } from './utils/dev-secrets';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    assertProductionSecrets([
      strapi.config.get('server.app.keys'),
      strapi.config.get('admin.auth.secret'),
      strapi.config.get('admin.apiToken.salt'),
      strapi.config.get('admin.transfer.token.salt'),
      strapi.config.get('admin.secrets.encryptionKey'),
      strapi.config.get('plugin::users-permissions.jwtSecret'),
    ]);
    strapi.documents.use(defaultConsent);
    // Validation first: a refused change is neither written nor recorded in the history.
    strapi.documents.use(notificationSettings(strapi));
    strapi.documents.use(consentAudit(strapi));
    strapi.documents.use(memberLink(strapi));
    strapi.documents.use(recordTitle(strapi));
  },

  /**
   * Creates the accounts and, unless SEED_DEMO=false, the demo records (idempotent); then the
   * records' titles and the Content Manager's French views (src/content-manager).
   */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await seedOnBoot(strapi);
    await backfillRecordTitles(strapi);
    await applyContentManagerDefaults(strapi);
  },
};
