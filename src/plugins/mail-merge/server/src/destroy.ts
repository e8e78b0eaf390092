import type { Core } from '@strapi/strapi';
import { getService } from './utils';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService('batch-schedule', { strapi }).stop();
  getService('batch-preparation', { strapi }).stop();
  await getService('bounces', { strapi }).stopListener();
  // Let a mail being handed to the provider finish before the database closes.
  await getService('dispatcher', { strapi }).stop();
  getService('batches', { strapi }).stopListening();
  // The extraction runner holds its own connections (an SQLite child process, a PostgreSQL pool):
  // close them before the database goes (tests drop it right after).
  await getService('extractions', { strapi }).close();
};

export default destroy;
