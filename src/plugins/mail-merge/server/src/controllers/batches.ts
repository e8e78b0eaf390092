import { Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { validateBatchBody, validatePreflightBody } from '../validation';

/** « Envoi de mails groupés »: thin handlers; the rules are in services/batches. */
const createBatchesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const batches = () => getService('batches', { strapi });
  return {
    async preflight(ctx: any) {
      const body = await validatePreflightBody(ctx.request.body);
      ctx.body = { data: await batches().preflight(ctx.state.user, ctx.state.userAbility, body as any) };
    },

    /** 202: the batch is being prepared and sent; its page follows the progress. */
    async create(ctx: any) {
      const body = await validateBatchBody(ctx.request.body);
      ctx.status = 202;
      ctx.body = { data: await batches().create(ctx.state.user, ctx.state.userAbility, body as any) };
    },

    async find(ctx: any) {
      ctx.body = { data: await batches().list(ctx.state.userAbility) };
    },

    async findOne(ctx: any) {
      await batches().assertReadable(ctx.state.userAbility, ctx.params.documentId);
      ctx.body = { data: await batches().get(ctx.params.documentId) };
    },

    async pause(ctx: any) {
      await batches().assertReadable(ctx.state.userAbility, ctx.params.documentId);
      ctx.body = { data: await batches().pause(ctx.params.documentId) };
    },

    async resume(ctx: any) {
      await batches().assertReadable(ctx.state.userAbility, ctx.params.documentId);
      ctx.body = { data: await batches().resume(ctx.params.documentId) };
    },

    async cancel(ctx: any) {
      await batches().assertReadable(ctx.state.userAbility, ctx.params.documentId);
      ctx.body = { data: await batches().cancel(ctx.params.documentId) };
    },

    async retryFailed(ctx: any) {
      await batches().assertReadable(ctx.state.userAbility, ctx.params.documentId);
      ctx.body = { data: await batches().retryFailed(ctx.params.documentId) };
    },

    /** Streamed: a report of 100 000 lines is never held in memory. */
    async report(ctx: any) {
      await batches().assertReadable(ctx.state.userAbility, ctx.params.documentId);
      const lines = batches().report(ctx.params.documentId);
      // Reads the first line now, so an unknown batch is a 404 and not a broken download.
      const first = await lines.next();
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment(`envoi-groupe-${ctx.params.documentId}.csv`);
      ctx.body = Readable.from(
        (async function* all() {
          // A BOM, so that spreadsheets read the accents as UTF-8.
          yield `\uFEFF${first.value ?? ''}`;
          yield* lines;
        })()
      );
    },
  };
};

export default createBatchesController;
