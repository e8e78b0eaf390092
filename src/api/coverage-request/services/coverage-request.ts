import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::coverage-request.coverage-request');
