import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { validateExtractionBody, validateExtractionTestBody } from '../validation';

const createExtractionsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService('extractions', { strapi });

  return {
    async find(ctx: any) {
      const { page } = ctx.query;
      ctx.body = { data: page ? await service().forPage(String(page)) : await service().list() };
    },

    async findOne(ctx: any) {
      const extraction = await service().get(ctx.params.documentId);
      const templates = await getService('templates', { strapi }).list();
      ctx.body = {
        data: extraction,
        meta: { templates: templates.filter((t) => t.extraction?.documentId === extraction.documentId) },
      };
    },

    async create(ctx: any) {
      const body = await validateExtractionBody(ctx.request.body);
      const { extraction } = await service().create(body);
      ctx.status = 201;
      ctx.body = { data: extraction, meta: { brokenTemplates: [] } };
    },

    async update(ctx: any) {
      const body = await validateExtractionBody(ctx.request.body);
      const { extraction, brokenTemplates } = await service().update(ctx.params.documentId, body);
      ctx.body = { data: extraction, meta: { brokenTemplates } };
    },

    async delete(ctx: any) {
      await service().delete(ctx.params.documentId);
      ctx.status = 204;
    },

    /** Dry run of a save: the columns and the templates that would break. */
    async check(ctx: any) {
      const body = await validateExtractionBody(ctx.request.body);
      ctx.body = { data: await service().check(body, ctx.query.documentId ? String(ctx.query.documentId) : undefined) };
    },

    /** « Tester » a query being written (manage right). */
    async testQuery(ctx: any) {
      const { query = '', page, record, limit } = await validateExtractionTestBody(ctx.request.body);
      ctx.body = { data: await service().test(query, { page, record, limit }) };
    },

    /** « Tester » a saved extraction (read right). */
    async testSaved(ctx: any) {
      const { page, record, limit } = await validateExtractionTestBody(ctx.request.body ?? {});
      const extraction = await service().get(ctx.params.documentId);
      ctx.body = { data: await service().test(extraction.query, { page, record, limit }) };
    },
  };
};

export default createExtractionsController;
