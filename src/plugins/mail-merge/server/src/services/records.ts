/**
 * The records of a page, found by the words of their label fields (for the preview picker and
 * « Tester »), each with a readable label.
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

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
      fields: page.labelFields as any,
      sort: page.labelFields.map((field) => `${field}:asc`) as any,
      limit: Math.min(Math.max(limit, 1), 50),
    } as any)) as any[];
    return records.map((record) => ({
      documentId: record.documentId,
      label: fields.map((field) => record[field]).filter(Boolean).join(' ') || record.documentId,
    }));
  },
});

export type RecordsService = ReturnType<typeof createRecordsService>;
export default createRecordsService;
