/**
 * The records of a page, found by the words of their label fields (for the preview picker and
 * « Tester »), each with a readable label.
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { notFoundError } from '../utils/errors';
import { populateFor, readPath } from '../utils/paths';

const createRecordsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async search(pageKey: string, search = '', limit = 20) {
    const page = getService('pages', { strapi }).get(pageKey);
    const fields = page.labelFields.length > 0 ? page.labelFields : ['documentId'];
    const words = search.trim().split(/\s+/).filter(Boolean).slice(0, 5);
    // Every word must appear in one of the label fields: « durand élise » finds Élise Durand.
    const filters =
      words.length > 0 && page.labelFields.length > 0
        ? { $and: words.map((word) => ({ $or: page.labelFields.map((field) => ({ [field]: { $containsi: word } })) })) }
        : {};
    const records = (await strapi.documents(page.contentType as any).findMany({
      filters,
      // A copy: the Document Service adds documentId to the array it is given.
      fields: [...page.labelFields] as any,
      sort: page.labelFields.map((field) => `${field}:asc`) as any,
      limit: Math.min(Math.max(limit, 1), 50),
    } as any)) as any[];
    return records.map((record) => ({
      documentId: record.documentId,
      label: fields.map((field) => record[field]).filter(Boolean).join(' ') || record.documentId,
    }));
  },

  /** One record of a page with the values at these paths; 404 when it is not a record of that page. */
  async read(pageKey: string, documentId: string, paths: string[]) {
    const page = getService('pages', { strapi }).get(pageKey);
    const record = await strapi.documents(page.contentType as any).findOne({ documentId, populate: populateFor(paths) } as any);
    if (!record) {
      throw notFoundError('record.not-found', `Fiche introuvable sur la page « ${page.page} ».`, `Record not found on the page "${page.page}".`, {
        record: documentId,
      });
    }
    const label = page.labelFields.map((field) => (record as any)[field]).filter(Boolean).join(' ') || documentId;
    return { label, values: Object.fromEntries(paths.map((path) => [path, readPath(record, path)])) };
  },
});

export type RecordsService = ReturnType<typeof createRecordsService>;
export default createRecordsService;
