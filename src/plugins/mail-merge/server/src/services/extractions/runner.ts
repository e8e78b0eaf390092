/**
 * Runs a checked extraction query read-only, with a timeout and a row cap.
 *
 * - PostgreSQL: a READ ONLY transaction with a transaction-local statement_timeout.
 * - SQLite: a read-only connection in a worker thread (sqlite-runner.ts).
 *
 * Results are `{ columns, rows }` with column names in query order. More rows than the cap is an
 * error, never a silent truncation, except where the caller asks for a sample.
 */
import type { Core } from '@strapi/strapi';
import { validationError } from '../../utils/errors';
import { createSqliteRunner } from './sqlite-runner';

export type QueryResult = { columns: string[]; rows: Record<string, unknown>[]; truncated: boolean };

export type RunOptions = { timeoutMs: number; maxRows: number; allowTruncate?: boolean };

type RawRunner = (sql: string, params: unknown[], options: RunOptions) => Promise<{ columns: string[]; kinds: Kind[]; rows: any[] }>;

/**
 * A value of a decimal column (Strapi's decimal and float types): an amount, rendered with two
 * decimals even when whole (1500 → « 1 500,00 »). Serialised as the plain number.
 */
export class Amount {
  constructor(readonly value: number) {}

  toJSON() {
    return this.value;
  }
}

/**
 * What a column holds, from its declared type, where the driver gives a bare number: SQLite
 * stores Strapi's datetimes as epoch milliseconds and booleans as 0/1, and neither driver tells a
 * whole amount (1500.00) from a count. PostgreSQL already gives Date and boolean values.
 */
type Kind = 'amount' | 'datetime' | 'boolean' | null;

const sqliteKind = (type: string | null): Kind => {
  const declared = (type ?? '').toLowerCase();
  if (/^(float|double|real|decimal|numeric)/.test(declared)) return 'amount';
  if (/^(datetime|timestamp)/.test(declared)) return 'datetime';
  if (/^bool/.test(declared)) return 'boolean';
  return null;
};

// numeric, real, double precision
const POSTGRES_AMOUNT_TYPES = new Set([1700, 700, 701]);

const normalise = (value: unknown, kind: Kind) => {
  if (typeof value !== 'number' || kind === null) return value;
  if (kind === 'amount') return new Amount(value);
  if (kind === 'datetime') return new Date(value);
  return value !== 0;
};

const timeoutError = (ms: number) =>
  validationError(
    'sql.timeout',
    `La requête a dépassé le délai autorisé (${ms} ms).`,
    `The query ran longer than allowed (${ms} ms).`
  );

const executionError = (message: string) =>
  validationError('sql.execution', `Erreur SQL à l'exécution : ${message}`, `SQL error while running the query: ${message}`, {
    sqlMessage: message,
  });

const createPostgresRunner = (strapi: Core.Strapi): RawRunner => async (sql, params, { timeoutMs, maxRows }) => {
  const knex = strapi.db.connection;
  try {
    return await knex.transaction(
      async (trx) => {
        await trx.raw("select set_config('statement_timeout', ?, true)", [String(timeoutMs)]);
        // The cap is applied by the database, one row over the cap tells us it was exceeded.
        const result = await trx.raw(`select * from (\n${sql}\n) as mm_capped limit ${Number(maxRows) + 1}`, params as any[]);
        const fields = result.fields as Array<{ name: string; dataTypeID: number }>;
        return {
          columns: fields.map((field) => field.name),
          kinds: fields.map((field) => (POSTGRES_AMOUNT_TYPES.has(field.dataTypeID) ? ('amount' as const) : null)),
          rows: result.rows,
        };
      },
      { readOnly: true }
    );
  } catch (error: any) {
    if (error?.code === '57014') throw timeoutError(timeoutMs); // query_canceled
    throw executionError(String(error?.message ?? error).replace(/^select \* from[\s\S]*? - /, ''));
  }
};

export const createRunner = (strapi: Core.Strapi) => {
  const client = strapi.db.dialect.client;
  const sqlite = client === 'sqlite' ? createSqliteRunner(strapi) : null;
  const raw: RawRunner = sqlite
    ? async (sql, params, options) => {
        try {
          const { columns, types, rows } = await sqlite.run(sql, params, options);
          return { columns, kinds: types.map(sqliteKind), rows };
        } catch (error: any) {
          if (error?.code === 'MM_TIMEOUT') throw timeoutError(options.timeoutMs);
          throw executionError(String(error?.message ?? error));
        }
      }
    : createPostgresRunner(strapi);

  // Observers of each statement sent to the database (tests count round-trips with it).
  const listeners = new Set<(sql: string) => void>();

  return {
    onStatement(listener: (sql: string) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    dialect: (client === 'sqlite' ? 'sqlite' : 'postgres') as 'sqlite' | 'postgres',

    async run(sql: string, params: unknown[], options: RunOptions): Promise<QueryResult> {
      listeners.forEach((listener) => listener(sql));
      const { columns, kinds, rows: rawRows } = await raw(sql, params, options);
      const rows = kinds.some(Boolean)
        ? rawRows.map((row) => Object.fromEntries(columns.map((column, i) => [column, normalise(row[column], kinds[i])])))
        : rawRows;
      const truncated = rows.length > options.maxRows;
      if (truncated && !options.allowTruncate) {
        throw validationError(
          'sql.too-many-rows',
          `La requête renvoie plus de ${options.maxRows} lignes (limite autorisée).`,
          `The query returns more than ${options.maxRows} rows (the allowed limit).`
        );
      }
      return { columns, rows: truncated ? rows.slice(0, options.maxRows) : rows, truncated };
    },

    close() {
      sqlite?.close();
    },
  };
};

export type Runner = ReturnType<typeof createRunner>;
