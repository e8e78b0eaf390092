/**
 * The records of a page, found by the words of their label fields (for the preview picker and
 * « Tester »), each with a readable label. Both honour the Content Manager's rights: only records
 * the user may read (under its conditions) are found, and only label fields the user may read
 * are searched and shown.
 */
import type { Core } from '@strapi/strapi';
import type { PageConfig } from '../config/schema';
import { getService } from '../utils';
import { populateFor, readPath } from '../utils/paths';
import type { Ability } from './access';
import { documentsOf, type DocumentRow, type Row } from '../utils/strapi-adapters';

const labelOf = (record: Row | null | undefined, fields: string[], fallback: string) =>
  fields.map((field) => record?.[field]).filter(Boolean).join(' ') || fallback;

const createRecordsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = () => getService('access', { strapi });
  const readableLabelFields = (ability: Ability, page: PageConfig) => access().readablePaths(ability, page, page.labelFields);

  return {
    async search(ability: Ability, pageKey: string, search = '', limit = 20) {
      const page = getService('pages', { strapi }).get(pageKey);
      access().assertCanReadType(ability, page);
      const labelFields = readableLabelFields(ability, page);
      const words = search.trim().split(/\s+/).filter(Boolean).slice(0, 5);
      // Words are looked for in readable fields only: a search on a hidden field would tell its value.
      if (words.length > 0 && labelFields.length === 0) return [];
      // Every word must appear in one of the label fields: « durand élise » finds Élise Durand.
      const filters = words.length > 0 ? { $and: words.map((word) => ({ $or: labelFields.map((field) => ({ [field]: { $containsi: word } })) })) } : {};
      const records = await documentsOf<DocumentRow>(strapi, page.contentType).findMany({
        filters: access().readFilters(ability, page, filters),
        // A copy: the Document Service adds documentId to the array it is given.
        fields: [...labelFields],
        sort: labelFields.map((field) => `${field}:asc`),
        limit: Math.min(Math.max(limit, 1), 50),
      });
      return records.map((record) => ({ documentId: record.documentId, label: labelOf(record, labelFields, record.documentId) }));
    },

    /**
     * One record of a page with the values at these paths, for a user who may read it (403
     * otherwise); 404 when it is not a record of that page. Paths the user may not read are absent.
     */
    async read(ability: Ability, pageKey: string, documentId: string, paths: string[]) {
      const page = getService('pages', { strapi }).get(pageKey);
      const readable = access().readablePaths(ability, page, paths);
      // 404 when it is not a record of that page, 403 outside the user's conditions.
      const record = await access().findReadable(ability, page, documentId, populateFor(readable));
      return {
        label: labelOf(record, readableLabelFields(ability, page), documentId),
        values: Object.fromEntries(readable.map((path) => [path, readPath(record, path)])),
      };
    },
  };
};

export type RecordsService = ReturnType<typeof createRecordsService>;
export default createRecordsService;
