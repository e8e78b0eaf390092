import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

const createRecordsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /mail-merge/pages/:key/records?search= — records of a page by their label (those the user may read). */
  async search(ctx: any) {
    const limit = Number(ctx.query.limit ?? 20);
    ctx.body = {
      data: await getService('records', { strapi }).search(
        ctx.state.userAbility,
        ctx.params.key,
        String(ctx.query.search ?? ''),
        Number.isFinite(limit) ? limit : 20
      ),
    };
  },
});

export default createRecordsController;
