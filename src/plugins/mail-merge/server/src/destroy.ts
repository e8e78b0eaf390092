import type { Core } from '@strapi/strapi';
import { getService } from './utils';

const destroy = ({ strapi }: { strapi: Core.Strapi }) => {
  // The SQLite extraction runner holds a worker thread with its own connection.
  getService('extractions', { strapi }).close();
};

export default destroy;
