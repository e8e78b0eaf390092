import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

const createTrackingController = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = () => getService('access', { strapi });
  const tracking = () => getService('tracking', { strapi });

  /** A mail shows its record's data: the CM read right on that record (page removed since: not checked). */
  const assertCanReadMessage = async (ctx: any, documentId: string) => {
    const message = await tracking().message(documentId);
    if (getService('pages', { strapi }).find(message.page)) await access().assertCanRead(ctx.state.userAbility, message.page, message.recordId);
    return message;
  };

  return {
    async messages(ctx: any) {
      const { status, page, template, recipient, from, until, record, batch } = ctx.query;
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
        pageNumber: Number(ctx.query['pagination[page]'] ?? ctx.query.pagination?.page ?? 1),
        pageSize: Number(ctx.query['pagination[pageSize]'] ?? ctx.query.pagination?.pageSize ?? 25),
      });
      ctx.body = { data: results, meta: { pagination } };
    },

    async message(ctx: any) {
      ctx.body = { data: await assertCanReadMessage(ctx, ctx.params.documentId) };
    },

    async resend(ctx: any) {
      await assertCanReadMessage(ctx, ctx.params.documentId);
      ctx.body = { data: await getService('dispatcher', { strapi }).resend(ctx.params.documentId) };
    },

    async events(ctx: any) {
      await access().assertCanRead(ctx.state.userAbility, ctx.params.page, ctx.params.documentId);
      ctx.body = { data: await tracking().events(ctx.params.page, ctx.params.documentId) };
    },
  };
};

export default createTrackingController;
