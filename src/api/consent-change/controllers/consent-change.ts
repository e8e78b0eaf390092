import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::consent-change.consent-change');
