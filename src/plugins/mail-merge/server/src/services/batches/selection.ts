/**
 * Walks the records a grouped send was asked for, one chunk at a time, so memory stays flat
 * whatever the size: either the ids ticked in the list, or every record matching the list's
 * filters (read by increasing id from where the walk stands, so a restart resumes it).
 */
import type { Core } from '@strapi/strapi';
import type { Selection as ContractSelection } from '../../../../shared/contracts/batches';
import type { PageConfig } from '../../config/schema';
import { recordPopulate, type LoadedRecord } from './recipients';
import { documentsOf } from '../../utils/strapi-adapters';

export type Selection = { ids: string[] } | { filters?: Record<string, unknown>; search?: string };
export type Cursor = { offset?: number; lastId?: number };

export type SelectionChunk = { keys: string[]; records: LoadedRecord[]; cursor: Cursor };

/** Ticked ids, as the server keeps them or as the admin sends them (the contract's Selection). */
export const isIdSelection = (selection: Selection | ContractSelection): selection is { ids: string[] } =>
  Array.isArray((selection as { ids?: unknown } | null | undefined)?.ids);

export async function* walkSelection(
  strapi: Core.Strapi,
  page: PageConfig,
  selection: Selection,
  cursor: Cursor | null,
  chunkSize: number
): AsyncGenerator<SelectionChunk> {
  const documents = documentsOf(strapi, page.contentType);
  // Not the typed getService on purpose, which would make this module's types circular: only the
  // one method used, typed here.
  const notifications = strapi.plugin('mail-merge').service('notifications') as { choicesPath(page: PageConfig): string | null };
  const populate = recordPopulate(page, notifications.choicesPath(page));
  if (isIdSelection(selection)) {
    for (let offset = cursor?.offset ?? 0; offset < selection.ids.length; offset += chunkSize) {
      const keys = selection.ids.slice(offset, offset + chunkSize);
      const records = (await documents.findMany({ filters: { documentId: { $in: keys } }, populate })) as LoadedRecord[];
      yield { keys, records, cursor: { offset: offset + chunkSize } };
    }
    return;
  }
  let lastId = cursor?.lastId ?? 0;
  for (;;) {
    const records = (await documents.findMany({
      filters: { $and: [selection.filters ?? {}, { id: { $gt: lastId } }] },
      ...(selection.search ? { _q: selection.search } : {}),
      sort: [{ id: 'asc' }],
      limit: chunkSize,
      populate,
    })) as LoadedRecord[];
    if (records.length === 0) return;
    lastId = Number(records[records.length - 1].id);
    yield { keys: records.map((record) => record.documentId), records, cursor: { lastId } };
    if (records.length < chunkSize) return;
  }
}
