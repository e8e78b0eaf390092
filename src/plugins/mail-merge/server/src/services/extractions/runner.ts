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

type RawRunner = (sql: string, params: unknown[], options: RunOptions) => Promise<{ columns: string[]; rows: any[] }>;

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
        return { columns: result.fields.map((field: { name: string }) => field.name), rows: result.rows };
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
          return await sqlite.run(sql, params, options);
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
      const { columns, rows } = await raw(sql, params, options);
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
