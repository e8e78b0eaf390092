import type { Core } from '@strapi/strapi';
import { defaultConsent } from './document-middlewares/default-consent';
import { seedOnBoot } from './seed';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.documents.use(defaultConsent);
  },

  /** Creates the accounts and, unless SEED_DEMO=false, the demo records (idempotent). */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await seedOnBoot(strapi);
  },
};
