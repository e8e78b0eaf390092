import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::health-professional.health-professional');
