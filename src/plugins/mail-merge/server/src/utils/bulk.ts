import crypto from 'crypto';
import type { Core } from '@strapi/strapi';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Random bytes drawn in blocks: one system call per 1 000 ids rather than one per id. */
let pool = Buffer.alloc(0);
let offset = 0;
const randomBytes = (size: number) => {
  if (offset + size > pool.length) {
    pool = crypto.randomBytes(size * 1000);
    offset = 0;
  }
  offset += size;
  return pool.subarray(offset - size, offset);
};

/** A documentId shaped like Strapi's (24 lowercase letters and digits, starting with a letter). */
export const newDocumentId = () => {
  const bytes = randomBytes(24);
  let id = ALPHABET[bytes[0] % 26];
  for (let i = 1; i < 24; i += 1) id += ALPHABET[bytes[i] % ALPHABET.length];
  return id;
};

/**
 * Inserts rows of one of the plugin's own collections (scalar attributes only) in multi-row
 * INSERTs, through Strapi's query layer so types are converted as for any other write. The
 * Document Service writes one row at a time: far too slow for a batch of 100 000 recipients.
 */
export const insertMany = async (strapi: Core.Strapi, uid: string, rows: Record<string, unknown>[], now = new Date()) => {
  if (rows.length === 0) return;
  await strapi.db.query(uid as any).createMany({
    data: rows.map((row) => ({ documentId: newDocumentId(), createdAt: now, updatedAt: now, publishedAt: now, ...row })),
  });
};
