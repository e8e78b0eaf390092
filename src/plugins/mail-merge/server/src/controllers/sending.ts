import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ComposeMail, GetChoices, QueuedMessage, SendMail } from '../../../shared/contracts/sending';
import { getService } from '../utils';
import { validateComposeBody, validateSendBody } from '../validation';

/** The queued mail's fields the answer keeps (the ledger row holds its whole content). */
const summary = (message: QueuedMessage): QueuedMessage => ({
  documentId: message.documentId,
  status: message.status,
  to: message.to,
  subject: message.subject,
});

const createSendingController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The templates offered for a record (chooser), with its consent state. */
  async choices(ctx: Context) {
    const { page, documentId }: GetChoices.Request['params'] = ctx.params;
    ctx.body = { data: await getService('sending', { strapi }).choices(page, documentId, ctx.state.userAbility) } satisfies GetChoices.Response;
  },

  async compose(ctx: Context) {
    const body = (await validateComposeBody(ctx.request.body)) as ComposeMail.Request['body'];
    ctx.body = { data: await getService('sending', { strapi }).compose(ctx.state.user, body, ctx.state.userAbility) } satisfies ComposeMail.Response;
  },

  /** 202: queued; the dispatcher delivers and the ledger tells the outcome. */
  async send(ctx: Context) {
    const body = (await validateSendBody(ctx.request.body)) as SendMail.Request['body'];
    const message = await getService('sending', { strapi }).queue(ctx.state.user, body, ctx.state.userAbility);
    ctx.status = 202;
    ctx.body = { data: summary(message) } satisfies SendMail.Response;
  },
});

export default createSendingController;
