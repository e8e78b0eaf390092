import type { Core } from '@strapi/strapi';
import { getService } from './utils';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Let a mail being handed to the provider finish before the database closes.
  await getService('dispatcher', { strapi }).stop();
  // The SQLite extraction runner holds a worker thread with its own connection.
  getService('extractions', { strapi }).close();
};

export default destroy;
