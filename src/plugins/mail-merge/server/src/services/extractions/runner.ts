/**
 * Runs an extraction query inside the sandbox, which the DATABASE enforces (our SQL parser is
 * only the friendly first gate, sql-guard.ts):
 *
 * - the tables it may read are an allow-list (allowed-tables.ts);
 * - PostgreSQL: a login role holding SELECT on those tables only, one statement through the
 *   extended protocol, in a READ ONLY transaction with a local timeout (postgres-runner.ts);
 * - SQLite: SQLite's own compiled program says which tables the statement opens, in a child
 *   process with a read-only connection, killed past the timeout (sqlite-runner.ts).
 *
 * Parameters use the dialect's own placeholders (`$1` on PostgreSQL, `?` on SQLite).
 * Results are `{ columns, rows }` with column names in query order. More rows than the cap is an
 * error, never a silent truncation, except where the caller asks for a sample.
 */
import type { Core } from '@strapi/strapi';
import type { ExtractionSettings } from '../../config/schema';
import { errorMessage, errorProperty, hasCode, validationError } from '../../utils/errors';
import { computeAllowedTables } from './allowed-tables';
import { createPostgresRunner } from './postgres-runner';
import { derivePassword } from './postgres-role';
import { createSqliteRunner } from './sqlite-runner';

export type QueryResult = { columns: string[]; rows: Record<string, unknown>[]; truncated: boolean };

export type RunOptions = { timeoutMs: number; maxRows: number; allowTruncate?: boolean };

type RawRunner = (sql: string, params: unknown[], options: RunOptions) => Promise<{ columns: string[]; kinds: Kind[]; rows: Record<string, unknown>[] }>;

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

const forbiddenTableError = (table: string) =>
  validationError(
    'sql.forbidden-table',
    `La requête lit une table interdite : ${table}.`,
    `The query reads a forbidden table: ${table}.`,
    { table }
  );

const notSelectError = () =>
  validationError(
    'sql.not-select',
    'Seule une requête SELECT qui ne modifie rien est autorisée.',
    'Only a SELECT query that changes nothing is allowed.'
  );

/** PostgreSQL's own refusals, by SQLSTATE. */
const postgresError = (error: unknown, timeoutMs: number) => {
  const message = errorMessage(error);
  switch (errorProperty(error, 'code')) {
    case '57014': // query_canceled (statement_timeout)
      return timeoutError(timeoutMs);
    case '42501': // insufficient_privilege: a table (or a setting) the role may not touch
      return validationError(
        'sql.permission-denied',
        `La base de données refuse cette requête : ${message}. Une extraction ne lit que les tables des pages de l'application.`,
        `The database refuses this query: ${message}. An extraction reads only the tables of the application's pages.`,
        { sqlMessage: message }
      );
    case '25006': // read_only_sql_transaction
      return validationError('sql.write', 'La requête modifie des données, ce qui est interdit.', 'The query writes data, which is forbidden.', {
        sqlMessage: message,
      });
    default:
      return executionError(message);
  }
};

export const createRunner = (strapi: Core.Strapi, settings: () => ExtractionSettings) => {
  const client = strapi.db.dialect.client;
  const dialect = (client === 'sqlite' ? 'sqlite' : 'postgres') as 'sqlite' | 'postgres';

  let allowed: string[] | undefined;
  /** Computed once the models are loaded; a restart picks up new content types. */
  const allowedTables = () => {
    if (!allowed) {
      const { tables, refused } = computeAllowedTables(strapi, settings().allowTables);
      if (refused.length > 0) {
        strapi.log.warn(`mail-merge: extractions.allowTables names tables of Strapi or of the plugin, ignored: ${refused.join(', ')}`);
      }
      allowed = tables;
    }
    return allowed;
  };

  const sqlite = dialect === 'sqlite' ? createSqliteRunner(strapi, allowedTables) : null;
  const postgres =
    dialect === 'postgres'
      ? createPostgresRunner(strapi, () => {
          const { role, password } = settings().postgres;
          return { role, password: password ?? derivePassword(strapi, role), passwordConfigured: Boolean(password), tables: allowedTables() };
        })
      : null;

  const raw: RawRunner = sqlite
    ? async (sql, params, options) => {
        try {
          const { columns, types, rows } = await sqlite.run(sql, params, options);
          return { columns, kinds: types.map(sqliteKind), rows };
        } catch (error) {
          if (hasCode(error, 'MM_TIMEOUT')) throw timeoutError(options.timeoutMs);
          if (hasCode(error, 'MM_FORBIDDEN_TABLE')) throw errorProperty(error, 'table') ? forbiddenTableError(String(errorProperty(error, 'table'))) : notSelectError();
          if (hasCode(error, 'MM_NOT_SELECT')) throw notSelectError();
          throw executionError(errorMessage(error));
        }
      }
    : async (sql, params, options) => {
        try {
          const { fields, rows } = await postgres!.run(sql, params, options);
          return {
            columns: fields.map((field) => field.name),
            kinds: fields.map((field) => (POSTGRES_AMOUNT_TYPES.has(field.dataTypeID) ? ('amount' as const) : null)),
            rows,
          };
        } catch (error) {
          if (errorProperty(error, 'status') === 503) throw error;
          throw postgresError(error, options.timeoutMs);
        }
      };

  // Observers of each statement sent to the database (tests count round-trips with it).
  const listeners = new Set<(sql: string) => void>();

  return {
    onStatement(listener: (sql: string) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    dialect,

    /** The tables extractions may read (what the database grants or checks). */
    allowedTables,

    /** PostgreSQL: creates or checks the role and its grants (start-up); logs what a DBA must do. */
    async prepare() {
      if (postgres) await postgres.prepare();
    },

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

    async close() {
      sqlite?.close();
      await postgres?.close();
    },
  };
};

export type Runner = ReturnType<typeof createRunner>;
