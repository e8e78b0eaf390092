import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetConsent, UpdateConsent } from '../../../shared/contracts/consent';
import { getService } from '../utils';
import { validateConsentBody } from '../validation';

const createConsentController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(ctx: Context) {
    const { page, documentId }: GetConsent.Request['params'] = ctx.params;
    ctx.body = { data: await getService('consent-form', { strapi }).get(ctx.state.userAbility, page, documentId) } satisfies GetConsent.Response;
  },

  async update(ctx: Context) {
    const { page, documentId }: UpdateConsent.Request['params'] = ctx.params;
    const { levels, notifications } = (await validateConsentBody(ctx.request.body)) as UpdateConsent.Request['body'];
    ctx.body = {
      data: await getService('consent-form', { strapi }).update(ctx.state.userAbility, page, documentId, levels ?? {}, notifications),
    } satisfies UpdateConsent.Response;
  },
});

export default createConsentController;
