import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetFrontOfficeMessage, GetFrontOfficeTemplates, SendFrontOfficeMessage } from '../../../shared/contracts/front-office';
import { getService } from '../utils';
import { validationError } from '../utils/errors';
import { validateFrontOfficeSendBody } from '../validation';

/** The API token calling (Strapi's content API authentication puts it in ctx.state.auth). */
const tokenOf = (ctx: Context) => {
  const credentials = ctx.state.auth?.credentials;
  return { id: credentials?.id == null ? null : Number(credentials.id), name: String(credentials?.name ?? 'jeton') };
};

/** Content API (API tokens): thin handlers over services/front-office.ts. */
const createFrontOfficeController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findTemplates(ctx: Context) {
    const { page } = ctx.query as Partial<GetFrontOfficeTemplates.Request['query']>;
    if (typeof page !== 'string' || !page) {
      throw validationError('page.required', 'Indiquez la page (paramètre « page »).', 'Give the page ("page" parameter).');
    }
    ctx.body = { data: await getService('front-office', { strapi }).templates(page) } satisfies GetFrontOfficeTemplates.Response;
  },

  /** 202: queued; GET /messages/:documentId tells the outcome. */
  async send(ctx: Context) {
    const body = (await validateFrontOfficeSendBody(ctx.request.body)) as SendFrontOfficeMessage.Request['body'];
    ctx.status = 202;
    ctx.body = { data: await getService('front-office', { strapi }).send(tokenOf(ctx), body) } satisfies SendFrontOfficeMessage.Response;
  },

  async findMessage(ctx: Context) {
    const { documentId }: GetFrontOfficeMessage.Request['params'] = ctx.params;
    ctx.body = { data: await getService('front-office', { strapi }).message(documentId, tokenOf(ctx).id) } satisfies GetFrontOfficeMessage.Response;
  },
});

export default createFrontOfficeController;
