import type { Core } from '@strapi/strapi';
import { getService } from './utils';
import { rawBodyForBounces } from './utils/raw-body';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // The config validator checks shapes; here the app's content types are known, so a page
  // pointing to a missing type or field stops start-up with a readable message.
  getService('pages', { strapi }).assertConsistentWithSchema();
  // Before the app's middlewares (added at bootstrap): the bounce route reads its raw body itself.
  strapi.server.use(rawBodyForBounces(strapi));
};

export default register;
