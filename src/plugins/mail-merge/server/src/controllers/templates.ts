import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type {
  CreateTemplate,
  DeleteTemplate,
  DuplicateTemplate,
  GetTemplate,
  GetTemplates,
  PreviewDraftTemplate,
  PreviewSavedTemplate,
  UpdateTemplate,
} from '../../../shared/contracts/templates';
import { getService } from '../utils';
import { layoutChoiceOf } from '../services/layouts';
import { validateDuplicateBody, validatePreviewBody, validateRecordBody, validateTemplateBody, validateTemplateUpdateBody } from '../validation';

const createTemplatesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService('templates', { strapi });
  /** A preview is the mail as this user would send it: with their signature. */
  const signatureOf = async (ctx: Context) => ({ signature: (await getService('sender-profiles', { strapi }).get(ctx.state.user.id))?.signature ?? null });

  return {
    async find(ctx: Context) {
      const { page } = ctx.query as GetTemplates.Request['query'];
      ctx.body = { data: await service().list(page ? { page: String(page) } : {}) } satisfies GetTemplates.Response;
    },

    async findOne(ctx: Context) {
      const { documentId }: GetTemplate.Request['params'] = ctx.params;
      ctx.body = { data: await service().findOne(documentId) } satisfies GetTemplate.Response;
    },

    async create(ctx: Context) {
      const body = (await validateTemplateBody(ctx.request.body)) as CreateTemplate.Request['body'];
      ctx.status = 201;
      ctx.body = { data: await service().create(body) } satisfies CreateTemplate.Response;
    },

    async update(ctx: Context) {
      const { documentId }: UpdateTemplate.Request['params'] = ctx.params;
      const { version, ...body } = (await validateTemplateUpdateBody(ctx.request.body)) as UpdateTemplate.Request['body'];
      ctx.body = { data: await service().update(documentId, body, version) } satisfies UpdateTemplate.Response;
    },

    async delete(ctx: Context) {
      const { documentId }: DeleteTemplate.Request['params'] = ctx.params;
      await service().delete(documentId);
      ctx.status = 204;
    },

    async duplicate(ctx: Context) {
      const { documentId }: DuplicateTemplate.Request['params'] = ctx.params;
      const body = (await validateDuplicateBody(ctx.request.body ?? {})) as DuplicateTemplate.Request['body'];
      ctx.status = 201;
      ctx.body = { data: await service().duplicate(documentId, body) } satisfies DuplicateTemplate.Response;
    },

    /** Preview of a saved template on a record. */
    async previewSaved(ctx: Context) {
      const { documentId }: PreviewSavedTemplate.Request['params'] = ctx.params;
      const { record } = (ctx.request.body ?? {}) as Partial<PreviewSavedTemplate.Request['body']>;
      const template = await service().get(documentId);
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
        layout: layoutChoiceOf(template),
      };
      const { record: recordId } = (await validateRecordBody({ record })) as PreviewSavedTemplate.Request['body'];
      // A preview shows the record's whole extraction row: templates-read is not enough.
      await getService('access', { strapi }).assertCanRead(ctx.state.userAbility, template.page, recordId);
      ctx.body = { data: await service().preview(input, recordId, await signatureOf(ctx)) } satisfies PreviewSavedTemplate.Response;
    },

    /** Preview of a template as being edited (not saved). */
    async previewDraft(ctx: Context) {
      const { record, ...input } = (await validatePreviewBody(ctx.request.body)) as PreviewDraftTemplate.Request['body'];
      // An unknown page is the preview's own 400; a known one needs the CM read right on the record.
      const page = getService('pages', { strapi }).find(String(input.page ?? ''));
      if (page) await getService('access', { strapi }).assertCanRead(ctx.state.userAbility, page, record);
      ctx.body = { data: await service().preview(input, record, await signatureOf(ctx)) } satisfies PreviewDraftTemplate.Response;
    },
  };
};

export default createTemplatesController;
