import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::notification-type.notification-type');
