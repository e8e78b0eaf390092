import { describe, expect, it } from 'vitest';
import { DEFAULT_FORBIDDEN_TABLES } from '../../../config/schema';
import { checkExtractionSql, type Dialect } from '../sql-guard';

const DIALECTS: Dialect[] = ['sqlite', 'postgres'];
const codeOf = (sql: string, dialect: Dialect) => {
  const result = checkExtractionSql(sql, dialect, DEFAULT_FORBIDDEN_TABLES);
  return result.ok ? 'ok' : result.problem.code;
};

describe('the SQL guard of extractions (parsed by node-sql-parser, one rule per refusal)', () => {
  it('accepts one SELECT, with joins, a CTE and a trailing semicolon, and lists the tables it reads', () => {
    for (const dialect of DIALECTS) {
      const result = checkExtractionSql(
        `with insured as (select id from beneficiaries where role = 'assure')
select b.document_id, a.number as num_adhesion from beneficiaries b
left join adhesions a on a.id = b.id where b.id in (select id from insured);`,
        dialect,
        DEFAULT_FORBIDDEN_TABLES
      );
      expect(result.ok, dialect).toBe(true);
      if (!result.ok) continue;
      expect(result.sql.endsWith(';')).toBe(false);
      expect(result.tables).toContain('beneficiaries');
      expect(result.tables).toContain('adhesions');
    }
  });

  it('refuses what is not exactly one read', () => {
    const cases: [string, string][] = [
      ['', 'sql.empty'],
      ['   ', 'sql.empty'],
      ['select 1; select 2', 'sql.multiple-statements'],
      ["update beneficiaries set email = 'x'", 'sql.not-select'],
      ['delete from beneficiaries', 'sql.not-select'],
      ['drop table beneficiaries', 'sql.not-select'],
      ['this is not sql', 'sql.unparsable'],
    ];
    for (const dialect of DIALECTS) {
      for (const [sql, code] of cases) expect(codeOf(sql, dialect), `${dialect}: ${sql}`).toBe(code);
    }
    // Locking clauses: neither dialect's grammar takes them, so they never reach the rule after.
    for (const dialect of DIALECTS) expect(codeOf('select * from beneficiaries for update', dialect)).toBe('sql.unparsable');
  });

  it('refuses credential and internal tables, however they are reached', () => {
    const hostile = [
      'select email, password from admin_users',
      'select * from beneficiaries b join admin_users u on u.id = b.id',
      'select * from beneficiaries where id in (select id from up_users)',
      'with t as (select * from strapi_api_tokens) select * from t',
      'select * from mail_merge_messages',
      'select * from ADMIN_USERS',
    ];
    for (const dialect of DIALECTS) {
      for (const sql of hostile) expect(codeOf(sql, dialect), `${dialect}: ${sql}`).toBe('sql.forbidden-table');
    }
    expect(codeOf('select * from pg_catalog.pg_authid', 'postgres')).toBe('sql.forbidden-table');
    expect(codeOf('select * from information_schema.tables', 'postgres')).toBe('sql.forbidden-table');
    expect(codeOf('select * from sqlite_master', 'sqlite')).toBe('sql.forbidden-table');
  });

  it('refuses functions that run hidden SQL, change settings or touch files', () => {
    const hostile = [
      "select query_to_xml('select * from admin_users', true, true, '')",
      "select set_config('statement_timeout', '0', false)",
      "select pg_read_file('/etc/passwd')",
      'select pg_terminate_backend(1)',
      "select current_setting('is_superuser')",
      "select lo_import('/etc/passwd')",
    ];
    for (const sql of hostile) expect(codeOf(sql, 'postgres'), sql).toBe('sql.forbidden-function');
    // The timeout stops a long query; pg_sleep is not the guard's business.
    expect(codeOf('select pg_sleep(1)', 'postgres')).toBe('ok');
  });

  it('explains each refusal in French and in English', () => {
    const result = checkExtractionSql('select * from admin_users', 'sqlite', DEFAULT_FORBIDDEN_TABLES);
    expect(result).toMatchObject({
      ok: false,
      problem: { fr: 'La requête lit une table interdite : admin_users.', en: 'The query reads a forbidden table: admin_users.' },
    });
  });
});
