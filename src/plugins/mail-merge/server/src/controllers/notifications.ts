import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

/** The mutual's notification types, for the template form (« Type de notification »). */
const createNotificationsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    ctx.body = { data: await getService('notifications', { strapi }).listTypes() };
  },
});

export default createNotificationsController;
