import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { validateDuplicateBody, validatePreviewBody, validateRecordBody, validateTemplateBody } from '../validation';

const createTemplatesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService('templates', { strapi });

  return {
    async find(ctx: any) {
      const { page } = ctx.query;
      ctx.body = { data: await service().list(page ? { page: String(page) } : {}) };
    },

    async findOne(ctx: any) {
      ctx.body = { data: await service().findOne(ctx.params.documentId) };
    },

    async create(ctx: any) {
      const body = await validateTemplateBody(ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await service().create(body as any) };
    },

    async update(ctx: any) {
      const body = await validateTemplateBody(ctx.request.body);
      ctx.body = { data: await service().update(ctx.params.documentId, body as any) };
    },

    async delete(ctx: any) {
      await service().delete(ctx.params.documentId);
      ctx.status = 204;
    },

    async duplicate(ctx: any) {
      const body = await validateDuplicateBody(ctx.request.body ?? {});
      ctx.status = 201;
      ctx.body = { data: await service().duplicate(ctx.params.documentId, body) };
    },

    /** Preview of a saved template on a record. */
    async previewSaved(ctx: any) {
      const { record } = ctx.request.body ?? {};
      const template = await service().get(ctx.params.documentId);
      const input = {
        documentId: template.documentId,
        version: template.version,
        family: template.family,
        title: template.title,
        description: template.description,
        recipient: template.recipient,
        subject: template.subject,
        body: template.body,
        page: template.page,
        extraction: template.extraction?.documentId,
      };
      const { record: recordId } = await validateRecordBody({ record });
      // A preview shows the record's whole extraction row: templates-read is not enough.
      await getService('access', { strapi }).assertCanRead(ctx.state.userAbility, template.page, recordId);
      ctx.body = { data: await service().preview(input, recordId) };
    },

    /** Preview of a template as being edited (not saved). */
    async previewDraft(ctx: any) {
      const { record, ...input } = await validatePreviewBody(ctx.request.body);
      // An unknown page is the preview's own 400; a known one needs the CM read right on the record.
      const page = getService('pages', { strapi }).find(String((input as any).page ?? ''));
      if (page) await getService('access', { strapi }).assertCanRead(ctx.state.userAbility, page, record);
      ctx.body = { data: await service().preview(input as any, record) };
    },
  };
};

export default createTemplatesController;
