import type { Core } from '@strapi/strapi';
import { getService } from './utils';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // The config validator checks shapes; here the app's content types are known, so a page
  // pointing to a missing type or field stops start-up with a readable message.
  getService('pages', { strapi }).assertConsistentWithSchema();
};

export default register;
