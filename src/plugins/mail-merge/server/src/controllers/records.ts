import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { SearchRecords } from '../../../shared/contracts/records';
import { getService } from '../utils';

const createRecordsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /mail-merge/pages/:key/records?search= — records of a page by their label (those the user may read). */
  async search(ctx: Context) {
    const { key }: SearchRecords.Request['params'] = ctx.params;
    const query = ctx.query as SearchRecords.Request['query'];
    const limit = Number(query.limit ?? 20);
    ctx.body = {
      data: await getService('records', { strapi }).search(ctx.state.userAbility, key, String(query.search ?? ''), Number.isFinite(limit) ? limit : 20),
    } satisfies SearchRecords.Response;
  },
});

export default createRecordsController;
