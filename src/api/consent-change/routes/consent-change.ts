import { factories } from '@strapi/strapi';

// The history is written by the application only (see document-middlewares/consent-audit.ts).
export default factories.createCoreRouter('api::consent-change.consent-change', { only: ['find', 'findOne'] });
