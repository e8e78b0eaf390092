import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { CreateLayout, DeleteLayout, GetLayout, GetLayouts, PreviewLayout, UpdateLayout } from '../../../shared/contracts/layouts';
import { getService } from '../utils';
import { validateLayoutBody } from '../validation';

/** « Mise en page »: the letterheads, and the editor's preview (as a mail would leave). */
const createLayoutsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService('layouts', { strapi });

  return {
    async find(ctx: Context) {
      ctx.body = { data: await service().list() } satisfies GetLayouts.Response;
    },

    async findOne(ctx: Context) {
      const { documentId }: GetLayout.Request['params'] = ctx.params;
      ctx.body = { data: await service().findOne(documentId) } satisfies GetLayout.Response;
    },

    async create(ctx: Context) {
      const body = (await validateLayoutBody(ctx.request.body)) as CreateLayout.Request['body'];
      ctx.status = 201;
      ctx.body = { data: await service().create(body) } satisfies CreateLayout.Response;
    },

    async update(ctx: Context) {
      const { documentId }: UpdateLayout.Request['params'] = ctx.params;
      const body = (await validateLayoutBody(ctx.request.body)) as UpdateLayout.Request['body'];
      ctx.body = { data: await service().update(documentId, body) } satisfies UpdateLayout.Response;
    },

    async delete(ctx: Context) {
      const { documentId }: DeleteLayout.Request['params'] = ctx.params;
      await service().delete(documentId);
      ctx.status = 204;
    },

    /** With the current user's signature, as their mails would leave. */
    async preview(ctx: Context) {
      const body = (await validateLayoutBody(ctx.request.body)) as PreviewLayout.Request['body'];
      const profile = await getService('sender-profiles', { strapi }).get(ctx.state.user.id);
      ctx.body = { data: await service().preview(body, profile?.signature) } satisfies PreviewLayout.Response;
    },
  };
};

export default createLayoutsController;
