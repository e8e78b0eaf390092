import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { validateConsentBody } from '../validation';

const createConsentController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(ctx: any) {
    ctx.body = { data: await getService('consent-form', { strapi }).get(ctx.state.userAbility, ctx.params.page, ctx.params.documentId) };
  },

  async update(ctx: any) {
    const { levels, notifications } = await validateConsentBody(ctx.request.body);
    ctx.body = {
      data: await getService('consent-form', { strapi }).update(
        ctx.state.userAbility,
        ctx.params.page,
        ctx.params.documentId,
        (levels ?? {}) as any,
        notifications as any
      ),
    };
  },
});

export default createConsentController;
