import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { validationError } from '../utils/errors';
import { validateFrontOfficeSendBody } from '../validation';

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
    const tokenName = ctx.state.auth?.credentials?.name ?? 'jeton';
    ctx.status = 202;
    ctx.body = { data: await getService('front-office', { strapi }).send(tokenName, body as any) };
  },

  async findMessage(ctx: any) {
    ctx.body = { data: await getService('front-office', { strapi }).message(ctx.params.documentId) };
  },
});

export default createFrontOfficeController;
