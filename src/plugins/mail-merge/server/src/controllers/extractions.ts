import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type {
  CheckExtraction,
  CreateExtraction,
  DeleteExtraction,
  GetExtraction,
  GetExtractions,
  TestExtractionQuery,
  TestSavedExtraction,
  UpdateExtraction,
} from '../../../shared/contracts/extractions';
import { getService } from '../utils';
import { validateExtractionBody, validateExtractionTestBody } from '../validation';

const createExtractionsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService('extractions', { strapi });

  return {
    async find(ctx: Context) {
      const { page } = ctx.query as GetExtractions.Request['query'];
      ctx.body = { data: page ? await service().forPage(String(page)) : await service().list() } satisfies GetExtractions.Response;
    },

    async findOne(ctx: Context) {
      const { documentId }: GetExtraction.Request['params'] = ctx.params;
      const extraction = await service().get(documentId);
      const templates = await getService('templates', { strapi }).list();
      ctx.body = {
        data: extraction,
        meta: { templates: templates.filter((t) => t.extraction?.documentId === extraction.documentId) },
      } satisfies GetExtraction.Response;
    },

    async create(ctx: Context) {
      const body = (await validateExtractionBody(ctx.request.body)) as CreateExtraction.Request['body'];
      const { extraction } = await service().create(body);
      ctx.status = 201;
      ctx.body = { data: extraction, meta: { brokenTemplates: [] } } satisfies CreateExtraction.Response;
    },

    async update(ctx: Context) {
      const { documentId }: UpdateExtraction.Request['params'] = ctx.params;
      const body = (await validateExtractionBody(ctx.request.body)) as UpdateExtraction.Request['body'];
      const { extraction, brokenTemplates } = await service().update(documentId, body);
      ctx.body = { data: extraction, meta: { brokenTemplates } } satisfies UpdateExtraction.Response;
    },

    async delete(ctx: Context) {
      const { documentId }: DeleteExtraction.Request['params'] = ctx.params;
      await service().delete(documentId);
      ctx.status = 204;
    },

    /** Dry run of a save: the columns and the templates that would break. */
    async check(ctx: Context) {
      const { documentId } = ctx.query as CheckExtraction.Request['query'];
      const body = (await validateExtractionBody(ctx.request.body)) as CheckExtraction.Request['body'];
      ctx.body = { data: await service().check(body, documentId ? String(documentId) : undefined) } satisfies CheckExtraction.Response;
    },

    /** « Tester » a query being written (manage right). */
    async testQuery(ctx: Context) {
      const { query = '', page, record, limit } = (await validateExtractionTestBody(ctx.request.body)) as TestExtractionQuery.Request['body'];
      ctx.body = { data: await service().test(query, { page, record, limit }) } satisfies TestExtractionQuery.Response;
    },

    /** « Tester » a saved extraction (read right). */
    async testSaved(ctx: Context) {
      const { documentId }: TestSavedExtraction.Request['params'] = ctx.params;
      const { page, record, limit } = (await validateExtractionTestBody(ctx.request.body ?? {})) as NonNullable<TestSavedExtraction.Request['body']>;
      const extraction = await service().get(documentId);
      ctx.body = { data: await service().test(extraction.query, { page, record, limit }) } satisfies TestSavedExtraction.Response;
    },
  };
};

export default createExtractionsController;
