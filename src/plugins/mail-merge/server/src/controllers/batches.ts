import { Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type {
  CancelBatch,
  CreateBatch,
  GetBatch,
  GetBatches,
  GetBatchReport,
  PauseBatch,
  PreflightBatch,
  ResumeBatch,
  RetryFailedBatch,
} from '../../../shared/contracts/batches';
import { getService } from '../utils';
import { validateBatchBody, validatePreflightBody } from '../validation';

/** « Envoi de mails groupés »: thin handlers; the rules are in services/batches. */
const createBatchesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const batches = () => getService('batches', { strapi });

  /** The batch named by the route, once the user may read its page's records. */
  const readableBatch = async (ctx: Context) => {
    const { documentId }: GetBatch.Request['params'] = ctx.params;
    await batches().assertReadable(ctx.state.userAbility, documentId);
    return documentId;
  };

  return {
    async preflight(ctx: Context) {
      const body = (await validatePreflightBody(ctx.request.body)) as PreflightBatch.Request['body'];
      ctx.body = { data: await batches().preflight(ctx.state.user, ctx.state.userAbility, body) } satisfies PreflightBatch.Response;
    },

    /** 202: the batch is being prepared and sent; its page follows the progress. */
    async create(ctx: Context) {
      const body = (await validateBatchBody(ctx.request.body)) as CreateBatch.Request['body'];
      ctx.status = 202;
      ctx.body = { data: await batches().create(ctx.state.user, ctx.state.userAbility, body) } satisfies CreateBatch.Response;
    },

    async find(ctx: Context) {
      ctx.body = { data: await batches().list(ctx.state.userAbility) } satisfies GetBatches.Response;
    },

    async findOne(ctx: Context) {
      ctx.body = { data: await batches().get(await readableBatch(ctx)) } satisfies GetBatch.Response;
    },

    async pause(ctx: Context) {
      ctx.body = { data: await batches().pause(await readableBatch(ctx)) } satisfies PauseBatch.Response;
    },

    async resume(ctx: Context) {
      ctx.body = { data: await batches().resume(await readableBatch(ctx)) } satisfies ResumeBatch.Response;
    },

    async cancel(ctx: Context) {
      ctx.body = { data: await batches().cancel(await readableBatch(ctx)) } satisfies CancelBatch.Response;
    },

    async retryFailed(ctx: Context) {
      ctx.body = { data: await batches().retryFailed(await readableBatch(ctx)) } satisfies RetryFailedBatch.Response;
    },

    /** Streamed: a report of 100 000 lines is never held in memory. */
    async report(ctx: Context) {
      const documentId: GetBatchReport.Request['params']['documentId'] = await readableBatch(ctx);
      const lines = batches().report(documentId);
      // Reads the first line now, so an unknown batch is a 404 and not a broken download.
      const first = await lines.next();
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment(`envoi-groupe-${documentId}.csv`);
      ctx.body = Readable.from(
        (async function* all(): AsyncGenerator<GetBatchReport.Response> {
          // A BOM, so that spreadsheets read the accents as UTF-8.
          yield `\uFEFF${first.value ?? ''}`;
          yield* lines;
        })()
      );
    },
  };
};

export default createBatchesController;
