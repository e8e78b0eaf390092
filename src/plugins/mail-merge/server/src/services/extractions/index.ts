/**
 * Extractions: validation of their SQL, their columns (the merge fields they provide), their
 * page bindings, running them for records, and the templates an edit would break.
 */
import type { Core } from '@strapi/strapi';
import type { Extraction } from '../../../../shared/contracts/extractions';
import type { ExtractionRow, PageBindingRow, TemplateRow } from '../../content-types/rows';
import { getConfig } from '../../utils/config';
import { notFoundError, validationError } from '../../utils/errors';
import { getService } from '../../utils';
import { unknownFields, type TemplateTexts } from '../merge-fields';
import { createRunner, type Runner } from './runner';
import { checkExtractionSql } from './sql-guard';
import { documentsOf } from '../../utils/strapi-adapters';

export const EXTRACTION_UID = 'plugin::mail-merge.extraction';
export const BINDING_UID = 'plugin::mail-merge.page-binding';
export const TEMPLATE_UID = 'plugin::mail-merge.template';

export type ExtractionInput = { title?: string; description?: string | null; query?: string; pages?: string[] };

export type BrokenTemplate = { documentId: string; title: string; page: string; reason: 'unknown-fields' | 'page-unbound'; fields: string[] };

/**
 * An extraction read whole with its bindings, as the API sends it: Strapi gives its dates as ISO
 * text and every attribute of a full read (null when unset).
 */
export type StoredExtraction = ExtractionRow & Extraction;

/** The fields of a template an edit of its extraction may break. */
type TemplateUse = Pick<TemplateRow, 'documentId' | 'title' | 'page' | 'recipient' | 'subject' | 'body'>;

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

const createExtractionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let runner: Runner | undefined;
  const getRunner = () => (runner ??= createRunner(strapi, () => getConfig(strapi).extractions));
  const settings = () => getConfig(strapi).extractions;
  const pages = () => getService('pages', { strapi });

  /**
   * Checked queries by their text: a grouped send or a compose runs the same query again and
   * again, and parsing it costs milliseconds. Bounded (oldest dropped first).
   */
  const checked = new Map<string, ReturnType<typeof checkExtractionSql>>();
  const CHECKED_MAX = 200;

  /** Parses and checks the SQL; returns the statement ready to be wrapped. */
  const checkSql = (query: string) => {
    const { forbiddenTables } = settings();
    const key = `${getRunner().dialect}\u0000${forbiddenTables.join(',')}\u0000${query}`;
    let result = checked.get(key);
    if (!result) {
      result = checkExtractionSql(query, getRunner().dialect, forbiddenTables);
      if (checked.size >= CHECKED_MAX) checked.delete(checked.keys().next().value as string);
      checked.set(key, result);
    }
    if (!result.ok) {
      throw validationError(result.problem.code, result.problem.fr, result.problem.en, { detail: result.problem.detail });
    }
    return result.sql;
  };

  const columnsOf = async (query: string) => {
    const sql = checkSql(query);
    const { columns } = await getRunner().run(sql, [], { timeoutMs: settings().timeoutMs, maxRows: 0, allowTruncate: true });
    const duplicates = columns.filter((column, index) => columns.indexOf(column) !== index);
    if (duplicates.length > 0) {
      throw validationError(
        'sql.duplicate-columns',
        `Plusieurs colonnes portent le même nom : ${[...new Set(duplicates)].join(', ')}. Donnez-leur un alias (AS).`,
        `Several columns share a name: ${[...new Set(duplicates)].join(', ')}. Give them an alias (AS).`
      );
    }
    return columns;
  };

  const assertKeyColumns = (columns: string[], pageKeys: string[]) => {
    for (const key of pageKeys) {
      const page = pages().get(key);
      if (!columns.includes(page.keyColumn)) {
        throw validationError(
          'extraction.key-column',
          `La requête doit fournir la colonne « ${page.keyColumn} » pour être utilisée depuis la page « ${page.page} ».`,
          `The query must return the "${page.keyColumn}" column to be used from the page "${page.page}".`,
          { page: key, column: page.keyColumn }
        );
      }
    }
  };

  const assertPagesExist = (pageKeys: string[]) => {
    const unknown = pageKeys.filter((key) => !pages().find(key));
    if (unknown.length > 0) {
      throw validationError('extraction.unknown-page', `Page inconnue : ${unknown.join(', ')}`, `Unknown page: ${unknown.join(', ')}`, {
        pages: unknown,
      });
    }
  };

  const findRaw = (documentId: string) =>
    documentsOf<StoredExtraction>(strapi, EXTRACTION_UID).findOne({ documentId, populate: ['bindings'] });

  const get = async (documentId: string) => {
    const extraction = await findRaw(documentId);
    if (!extraction) throw notFoundError('extraction.not-found', 'Extraction introuvable.', 'Extraction not found.');
    return extraction;
  };

  /** Templates that use this extraction and would break with these columns and pages. */
  const brokenTemplatesFor = async (extractionDocumentId: string, columns: string[], pageKeys: string[]) => {
    const templates = await documentsOf<TemplateUse>(strapi, TEMPLATE_UID).findMany({
      filters: { extraction: { documentId: extractionDocumentId } },
      fields: ['title', 'page', 'recipient', 'subject', 'body'],
    });
    const broken: BrokenTemplate[] = [];
    for (const template of templates) {
      if (!pageKeys.includes(template.page)) {
        broken.push({ documentId: template.documentId, title: template.title, page: template.page, reason: 'page-unbound', fields: [] });
        continue;
      }
      const fields = safeUnknownFields(template, columns);
      if (fields.length > 0) {
        broken.push({ documentId: template.documentId, title: template.title, page: template.page, reason: 'unknown-fields', fields });
      }
    }
    return broken;
  };

  const validateInput = async (input: ExtractionInput, existing?: StoredExtraction) => {
    const title = (input.title ?? existing?.title ?? '').trim();
    const query = input.query ?? existing?.query ?? '';
    const pageKeys = [...new Set(input.pages ?? existing?.bindings?.map((b) => b.page) ?? [])];
    if (!title) {
      throw validationError('extraction.title-required', 'L’intitulé de l’extraction est obligatoire.', 'The extraction title is required.', {
        field: 'title',
      });
    }
    assertPagesExist(pageKeys);
    const columns = await columnsOf(query);
    assertKeyColumns(columns, pageKeys);
    return { title, query, pageKeys, columns };
  };

  const replaceBindings = async (extractionDocumentId: string, pageKeys: string[]) => {
    const existing = await documentsOf<PageBindingRow>(strapi, BINDING_UID).findMany({
      filters: { extraction: { documentId: extractionDocumentId } },
    });
    for (const binding of existing.filter((b) => !pageKeys.includes(b.page))) {
      await documentsOf(strapi, BINDING_UID).delete({ documentId: binding.documentId });
    }
    const kept = new Set(existing.map((b) => b.page));
    for (const page of pageKeys.filter((key) => !kept.has(key))) {
      await documentsOf(strapi, BINDING_UID).create({ data: { page, extraction: extractionDocumentId } });
    }
  };

  /**
   * Bound pages whose records the rows cannot match: a sample of the key column holds no id of
   * that page's records (an extraction of professionals bound to the beneficiaries' page). Only
   * a warning: an empty table matches nothing yet and is not wrong.
   */
  const KEY_SAMPLE = 50;
  const keyMismatches = async (query: string, pageKeys: string[]) => {
    const mismatched: string[] = [];
    const sql = checkSql(query);
    for (const key of pageKeys) {
      const page = pages().get(key);
      const column = quoteIdentifier(page.keyColumn);
      const { rows } = await getRunner().run(`select ${column} from (\n${sql}\n) as mm_keys where ${column} is not null`, [], {
        timeoutMs: settings().timeoutMs,
        maxRows: KEY_SAMPLE,
        allowTruncate: true,
      });
      const values = [...new Set(rows.map((row) => String(row[page.keyColumn])))];
      if (values.length === 0) continue;
      const found = await documentsOf(strapi, page.contentType).count({ filters: { documentId: { $in: values } } });
      if (found === 0) mismatched.push(key);
    }
    return mismatched;
  };

  return {
    checkSql,
    columnsOf,
    get,
    brokenTemplatesFor,

    runner: getRunner,

    async list() {
      const extractions = await documentsOf<StoredExtraction>(strapi, EXTRACTION_UID).findMany({
        populate: ['bindings'],
        sort: 'title:asc',
        limit: -1,
      });
      return extractions;
    },

    /** Extractions usable from one page (bound to it). */
    async forPage(pageKey: string) {
      return documentsOf<StoredExtraction>(strapi, EXTRACTION_UID).findMany({
        filters: { bindings: { page: pageKey } },
        populate: ['bindings'],
        sort: 'title:asc',
      });
    },

    /** The extraction installed from the app's shipped definition with this key, if still there. */
    async findShipped(shippedKey: string) {
      return documentsOf<ExtractionRow>(strapi, EXTRACTION_UID).findFirst({ filters: { shippedKey } });
    },

    /** What saving would do, without saving: columns, and the templates it would break. */
    async check(input: ExtractionInput, documentId?: string) {
      const existing = documentId ? await get(documentId) : undefined;
      const { query, columns, pageKeys } = await validateInput(input, existing);
      const brokenTemplates = documentId ? await brokenTemplatesFor(documentId, columns, pageKeys) : [];
      return { columns, brokenTemplates, keyMismatches: await keyMismatches(query, pageKeys) };
    },

    async create(input: ExtractionInput, extra: Record<string, unknown> = {}) {
      const { title, query, pageKeys, columns } = await validateInput(input);
      return strapi.db.transaction(async () => {
        const created = await documentsOf<ExtractionRow>(strapi, EXTRACTION_UID).create({
          data: { title, description: input.description ?? null, query, columns, ...extra },
        });
        await replaceBindings(created.documentId, pageKeys);
        return { extraction: await get(created.documentId), brokenTemplates: [] as BrokenTemplate[] };
      });
    },

    async update(documentId: string, input: ExtractionInput) {
      const existing = await get(documentId);
      const { title, query, pageKeys, columns } = await validateInput(input, existing);
      return strapi.db.transaction(async () => {
        await documentsOf(strapi, EXTRACTION_UID).update({
          documentId,
          data: { title, description: input.description ?? existing.description ?? null, query, columns },
        });
        await replaceBindings(documentId, pageKeys);
        const brokenTemplates = await brokenTemplatesFor(documentId, columns, pageKeys);
        return { extraction: await get(documentId), brokenTemplates };
      });
    },

    async delete(documentId: string) {
      await get(documentId);
      const users = await documentsOf<Pick<TemplateRow, 'documentId' | 'title'>>(strapi, TEMPLATE_UID).findMany({
        filters: { extraction: { documentId } },
        fields: ['title'],
      });
      if (users.length > 0) {
        throw validationError(
          'extraction.in-use',
          `Cette extraction est utilisée par des modèles de mail : ${users.map((t) => t.title).join(', ')}.`,
          `This extraction is used by mail templates: ${users.map((t) => t.title).join(', ')}.`,
          { templates: users.map((t) => ({ documentId: t.documentId, title: t.title })) }
        );
      }
      await strapi.db.transaction(async () => {
        await replaceBindings(documentId, []);
        await documentsOf(strapi, EXTRACTION_UID).delete({ documentId });
      });
    },

    /**
     * The extraction row of each record, keyed by the page's key column: one SQL round-trip per
     * chunk of keys (config extractions.chunkSize), however many records are asked for.
     */
    async rowsForRecords(query: string, pageKey: string, keys: string[]) {
      const page = pages().get(pageKey);
      const sql = checkSql(query);
      const { chunkSize, timeoutMs, maxRows } = settings();
      const { dialect } = getRunner();
      const column = quoteIdentifier(page.keyColumn);
      // The whole chunk of keys travels as one JSON parameter, in the dialect's own placeholder.
      const filter =
        dialect === 'postgres'
          ? `mm_rows.${column}::text in (select jsonb_array_elements_text($1::jsonb))`
          : `mm_rows.${column} in (select value from json_each(?))`;
      const wrapped = `select * from (\n${sql}\n) as mm_rows where ${filter}`;

      const rows = new Map<string, Record<string, unknown>>();
      const unique = [...new Set(keys.map(String))];
      for (let start = 0; start < unique.length; start += chunkSize) {
        const chunk = unique.slice(start, start + chunkSize);
        const result = await getRunner().run(wrapped, [JSON.stringify(chunk)], { timeoutMs, maxRows });
        for (const row of result.rows) {
          const key = String(row[page.keyColumn]);
          // The first row wins: an extraction should give one row per record.
          if (!rows.has(key)) rows.set(key, row);
        }
      }
      return rows;
    },

    /** « Tester »: the first rows of a query, or the row of one record of a bound page. */
    async test(query: string, options: { page?: string; record?: string; limit?: number } = {}) {
      const { timeoutMs, maxRows } = settings();
      if (options.page && options.record) {
        const rows = await this.rowsForRecords(query, options.page, [options.record]);
        const columns = await columnsOf(query);
        return { columns, rows: [...rows.values()], truncated: false };
      }
      const sql = checkSql(query);
      const limit = Math.min(Math.max(1, options.limit ?? 20), maxRows);
      return getRunner().run(sql, [], { timeoutMs, maxRows: limit, allowTruncate: true });
    },

    /** Start-up: on PostgreSQL, creates or checks the extraction role and its grants. */
    async prepareSandbox() {
      await getRunner().prepare();
    },

    async close() {
      await runner?.close();
    },
  };
};

/** Unknown fields of a stored template, or every field when its text no longer parses. */
const safeUnknownFields = (template: TemplateTexts, columns: string[]) => {
  try {
    return unknownFields(template, columns);
  } catch {
    return ['(syntaxe)'];
  }
};

export type ExtractionsService = ReturnType<typeof createExtractionsService>;
export default createExtractionsService;
