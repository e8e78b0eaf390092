/**
 * PostgreSQL extraction runs, on a small pool of their own whose session user is the restricted
 * role (postgres-role.ts), never on Strapi's connection. Each run:
 *
 * - one READ ONLY transaction, `SET LOCAL ROLE` to the same role, a transaction-local
 *   statement_timeout (a query cannot lift it: the timer is armed when its statement starts);
 * - the query through the EXTENDED protocol (`queryMode: 'extended'`): PostgreSQL then refuses
 *   more than one statement, whatever a parser made of the text;
 * - the row cap applied by the database (`limit maxRows + 1`);
 * - rolled back, advisory locks released (or, after an error, the connection closed): nothing a
 *   query did to the session lasts.
 *
 * Until the role is in place, runs answer 503 with the SQL a DBA must run.
 */
import type { Core } from '@strapi/strapi';
import { Pool, type PoolClient, type PoolConfig, type QueryConfig } from 'pg';
import { errorMessage, hasCode, serviceUnavailableError } from '../../utils/errors';
import { prepareRole, resetPassword, type RoleState, type RoleTarget } from './postgres-role';

export type PostgresResult = { fields: Array<{ name: string; dataTypeID: number }>; rows: Record<string, unknown>[] };

/** How long a « not in place » answer stands before the role is looked at again. */
const RECHECK_MS = 30_000;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Strapi's connection settings (host, port, database, ssl…), with the role as user. */
const poolConfig = (strapi: Core.Strapi, role: string, password: string): PoolConfig => {
  const configured = (strapi.db.config.connection as { connection?: string | Record<string, unknown> }).connection;
  const connection: Record<string, unknown> = typeof configured === 'string' ? { connectionString: configured } : { ...configured };
  if (typeof connection.connectionString === 'string') {
    // pg lets the URL's user win over `user`: rewrite it there.
    const url = new URL(connection.connectionString);
    url.username = encodeURIComponent(role);
    url.password = encodeURIComponent(password);
    connection.connectionString = url.toString();
  }
  delete connection.schema;
  return {
    ...connection,
    user: role,
    password,
    max: 4,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    application_name: 'mail-merge-extraction',
  };
};

const unavailable = (state: Extract<RoleState, { ready: false }>) =>
  serviceUnavailableError(
    'sql.sandbox-unavailable',
    'Les extractions sont indisponibles : le rôle de base de données qui les exécute n’est pas en place. ' +
      'Un administrateur de la base doit exécuter le SQL indiqué (voir aussi les journaux du serveur).',
    `Extractions are unavailable: the database role that runs them is not in place (${state.reason}). ` +
      'A database administrator must run the SQL given in details.sql (also in the server log).',
    { reason: state.reason, sql: state.sql.join('\n') }
  );

export const createPostgresRunner = (strapi: Core.Strapi, target: () => RoleTarget) => {
  let pool: Pool | null = null;
  let state: RoleState | null = null;
  let checkedAt = 0;
  let preparing: Promise<RoleState> | null = null;

  const getPool = () => {
    const { role, password } = target();
    if (!pool) {
      pool = new Pool(poolConfig(strapi, role, password));
      // An idle client that errors (server restart) must not crash the process.
      pool.on('error', (error) => strapi.log.warn(`mail-merge: extraction connection error: ${errorMessage(error)}`));
    }
    return pool;
  };

  /** Logs in as the role once; on a wrong password, sets it (when allowed) and tries again. */
  const canLogIn = async (): Promise<string | null> => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const client = await getPool().connect();
        client.release();
        return null;
      } catch (error) {
        // 28P01 wrong password, 28000 no pg_hba entry for it.
        if (attempt > 0 || !hasCode(error, '28P01') || !(await resetPassword(strapi, target()))) {
          return `cannot log in as ${target().role}: ${errorMessage(error)}`;
        }
      }
    }
    return null;
  };

  const check = async (): Promise<RoleState> => {
    const wanted = target();
    let next = await prepareRole(strapi, wanted);
    if (next.ready) {
      const loginProblem = await canLogIn();
      if (loginProblem) next = { ...next, ready: false, reason: loginProblem, sql: [] };
    }
    if (!next.ready) {
      const sql = next.sql.length > 0 ? `\n${next.sql.join('\n')}` : '';
      const password = wanted.passwordConfigured
        ? ''
        : '\nThe role password is derived from APP_KEYS: set MAIL_EXTRACTION_DB_PASSWORD (extractions.postgres.password) to the password the DBA chose.';
      strapi.log.warn(`mail-merge: extractions are disabled until the database role is in place: ${next.reason}.${sql}${password}`);
    }
    state = next;
    checkedAt = Date.now();
    return next;
  };

  /** Runs check() once at a time; callers share the answer. */
  const prepare = () => {
    preparing ??= check().finally(() => {
      preparing = null;
    });
    return preparing;
  };

  const ensureReady = async () => {
    let current = state;
    if (!current || (!current.ready && Date.now() - checkedAt > RECHECK_MS)) current = await prepare();
    if (!current.ready) throw unavailable(current);
    return current;
  };

  return {
    prepare,

    async run(sql: string, params: unknown[], { timeoutMs, maxRows }: { timeoutMs: number; maxRows: number }): Promise<PostgresResult> {
      const { schema } = await ensureReady();
      const { role } = target();
      let client: PoolClient;
      try {
        client = await getPool().connect();
      } catch (error) {
        // The role's login stopped working (password changed, role dropped): look again.
        const next = await prepare();
        if (!next.ready) throw unavailable(next);
        throw error;
      }
      try {
        // Our own constant text: one round-trip for the transaction's settings.
        await client.query(
          `begin transaction isolation level repeatable read read only; set local role ${ident(role)}; ` +
            `set local statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}; set local search_path = ${ident(schema)}`
        );
        // `queryMode` (pg ≥ 8.12: the extended protocol, one statement only) is not in @types/pg.
        const config: QueryConfig & { queryMode: 'extended' } = {
          text: `select * from (\n${sql}\n) as mm_capped limit ${Math.max(0, Math.floor(maxRows)) + 1}`,
          values: params,
          queryMode: 'extended',
        };
        const result = await client.query(config);
        // Session-level advisory locks are not transactional: drop them with the transaction.
        await client.query('rollback; select pg_advisory_unlock_all()');
        client.release();
        return { fields: result.fields, rows: result.rows };
      } catch (error) {
        // A refused or cancelled query: the connection goes (PostgreSQL rolls back), none is reused
        // in an unknown state, and pg is not asked anything before it has finished answering.
        client.release(true);
        throw error;
      }
    },

    async close() {
      const current = pool;
      pool = null;
      await current?.end();
    },
  };
};
