import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

const createTrackingController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async messages(ctx: any) {
    const { status, page, template, recipient, from, until, record, batch } = ctx.query;
    const { results, pagination } = await getService('tracking', { strapi }).messages({
      status,
      page,
      template,
      recipient,
      from,
      until,
      record,
      batch,
      pageNumber: Number(ctx.query['pagination[page]'] ?? ctx.query.pagination?.page ?? 1),
      pageSize: Number(ctx.query['pagination[pageSize]'] ?? ctx.query.pagination?.pageSize ?? 25),
    });
    ctx.body = { data: results, meta: { pagination } };
  },

  async message(ctx: any) {
    ctx.body = { data: await getService('tracking', { strapi }).message(ctx.params.documentId) };
  },

  async resend(ctx: any) {
    ctx.body = { data: await getService('dispatcher', { strapi }).resend(ctx.params.documentId) };
  },

  async events(ctx: any) {
    ctx.body = { data: await getService('tracking', { strapi }).events(ctx.params.page, ctx.params.documentId) };
  },
});

export default createTrackingController;
