import type { Core } from '@strapi/strapi';
import { ledgerTable } from '../services/ledger/table';

/**
 * Indexes Strapi's schema sync does not create: the queue is claimed by (status, priority, id)
 * and a batch's rows are counted by batch id. Without them each claim of a 100 000-row ledger is
 * a full scan. `IF NOT EXISTS` works on both SQLite and PostgreSQL.
 */
export const createLedgerIndexes = async (strapi: Core.Strapi) => {
  const ledger = ledgerTable(strapi);
  const { column } = ledger;
  const table = ledger.name();
  // A column name, or [name, 'desc'].
  const indexes: Record<string, (string | [string, 'desc'])[]> = {
    // In the claim's own order (priority first, then oldest): no sort of the whole queue per claim.
    [`${table}_claim_idx`]: [column('status'), [column('priority'), 'desc'], 'id'],
    // Whether a batch still has mail to leave.
    [`${table}_batch_status_idx`]: [column('batchId'), column('status'), column('sentAt')],
    // Covers the progress counts (GROUP BY status, reason of one batch): read from the index alone.
    [`${table}_batch_counts_idx`]: [column('batchId'), column('status'), column('errorCode')],
    [`${table}_record_idx`]: [column('page'), column('recordId')],
  };
  const knex = strapi.db.connection;
  // An index of an earlier version, in the wrong order for the claim.
  await knex.raw('drop index if exists ??', [`${table}_queue_idx`]);
  for (const [name, columns] of Object.entries(indexes)) {
    const sql = columns.map((c) => (Array.isArray(c) ? '?? desc' : '??')).join(', ');
    const bindings = columns.map((c) => (Array.isArray(c) ? c[0] : c));
    await knex.raw(`create index if not exists ?? on ?? (${sql})`, [name, table, ...bindings]);
  }
};
