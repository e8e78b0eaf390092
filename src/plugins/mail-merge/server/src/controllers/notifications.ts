import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetNotificationTypes } from '../../../shared/contracts/notifications';
import { getService } from '../utils';

/** The mutual's notification types, for the template form (« Type de notification »). */
const createNotificationsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    ctx.body = { data: await getService('notifications', { strapi }).listTypes() } satisfies GetNotificationTypes.Response;
  },
});

export default createNotificationsController;
