import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetMessage, GetMessages, GetRecordEvents, ResendMessage } from '../../../shared/contracts/messages';
import { getService } from '../utils';

const createTrackingController = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = () => getService('access', { strapi });
  const tracking = () => getService('tracking', { strapi });

  /** A mail shows its record's data: the CM read right on that record (page removed since: not checked). */
  const assertCanReadMessage = async (ctx: Context, documentId: string) => {
    const message = await tracking().message(documentId);
    if (getService('pages', { strapi }).find(message.page)) await access().assertCanRead(ctx.state.userAbility, message.page, message.recordId);
    return message;
  };

  return {
    async messages(ctx: Context) {
      const query = ctx.query as GetMessages.Request['query'];
      const { status, page, template, recipient, from, until, record, batch } = query;
      // The list shows only the pages whose records the user may read in the Content Manager.
      const readablePages = getService('pages', { strapi })
        .list()
        .filter((p) => strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: p.contentType }).can.read())
        .map((p) => p.key);
      const { results, pagination } = await tracking().messages({
        status,
        page,
        template,
        recipient,
        from,
        until,
        record,
        batch,
        readablePages,
        pageNumber: Number(query['pagination[page]'] ?? query.pagination?.page ?? 1),
        pageSize: Number(query['pagination[pageSize]'] ?? query.pagination?.pageSize ?? 25),
      });
      ctx.body = { data: results, meta: { pagination } } satisfies GetMessages.Response;
    },

    async message(ctx: Context) {
      const { documentId }: GetMessage.Request['params'] = ctx.params;
      ctx.body = { data: await assertCanReadMessage(ctx, documentId) } satisfies GetMessage.Response;
    },

    async resend(ctx: Context) {
      const { documentId }: ResendMessage.Request['params'] = ctx.params;
      await assertCanReadMessage(ctx, documentId);
      ctx.body = { data: await getService('dispatcher', { strapi }).resend(documentId) } satisfies ResendMessage.Response;
    },

    async events(ctx: Context) {
      const { page, documentId }: GetRecordEvents.Request['params'] = ctx.params;
      await access().assertCanRead(ctx.state.userAbility, page, documentId);
      ctx.body = { data: await tracking().events(page, documentId) } satisfies GetRecordEvents.Response;
    },
  };
};

export default createTrackingController;
