/**
 * PostgreSQL: the login role extractions run as, and its grants.
 *
 * The role's session user must itself be restricted: `SET LOCAL ROLE` from a privileged session
 * is no wall (`set_config('role', 'postgres', true)` inside the query switches back, since
 * PostgreSQL checks against the session user). So the role logs in on its own connections
 * (postgres-runner.ts) and holds SELECT on the allowed tables only — nothing else of the schema.
 *
 * At start-up, when Strapi's database user may do it, the role is created (or fixed) and granted,
 * idempotently (so new content types follow); then the result is verified. Otherwise the exact
 * SQL a DBA must run is logged and extraction runs answer 503 until it is in place.
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errorMessage, errorProperty, hasCode } from '../../utils/errors';

export type RoleTarget = { role: string; password: string; passwordConfigured: boolean; tables: string[] };

export type RoleState =
  | { ready: true; database: string; schema: string }
  | { ready: false; reason: string; sql: string[]; database: string; schema: string };

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The password when none is configured: the same on every instance sharing the app's secrets. */
export const derivePassword = (strapi: Core.Strapi, role: string) => {
  const keys = (strapi.config.get('server.app.keys') as string[] | undefined) ?? [];
  const secret = keys.join(',') || String(strapi.config.get('admin.auth.secret') ?? '');
  if (!secret) throw new Error('mail-merge: set extractions.postgres.password (no app secret to derive it from)');
  return crypto.createHmac('sha256', secret).update(`mail-merge extraction role ${role}`).digest('base64url');
};

/**
 * A SCRAM-SHA-256 verifier of the password (what PostgreSQL stores), so that the password itself
 * never appears in a statement (statement logs). Only for printable ASCII, where SASLprep changes
 * nothing; otherwise the server hashes the literal.
 */
const passwordSql = (password: string) => {
  if (!/^[\x20-\x7e]+$/.test(password)) return literal(password);
  const iterations = 4096;
  const salt = crypto.randomBytes(16);
  const salted = crypto.pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const hmac = (text: string) => crypto.createHmac('sha256', salted).update(text).digest();
  const storedKey = crypto.createHash('sha256').update(hmac('Client Key')).digest();
  const serverKey = hmac('Server Key');
  return literal(`SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`);
};

const ROLE_OPTIONS = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS';

/** What a DBA runs when Strapi's user may not (the password stays a placeholder: set the env var to it). */
export const dbaSql = ({ role, tables }: RoleTarget, database: string, schema: string) => [
  `CREATE ROLE ${ident(role)} ${ROLE_OPTIONS} PASSWORD '<MAIL_EXTRACTION_DB_PASSWORD>';`,
  `ALTER ROLE ${ident(role)} SET default_transaction_read_only = on;`,
  `GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(role)};`,
  `GRANT USAGE ON SCHEMA ${ident(schema)} TO ${ident(role)};`,
  `REVOKE ALL ON ALL TABLES IN SCHEMA ${ident(schema)} FROM ${ident(role)};`,
  `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${ident(schema)} FROM ${ident(role)};`,
  ...(tables.length > 0 ? [`GRANT SELECT ON ${tables.map((t) => `${ident(schema)}.${ident(t)}`).join(', ')} TO ${ident(role)};`] : []),
];

/**
 * Catalog rows several instances (or parallel test databases: the role is cluster-wide) may
 * update at once: PostgreSQL answers « tuple concurrently updated », a duplicate, or a deadlock.
 */
const RETRIED = new Set(['XX000', '40001', '40P01', '23505', '42710']);

const withRetry = async <T>(fn: () => Promise<T>, attempts = 5): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !RETRIED.has(String(errorProperty(error, 'code')))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
};

type Knex = Core.Strapi['db']['connection'];

/** The rows of a catalog query, typed by the caller (`T`: the columns it selects). */
const rows = async <T extends object>(knex: Knex, sql: string, bindings: readonly (string | number)[] = []) =>
  (await knex.raw<{ rows: T[] }>(sql, bindings)).rows;

/** The columns of `pg_roles` read here. */
type RoleRow = { oid: number; rolsuper: boolean; rolcreaterole: boolean; rolcanlogin: boolean; rolbypassrls: boolean };

/** Sets the role's password, when Strapi's user may (its login failed with the expected one). */
export const resetPassword = async (strapi: Core.Strapi, { role, password }: RoleTarget) => {
  const knex = strapi.db.connection;
  const [me] = await rows<Pick<RoleRow, 'rolsuper' | 'rolcreaterole'>>(knex, 'select rolsuper, rolcreaterole from pg_roles where rolname = current_user');
  if (!me?.rolsuper && !me?.rolcreaterole) return false;
  await withRetry(() => knex.raw(`alter role ${ident(role)} password ${passwordSql(password)}`));
  return true;
};

/** Makes the role and its grants what they should be, as far as Strapi's user may. */
const provision = async (knex: Knex, target: RoleTarget, database: string, schema: string, log: Core.Strapi['log']) => {
  const { role, tables } = target;
  const [me] = await rows<Pick<RoleRow, 'rolsuper' | 'rolcreaterole'>>(knex, 'select rolsuper, rolcreaterole from pg_roles where rolname = current_user');
  const mayManageRoles = Boolean(me?.rolsuper || me?.rolcreaterole);
  const existing = async () => (await rows<Pick<RoleRow, 'oid' | 'rolcanlogin' | 'rolsuper'>>(knex, 'select oid, rolcanlogin, rolsuper from pg_roles where rolname = ?', [role]))[0];

  let current = await existing();
  if (!current && mayManageRoles) {
    try {
      await knex.raw(`create role ${ident(role)} ${ROLE_OPTIONS} password ${passwordSql(target.password)}`);
    } catch (error) {
      // Created meanwhile by another instance or test database: the same role, fine.
      if (!hasCode(error, '42710') && !hasCode(error, '23505')) throw error;
    }
    current = await existing();
  }
  if (!current) return;

  if (mayManageRoles && !current.rolsuper) {
    if (!current.rolcanlogin) await withRetry(() => knex.raw(`alter role ${ident(role)} login`));
    const [setting] = await rows<{ '?column?': number }>(
      knex,
      "select 1 from pg_db_role_setting s where s.setrole = ? and s.setdatabase = 0 and 'default_transaction_read_only=on' = any(s.setconfig)",
      [current.oid]
    );
    if (!setting) await withRetry(() => knex.raw(`alter role ${ident(role)} set default_transaction_read_only = on`));
  }

  // Each may fail for lack of rights (not the owner): verify() says whether what exists suffices.
  const attempt = async (label: string, fn: () => Promise<unknown>) => {
    try {
      await withRetry(fn);
    } catch (error) {
      log.debug(`mail-merge: ${label} failed: ${errorMessage(error)}`);
    }
  };
  await attempt('grant connect', () => knex.raw(`grant connect on database ${ident(database)} to ${ident(role)}`));
  await attempt('grant usage', () => knex.raw(`grant usage on schema ${ident(schema)} to ${ident(role)}`));
  // In one transaction: a run in between never sees the role without its grants.
  await attempt('grants', () =>
    knex.transaction(async (trx) => {
      await trx.raw(`revoke all on all tables in schema ${ident(schema)} from ${ident(role)}`);
      await trx.raw(`revoke all on all sequences in schema ${ident(schema)} from ${ident(role)}`);
      if (tables.length > 0) {
        await trx.raw(`grant select on ${tables.map((t) => `${ident(schema)}.${ident(t)}`).join(', ')} to ${ident(role)}`);
      }
    })
  );
};

/** Why the role is not a wall yet, or null when it is: exactly the allowed tables, nothing more. */
const verify = async (knex: Knex, { role, tables }: RoleTarget, database: string, schema: string): Promise<string | null> => {
  const [current] = await rows<Pick<RoleRow, 'rolcanlogin' | 'rolsuper' | 'rolbypassrls'>>(knex, 'select rolcanlogin, rolsuper, rolbypassrls from pg_roles where rolname = ?', [role]);
  if (!current) return `role ${role} does not exist`;
  if (current.rolsuper || current.rolbypassrls) return `role ${role} is a superuser or bypasses row security`;
  if (!current.rolcanlogin) return `role ${role} cannot log in`;
  const [access] = await rows<{ connect: boolean; usage: boolean }>(knex, "select has_database_privilege(?, ?, 'CONNECT') as connect, has_schema_privilege(?, ?, 'USAGE') as usage", [
    role,
    database,
    role,
    schema,
  ]);
  if (!access?.connect) return `role ${role} may not connect to database ${database}`;
  if (!access?.usage) return `role ${role} has no USAGE on schema ${schema}`;
  const missing = await rows<{ t: string }>(
    knex,
    `select t from jsonb_array_elements_text(?::jsonb) as t
      where not has_table_privilege(?, format('%I.%I', ?::text, t), 'SELECT')`,
    [JSON.stringify(tables), role, schema]
  );
  if (missing.length > 0) return `role ${role} may not read: ${missing.map((row) => row.t).join(', ')}`;
  // Anything readable beyond the allow-list (a DBA's broad grant, pg_read_all_data…) breaks the wall.
  const extra = await rows<{ relname: string }>(
    knex,
    `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
        and c.relkind in ('r', 'v', 'm', 'p', 'f')
        and (n.nspname <> ? or c.relname not in (select jsonb_array_elements_text(?::jsonb)))
        and (has_table_privilege(?, c.oid, 'SELECT') or has_table_privilege(?, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE'))
      order by 1 limit 20`,
    [schema, JSON.stringify(tables), role, role]
  );
  if (extra.length > 0) return `role ${role} may read or write more than the allowed tables: ${extra.map((row) => row.relname).join(', ')}`;
  return null;
};

/** Provisions what it may, then says whether the role holds. Tables of the list that do not exist are skipped. */
export const prepareRole = async (strapi: Core.Strapi, wanted: RoleTarget): Promise<RoleState> => {
  const knex = strapi.db.connection;
  const [where] = await rows<{ database: string; schema: string }>(knex, 'select current_database() as database, current_schema() as schema');
  const { database, schema } = where;
  const present = new Set(
    (await rows<{ tablename: string }>(knex, 'select tablename from pg_tables where schemaname = ? and tablename in (select jsonb_array_elements_text(?::jsonb))', [
      schema,
      JSON.stringify(wanted.tables),
    ])).map(
      (row) => row.tablename
    )
  );
  const absent = wanted.tables.filter((table) => !present.has(table));
  if (absent.length > 0) strapi.log.warn(`mail-merge: extractions.allowTables names tables that do not exist: ${absent.join(', ')}`);
  const target = { ...wanted, tables: wanted.tables.filter((table) => present.has(table)) };

  try {
    await provision(knex, target, database, schema, strapi.log);
  } catch (error) {
    strapi.log.debug(`mail-merge: provisioning the extraction role failed: ${errorMessage(error)}`);
  }
  const reason = await verify(knex, target, database, schema);
  if (!reason) return { ready: true, database, schema };
  return { ready: false, reason, sql: dbaSql(target, database, schema), database, schema };
};
