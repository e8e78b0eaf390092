import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::health-professional.health-professional');
