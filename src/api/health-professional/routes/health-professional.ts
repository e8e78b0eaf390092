import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::health-professional.health-professional');
