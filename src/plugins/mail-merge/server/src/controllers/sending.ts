import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { validateComposeBody, validateSendBody } from '../validation';

const summary = (message: any) => ({
  documentId: message.documentId,
  status: message.status,
  to: message.to,
  subject: message.subject,
});

const createSendingController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The templates offered for a record (chooser), with its consent state. */
  async choices(ctx: any) {
    ctx.body = { data: await getService('sending', { strapi }).choices(ctx.params.page, ctx.params.documentId, ctx.state.userAbility) };
  },

  async compose(ctx: any) {
    const body = await validateComposeBody(ctx.request.body);
    ctx.body = { data: await getService('sending', { strapi }).compose(ctx.state.user, body, ctx.state.userAbility) };
  },

  /** 202: queued; the dispatcher delivers and the ledger tells the outcome. */
  async send(ctx: any) {
    const body = await validateSendBody(ctx.request.body);
    const message = await getService('sending', { strapi }).queue(ctx.state.user, body as any, ctx.state.userAbility);
    ctx.status = 202;
    ctx.body = { data: summary(message) };
  },
});

export default createSendingController;
