import type { Core } from '@strapi/strapi';

/**
 * Indexes Strapi's schema sync does not create: the queue is claimed by (status, priority, id)
 * and a batch's rows are counted by batch id. Without them each claim of a 100 000-row ledger is
 * a full scan. `IF NOT EXISTS` works on both SQLite and PostgreSQL.
 */
export const createLedgerIndexes = async (strapi: Core.Strapi) => {
  const meta = strapi.db.metadata.get('plugin::mail-merge.message' as any) as any;
  const column = (attribute: string) => meta.attributes[attribute].columnName ?? attribute;
  const table = meta.tableName;
  const indexes: Record<string, string[]> = {
    [`${table}_queue_idx`]: [column('status'), column('priority'), 'id'],
    [`${table}_batch_idx`]: [column('batchId'), column('status')],
    [`${table}_record_idx`]: [column('page'), column('recordId')],
  };
  const knex = strapi.db.connection;
  for (const [name, columns] of Object.entries(indexes)) {
    await knex.raw(`create index if not exists ?? on ?? (${columns.map(() => '??').join(', ')})`, [name, table, ...columns]);
  }
};
