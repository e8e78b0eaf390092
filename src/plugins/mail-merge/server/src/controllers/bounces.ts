import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ClearSuppression, GetSuppressions, ReceiveBounce, SuppressionFilters } from '../../../shared/contracts/bounces';
import { DSN_CONTENT_TYPES } from '../services/bounces/dsn';
import { MAX_DSN_BYTES } from '../services/bounces';
import { getService } from '../utils';
import { originalContentType, readRawBody, unsupportedMediaType } from '../utils/raw-body';

const STATUSES: readonly NonNullable<SuppressionFilters['status']>[] = ['active', 'cleared', 'all'];

/**
 * Bounces: the content-API intake of raw DSNs (an API token with `bounces.intake`), and the
 * admin's « Adresses en échec » (list: `messages-read`; « Lever »: `messages-read` and a send action).
 */
const createBouncesController = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The pages whose records the user may read in the Content Manager (as « Suivi des mails »). */
  const readablePages = (ctx: Context) =>
    getService('pages', { strapi })
      .list()
      .filter((p) => strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: p.contentType }).can.read())
      .map((p) => p.key);

  return {
    /** POST /api/mail-merge/bounces: the raw DSN as the body (see utils/raw-body.ts). */
    async intake(ctx: Context) {
      const contentType = originalContentType(ctx);
      const type = contentType.split(';')[0].trim().toLowerCase();
      if (!(DSN_CONTENT_TYPES as readonly string[]).includes(type)) throw unsupportedMediaType(DSN_CONTENT_TYPES, type);
      const raw = await readRawBody(ctx, MAX_DSN_BYTES);
      const { recipient } = ctx.query as ReceiveBounce.Request['query'];
      const data = await getService('bounces', { strapi }).intake(raw, { contentType, recipient: typeof recipient === 'string' ? recipient : null });
      ctx.body = { data } satisfies ReceiveBounce.Response;
    },

    async suppressions(ctx: Context) {
      const query = ctx.query as GetSuppressions.Request['query'];
      const status = STATUSES.find((s) => s === query.status) ?? 'active';
      const { results, pagination } = await getService('suppressions', { strapi }).list({
        status,
        address: typeof query.address === 'string' ? query.address : undefined,
        page: query.page,
        pageSize: query.pageSize,
        readablePages: readablePages(ctx),
      });
      ctx.body = { data: results, meta: { pagination } } satisfies GetSuppressions.Response;
    },

    async clearSuppression(ctx: Context) {
      const { documentId }: ClearSuppression.Request['params'] = ctx.params;
      const suppressions = getService('suppressions', { strapi });
      const suppression = await suppressions.findOne(documentId);
      // Its record's page must be one the user may read (a page removed since: not checked).
      if (suppression.page && getService('pages', { strapi }).find(suppression.page)) {
        getService('access', { strapi }).assertCanReadType(ctx.state.userAbility, suppression.page);
      }
      const user = ctx.state.user as { id: number; firstname?: string | null; lastname?: string | null; email: string };
      const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email;
      ctx.body = { data: await suppressions.clear(documentId, { id: user.id, name }) } satisfies ClearSuppression.Response;
    },
  };
};

export default createBouncesController;
