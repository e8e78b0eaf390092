import type { Core } from '@strapi/strapi';
import { MESSAGE_UID } from '../../constants';
import { metaOf } from '../../utils/strapi-adapters';

/**
 * The ledger's physical table, for the statements Strapi's query engine cannot express in one
 * round trip (claims, bulk outcomes, grouped counts). Column names come from Strapi's metadata.
 */
export const ledgerTable = (strapi: Core.Strapi) => {
  const meta = () => metaOf(strapi, MESSAGE_UID);
  const isPostgres = strapi.db.dialect.client === 'postgres';
  return {
    isPostgres,
    name: () => meta().tableName as string,
    column: (attribute: string) => (meta().attributes[attribute]?.columnName ?? attribute) as string,
    /** SQLite keeps datetimes as epoch milliseconds, PostgreSQL as timestamps. */
    time: (date: Date | null) => (date === null ? null : isPostgres ? date : date.getTime()),
    knex: () => strapi.db.connection,
  };
};

export type LedgerTable = ReturnType<typeof ledgerTable>;
