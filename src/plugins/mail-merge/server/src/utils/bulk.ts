import { createId } from '@paralleldrive/cuid2';
import type { Core } from '@strapi/strapi';
import { queryOf } from './strapi-adapters';
import { yieldToEventLoop } from './event-loop';

/** Rows per INSERT on SQLite (see insertMany). */
const SQLITE_ROWS_PER_INSERT = 125;

/**
 * A documentId made as Strapi's core makes them (@paralleldrive/cuid2's createId: 24 characters,
 * collision-resistant across processes). About 45 µs each: 4.5 s of CPU for a send to 100 000
 * recipients, spread over its preparation.
 */
export const newDocumentId = createId;

/**
 * Inserts rows of one of the plugin's own collections (scalar attributes only) in multi-row
 * INSERTs, through Strapi's query layer so types are converted as for any other write. The
 * Document Service writes one row at a time: far too slow for a batch of 100 000 recipients.
 */
export const insertMany = async (strapi: Core.Strapi, uid: string, rows: Record<string, unknown>[], now = new Date()) => {
  if (rows.length === 0) return;
  // better-sqlite3 runs a statement on the event loop: 500 ledger rows with their bodies in one
  // INSERT held it (and every SMTP socket) for about 100 ms. PostgreSQL's driver waits off it.
  const size = strapi.db.dialect.client === 'postgres' ? rows.length : SQLITE_ROWS_PER_INSERT;
  for (let start = 0; start < rows.length; start += size) {
    if (start > 0) await yieldToEventLoop();
    await queryOf(strapi, uid).createMany({
      data: rows.slice(start, start + size).map((row) => ({ documentId: newDocumentId(), createdAt: now, updatedAt: now, publishedAt: now, ...row })),
    });
  }
};
