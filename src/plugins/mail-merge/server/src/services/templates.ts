/**
 * Mail templates (« modèles de mail »): validation of their fields against their page and
 * extraction, the recap with invalid ones flagged, duplication to another page, and preview.
 */
import type { Core } from '@strapi/strapi';
import type { Template, TemplateBody, TemplateProblem } from '../../../shared/contracts/templates';
import { DEFAULT_CONSENT_LEVEL, LAYOUT_CHOICE } from '../constants';
import { getService } from '../utils';
import { httpError, notFoundError, validationError } from '../utils/errors';
import { BINDING_UID, TEMPLATE_UID, type StoredExtraction } from './extractions';
import type { TemplateRow } from '../content-types/rows';
import { parseAddress } from '../utils/addresses';
import { recipientEntries, templateFields, unknownFields } from './merge-fields';
import { documentsOf, queryOf } from '../utils/strapi-adapters';
import { sanitizeMailHtml } from '../utils/html';
import { layoutChoiceOf } from './layouts';
import { withSignature } from './render';

/** A template's fields as a request gives them (any may be absent or null). */
export type TemplateInput = TemplateBody;

/**
 * A template read whole with its extraction (with the extraction's bindings) and its layout, as
 * the API sends it: Strapi gives its dates as ISO text and every attribute of a full read (null
 * when unset). The contract's extraction, layout and status are what withStatus makes of them.
 */
export type StoredTemplate = TemplateRow &
  Omit<Template, 'extraction' | 'layout' | 'withoutLayout' | 'valid' | 'problems'> & { extraction?: StoredExtraction | null };

/** A stored template once checked to have its extraction: what sends render with. */
export type UsableTemplate = StoredTemplate & { extraction: StoredExtraction };

const REQUIRED: Array<[keyof TemplateInput, string, string]> = [
  ['title', 'Intitulé', 'Title'],
  ['description', 'Description', 'Description'],
  ['subject', 'Sujet', 'Subject'],
  ['page', 'Page', 'Page'],
  ['extraction', 'Extraction', 'Extraction'],
];

/** A 409: the template was saved by someone else since this editor opened it. */
const editedMeanwhile = (stored: number, opened: number) =>
  httpError(
    409,
    'template.edited-meanwhile',
    'Ce mail a été modifié et enregistré par ailleurs depuis que vous l’avez ouvert : vos changements ne sont pas enregistrés. Copiez-les, rechargez la page, puis reportez-les.',
    'This template was saved elsewhere since you opened it: your changes were not saved. Copy them, reload the page and apply them again.',
    { version: stored, opened },
  );

const createTemplatesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const extractions = () => getService('extractions', { strapi });
  const pages = () => getService('pages', { strapi });

  // The query engine (the type has no draft and publish): every compose and send reads this, and
  // the Document Service would wrap each read in a transaction.
  const findRaw = (documentId: string) =>
    queryOf<StoredTemplate>(strapi, TEMPLATE_UID).findOne({ where: { documentId }, populate: { extraction: { populate: { bindings: true } }, layout: true } });

  const get = async (documentId: string) => {
    const template = await findRaw(documentId);
    if (!template) throw notFoundError('template.not-found', 'Modèle de mail introuvable.', 'Mail template not found.');
    return template;
  };

  const isBound = async (extractionDocumentId: string, page: string) =>
    (await documentsOf(strapi, BINDING_UID).count({
      filters: { page, extraction: { documentId: extractionDocumentId } },
    })) > 0;

  /** Every rule of the template form; throws a 400 naming the first problem found. */
  const validate = async (input: TemplateInput) => {
    const missing = REQUIRED.filter(([key]) => !String(input[key] ?? '').trim());
    if (missing.length > 0) {
      throw validationError(
        'template.required',
        `Champs obligatoires non renseignés : ${missing.map(([, fr]) => fr).join(', ')}.`,
        `Required fields are empty: ${missing.map(([, , en]) => en).join(', ')}.`,
        { fields: missing.map(([key]) => key) }
      );
    }
    const page = pages().find(input.page!);
    if (!page) {
      throw validationError('template.unknown-page', `Page inconnue : ${input.page}`, `Unknown page: ${input.page}`, { field: 'page' });
    }
    const extraction = await extractions().get(input.extraction!);
    if (!(await isBound(extraction.documentId, page.key))) {
      throw validationError(
        'template.extraction-not-bound',
        `L’extraction « ${extraction.title} » n’est pas accessible à partir de la page « ${page.page} ».`,
        `The extraction "${extraction.title}" is not available from the page "${page.page}".`,
        { field: 'extraction' }
      );
    }
    const columns: string[] = extraction.columns ?? [];
    const unknown = unknownFields(input, columns);
    if (unknown.length > 0) {
      throw validationError(
        'template.unknown-fields',
        `Champs de fusion inconnus de l’extraction « ${extraction.title} » : ${unknown.map((f) => `\${${f}}`).join(', ')}.`,
        `Merge fields the extraction "${extraction.title}" does not provide: ${unknown.map((f) => `\${${f}}`).join(', ')}.`,
        { fields: unknown }
      );
    }
    // A fixed recipient (no merge field) is checked now; a merged one when rendered.
    const recipient = (input.recipient ?? '').trim();
    if (recipient && templateFields({ recipient }).size === 0) recipientEntries(recipient).forEach((entry) => parseAddress(entry));
    await getService('notifications', { strapi }).assertKnownType(input.notificationType?.trim() || null);
    const layout = input.layout?.trim();
    if (layout && layout !== LAYOUT_CHOICE.none && !(await getService('layouts', { strapi }).exists(layout))) {
      throw validationError('template.unknown-layout', 'Mise en page introuvable.', 'Layout not found.', { field: 'layout' });
    }
    return { page, extraction };
  };

  const toData = (input: TemplateInput) => ({
    family: input.family?.trim() || null,
    title: input.title!.trim(),
    description: input.description!.trim(),
    recipient: input.recipient?.trim() || null,
    subject: input.subject!.trim(),
    body: input.body ?? '',
    page: input.page!,
    extraction: input.extraction!,
    minimumConsent: input.minimumConsent ?? DEFAULT_CONSENT_LEVEL,
    notificationType: input.notificationType?.trim() || null,
    // '' (or absent): the default layout; 'none': « sans mise en page »; else that layout.
    layout: input.layout?.trim() && input.layout.trim() !== LAYOUT_CHOICE.none ? input.layout.trim() : null,
    withoutLayout: input.layout?.trim() === LAYOUT_CHOICE.none,
  });

  /** A template as the admin shows it, with its problems (empty when valid). */
  const withStatus = (template: StoredTemplate): Template => {
    const problems: TemplateProblem[] = [];
    const extraction = template.extraction;
    if (!extraction) problems.push({ code: 'template.no-extraction' });
    else {
      if (!extraction.bindings?.some((b) => b.page === template.page)) problems.push({ code: 'template.extraction-not-bound' });
      try {
        const unknown = unknownFields(template, extraction.columns ?? []);
        if (unknown.length > 0) problems.push({ code: 'template.unknown-fields', fields: unknown });
      } catch {
        problems.push({ code: 'template.syntax' });
      }
    }
    if (!pages().find(template.page)) problems.push({ code: 'template.unknown-page' });
    const { extraction: full, layout, ...rest } = template;
    return {
      ...rest,
      extraction: full ? { documentId: full.documentId, title: full.title, columns: full.columns ?? [] } : null,
      layout: layout ? { documentId: layout.documentId, name: layout.name } : null,
      withoutLayout: Boolean(template.withoutLayout),
      valid: problems.length === 0,
      problems,
    };
  };

  return {
    get,
    validate,
    withStatus,

    async list(filters: { page?: string } = {}) {
      const templates = await documentsOf<StoredTemplate>(strapi, TEMPLATE_UID).findMany({
        filters: filters.page ? { page: filters.page } : {},
        populate: { extraction: { populate: ['bindings'] }, layout: { fields: ['documentId', 'name'] } },
        sort: ['family:asc', 'title:asc'],
        limit: -1,
      });
      return templates.map(withStatus);
    },

    async findOne(documentId: string) {
      return withStatus(await get(documentId));
    },

    async create(input: TemplateInput, extra: Record<string, unknown> = {}) {
      await validate(input);
      const created = await documentsOf<TemplateRow>(strapi, TEMPLATE_UID).create({
        data: { ...toData(input), version: 1, ...extra },
      });
      return this.findOne(created.documentId);
    },

    /**
     * `openedVersion`: the version the editor showed. When another save came in between, the
     * update is a 409 and writes nothing: the later save would silently undo the other one.
     */
    async update(documentId: string, input: TemplateInput, openedVersion?: number) {
      const existing = await get(documentId);
      const version = existing.version ?? 1;
      if (openedVersion !== undefined && openedVersion !== version) throw editedMeanwhile(version, openedVersion);
      const merged: TemplateInput = {
        family: existing.family,
        title: existing.title,
        description: existing.description,
        recipient: existing.recipient,
        subject: existing.subject,
        body: existing.body,
        page: existing.page,
        extraction: existing.extraction?.documentId,
        minimumConsent: existing.minimumConsent,
        notificationType: existing.notificationType ?? null,
        ...input,
        // Absent: the template keeps its choice.
        layout: input.layout === undefined ? layoutChoiceOf(existing) : input.layout,
      };
      await validate(merged);
      await strapi.db.transaction(async () => {
        // The version moves first, and only from the one read: of two saves from the same
        // version, the second finds it moved and writes nothing (the row is locked meanwhile).
        const { count } = await queryOf(strapi, TEMPLATE_UID).updateMany({ where: { documentId, version: existing.version ?? null }, data: { version: version + 1 } });
        if (count === 0) throw editedMeanwhile(version + 1, version);
        await documentsOf(strapi, TEMPLATE_UID).update({ documentId, data: { ...toData(merged), version: version + 1 } });
      });
      return this.findOne(documentId);
    },

    /** Definitive; mails already sent keep their snapshot of the template's title. */
    async delete(documentId: string) {
      await get(documentId);
      await documentsOf(strapi, TEMPLATE_UID).delete({ documentId });
    },

    /** Copies a template to another page, with an extraction bound to that page. */
    async duplicate(documentId: string, target: { page?: string; extraction?: string; title?: string }) {
      const source = await get(documentId);
      const page = target.page ?? source.page;
      const extraction = target.extraction ?? source.extraction?.documentId;
      const title = target.title?.trim() || (page === source.page ? `${source.title} (copie)` : source.title);
      return this.create({
        family: source.family,
        title,
        description: source.description,
        recipient: source.recipient,
        subject: source.subject,
        body: source.body,
        page,
        extraction,
        minimumConsent: source.minimumConsent,
        notificationType: source.notificationType ?? null,
        layout: layoutChoiceOf(source),
      });
    },

    /**
     * Renders a template (saved, or as being edited) on one record of its page: the document as
     * it would leave (its layout around the body and the user's signature, as a send composes it).
     */
    async preview(input: TemplateInput & { documentId?: string; version?: number }, recordDocumentId: string, options: { signature?: string | null } = {}) {
      const { page, extraction } = await validate(input);
      const rows = await extractions().rowsForRecords(extraction.query, page.key, [recordDocumentId]);
      const row = rows.get(recordDocumentId);
      if (!row) {
        throw validationError(
          'extraction.no-row',
          `Aucune donnée d’extraction pour cette fiche (extraction « ${extraction.title} »).`,
          `No extraction data for this record (extraction "${extraction.title}").`,
          { record: recordDocumentId }
        );
      }
      const rendered = getService('render', { strapi }).render(
        {
          documentId: input.documentId,
          version: input.version,
          recipient: input.recipient,
          subject: input.subject!,
          body: input.body,
        },
        row
      );
      const layouts = getService('layouts', { strapi });
      // As sending.ts queues the draft: the signature under the body, then the layout around it.
      const body = sanitizeMailHtml(withSignature(rendered.html, sanitizeMailHtml(options.signature ?? '')));
      const { html, text } = layouts.compose(await layouts.forChoice(input.layout), body);
      return { ...rendered, body: rendered.html, html, text, row };
    },
  };
};

export type TemplatesService = ReturnType<typeof createTemplatesService>;
export default createTemplatesService;
