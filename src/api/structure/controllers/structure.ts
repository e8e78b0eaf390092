import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::structure.structure');
