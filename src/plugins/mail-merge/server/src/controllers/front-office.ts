import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { validationError } from '../utils/errors';
import { validateFrontOfficeSendBody } from '../validation';

/** The API token calling (Strapi's content API authentication puts it in ctx.state.auth). */
const tokenOf = (ctx: any) => {
  const credentials = ctx.state.auth?.credentials;
  return { id: credentials?.id == null ? null : Number(credentials.id), name: String(credentials?.name ?? 'jeton') };
};

/** Content API (API tokens): thin handlers over services/front-office.ts. */
const createFrontOfficeController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findTemplates(ctx: any) {
    const page = ctx.query.page;
    if (typeof page !== 'string' || !page) {
      throw validationError('page.required', 'Indiquez la page (paramètre « page »).', 'Give the page ("page" parameter).');
    }
    ctx.body = { data: await getService('front-office', { strapi }).templates(page) };
  },

  /** 202: queued; GET /messages/:documentId tells the outcome. */
  async send(ctx: any) {
    const body = await validateFrontOfficeSendBody(ctx.request.body);
    ctx.status = 202;
    ctx.body = { data: await getService('front-office', { strapi }).send(tokenOf(ctx), body as any) };
  },

  async findMessage(ctx: any) {
    ctx.body = { data: await getService('front-office', { strapi }).message(ctx.params.documentId, tokenOf(ctx).id) };
  },
});

export default createFrontOfficeController;
