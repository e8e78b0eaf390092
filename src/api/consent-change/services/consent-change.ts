import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::consent-change.consent-change');
