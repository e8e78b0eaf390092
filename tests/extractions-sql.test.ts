import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { superAdminToken } from './helpers/admin';
import { createHousehold, createProfessional } from './helpers/records';

/**
 * The SQL of extractions: what is refused (on save and at run time), what runs, read-only
 * execution with a timeout and a row cap, and one round-trip per chunk of records.
 */
const LIMITS = { timeoutMs: 1500, maxRows: 60, chunkSize: 50 };

const REFUSED: Array<[string, string, string | ((client: string) => string)]> = [
  ['DELETE', 'sql.not-select', 'delete from beneficiaries'],
  ['UPDATE', 'sql.not-select', "update beneficiaries set email = 'x@example.test'"],
  ['INSERT', 'sql.not-select', "insert into beneficiaries (last_name) values ('Intrus')"],
  ['DROP', 'sql.not-select', 'drop table beneficiaries'],
  ['CREATE', 'sql.', 'create table copie (id int)'],
  ['ALTER', 'sql.', 'alter table beneficiaries add column x int'],
  ['TRUNCATE', 'sql.', 'truncate table beneficiaries'],
  ['two statements, the second a write', 'sql.multiple-statements', 'select document_id from beneficiaries; delete from beneficiaries'],
  ['two selects', 'sql.multiple-statements', 'select document_id from beneficiaries; select document_id from adhesions'],
  ['a comment hiding a second statement', 'sql.multiple-statements', 'select document_id from beneficiaries /* ; */ ; delete from beneficiaries'],
  ['a line comment then a second statement', 'sql.multiple-statements', 'select document_id from beneficiaries -- fin\n; drop table beneficiaries'],
  ['SELECT … INTO', 'sql.', 'select * into copie from beneficiaries'],
  ['FOR UPDATE', 'sql.', 'select document_id from beneficiaries for update'],
  ['FOR SHARE', 'sql.', 'select document_id from beneficiaries for share'],
  ['a DELETE hidden in a CTE', 'sql.', 'with x as (delete from beneficiaries returning *) select * from x'],
  ['an UPDATE hidden in a CTE', 'sql.', "with x as (update beneficiaries set email = null returning *) select * from x"],
  ['admin users', 'sql.forbidden-table', 'select * from admin_users'],
  ['admin users through a join', 'sql.forbidden-table', 'select b.document_id from beneficiaries b join admin_users u on u.id = b.id'],
  ['API tokens in a subquery', 'sql.forbidden-table', 'select document_id from beneficiaries where id in (select id from strapi_api_tokens)'],
  ['sessions in a scalar subquery', 'sql.forbidden-table', 'select document_id, (select count(*) from strapi_sessions) as n from beneficiaries'],
  ['quoted credential table', 'sql.forbidden-table', 'select * from "admin_users"'],
  ['upper-case credential table', 'sql.forbidden-table', 'select * from ADMIN_USERS'],
  ['schema-qualified credential table', 'sql.forbidden-table', (client) => `select * from ${client === 'postgres' ? 'public' : 'main'}.admin_users`],
  ['credential table through UNION', 'sql.forbidden-table', 'select document_id from beneficiaries union select document_id from admin_users'],
  ['credential table in a CTE', 'sql.forbidden-table', 'with u as (select * from admin_users) select * from u'],
  ['the core store', 'sql.forbidden-table', 'select * from strapi_core_store_settings'],
  ['the plugin’s own tables', 'sql.forbidden-table', 'select * from mail_merge_templates'],
  ['the catalog', 'sql.', (client) => (client === 'postgres' ? 'select * from pg_catalog.pg_user' : 'select * from sqlite_master')],
  ['information_schema', 'sql.', 'select * from information_schema.tables'],
  ['set_config lifting the timeout', 'sql.forbidden-function', "select set_config('statement_timeout', '0', false) as x"],
  ['SQL hidden in a string', 'sql.forbidden-function', "select query_to_xml('select * from admin_users', true, false, '') as x"],
  ['reading a server file', 'sql.forbidden-function', "select pg_read_file('/etc/passwd') as x"],
  ['loading an extension', 'sql.forbidden-function', "select load_extension('evil') as x"],
  ['EXPLAIN', 'sql.', 'explain select * from beneficiaries'],
  ['PRAGMA', 'sql.', 'pragma table_info(beneficiaries)'],
  ['ATTACH', 'sql.', "attach database '/tmp/x.db' as x"],
  ['an empty query', 'sql.empty', '   '],
];

const ACCEPTED = [
  'select document_id, last_name as nom_benef from beneficiaries',
  "select b.document_id, a.number as num_adhesion from beneficiaries b left join beneficiaries_adhesion_lnk l on l.beneficiary_id = b.id left join adhesions a on a.id = l.adhesion_id where b.role = 'assure'",
  'with membres as (select document_id, last_name from beneficiaries) select m.document_id, upper(m.last_name) as nom from membres m',
  "select document_id, coalesce(email, 'aucun') as mail, length(last_name) as longueur from beneficiaries order by last_name",
  'select b.document_id, count(c.coverage_request_id) as nb_pec from beneficiaries b left join coverage_requests_beneficiary_lnk c on c.beneficiary_id = b.id group by b.document_id',
  "SELECT document_id, CASE WHEN email IS NULL THEN 'non' ELSE 'oui' END AS a_mail FROM beneficiaries;",
  '-- tous les bénéficiaires\nselect document_id /* clé */ from beneficiaries',
  'select document_id from beneficiaries where id not in (select beneficiary_id from beneficiaries_adhesion_lnk)',
];

describe('extraction SQL', () => {
  let app: TestApp;
  let token: string;
  const extractions = () => app.strapi.plugin('mail-merge').service('extractions');
  const admin = (method: 'get' | 'post' | 'put' | 'delete', url: string) =>
    app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    app = await setupStrapi({ pluginConfig: { extractions: LIMITS } });
    token = await superAdminToken(app);
    // 1 000 beneficiaries, inserted in one go (the query engine, not one HTTP call each).
    await app.strapi.db.query('api::beneficiary.beneficiary').createMany({
      data: Array.from({ length: 1000 }, (_, i) => ({
        documentId: `benef${String(i).padStart(5, '0')}xxxxxxxxxxxxx`,
        lastName: `Nom${i}`,
        firstName: `Prénom${i}`,
        email: `benef${i}@example.test`,
        role: i % 3 === 0 ? 'assure' : 'ayant_droit',
        publishedAt: new Date(),
      })),
    });
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it(`refuses ${REFUSED.length} forbidden queries on save, each with its reason in French and English`, async () => {
    const outcomes: string[] = [];
    for (const [label, code, sql] of REFUSED) {
      const query = typeof sql === 'function' ? sql(app.client) : sql;
      const res = await admin('post', '/extractions').send({ title: `Refusée : ${label}`, query, pages: ['beneficiaries'] });
      if (res.status !== 400 || !String(res.body.error?.details?.code).startsWith(code)) {
        outcomes.push(`${label}: ${res.status} ${JSON.stringify(res.body.error ?? res.body)}`);
        continue;
      }
      expect(res.body.error.message).toMatch(/\S/);
      expect(res.body.error.details.en).toMatch(/\S/);
    }
    expect(outcomes).toEqual([]);
    const saved = await admin('get', '/extractions').expect(200);
    expect(saved.body.data.filter((e: any) => e.title.startsWith('Refusée'))).toEqual([]);
  });

  it('refuses the same queries at run time, whatever is stored', async () => {
    for (const [, , sql] of REFUSED) {
      const query = typeof sql === 'function' ? sql(app.client) : sql;
      await expect(extractions().rowsForRecords(query, 'beneficiaries', ['x'])).rejects.toMatchObject({ details: expect.objectContaining({ code: expect.stringMatching(/^sql\./) }) });
    }
  });

  it(`accepts and runs ${ACCEPTED.length} legitimate queries: joins, CTEs, functions, comments`, async () => {
    for (const query of ACCEPTED) {
      const res = await admin('post', '/extractions/test').send({ query, limit: 3 });
      expect(res.status, `${query}\n${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.data.columns).toContain('document_id');
      expect(res.body.data.rows.length, query).toBeGreaterThan(0);
    }
  });

  it('runs read-only even if a write got past the parser', async () => {
    const before = await app.strapi.db.query('api::beneficiary.beneficiary').count();
    const runner = extractions().runner();
    await expect(runner.run("delete from beneficiaries where last_name like 'Nom%'", [], { timeoutMs: 1000, maxRows: 10 })).rejects.toThrow();
    expect(await app.strapi.db.query('api::beneficiary.beneficiary').count()).toBe(before);
  });

  it('stops a query running past the timeout with a clear error', async () => {
    const slow =
      app.client === 'postgres'
        ? 'select document_id, pg_sleep(5) as attente from beneficiaries limit 1'
        : 'with recursive r(n) as (select 1 union all select n + 1 from r where n < 30000000) select count(*) as document_id from r';
    const started = Date.now();
    const res = await admin('post', '/extractions/test').send({ query: slow });
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('sql.timeout');
    expect(res.body.error.message).toContain('délai');
    expect(Date.now() - started).toBeLessThan(LIMITS.timeoutMs + 2000);
  });

  it('refuses a fetch that returns more rows than the cap instead of truncating it', async () => {
    // Each beneficiary row multiplied by itself three times: 50 keys give 150 rows > 60.
    const multiplied =
      "select b.document_id from beneficiaries b join (select 1 as n union all select 2 union all select 3) t on 1 = 1";
    const keys = Array.from({ length: 50 }, (_, i) => `benef${String(i).padStart(5, '0')}xxxxxxxxxxxxx`);
    await expect(extractions().rowsForRecords(multiplied, 'beneficiaries', keys)).rejects.toMatchObject({
      details: expect.objectContaining({ code: 'sql.too-many-rows' }),
    });
  });

  it('fetches the rows of 1 000 records in one statement per chunk of 50', async () => {
    const statements: string[] = [];
    const stop = extractions().runner().onStatement((sql: string) => statements.push(sql));
    // The mail dispatcher polls the same database: pause it so that only our queries are counted.
    const dispatcher = app.strapi.plugin('mail-merge').service('dispatcher');
    await dispatcher.stop();
    const databaseQueries: string[] = [];
    const onQuery = (query: { sql: string }) => databaseQueries.push(query.sql);
    app.strapi.db.connection.client.on('query', onQuery);
    try {
      const keys = Array.from({ length: 1000 }, (_, i) => `benef${String(i).padStart(5, '0')}xxxxxxxxxxxxx`);
      const rows = await extractions().rowsForRecords(
        'select document_id, last_name as nom_benef, email as mail_benef from beneficiaries',
        'beneficiaries',
        [...keys, 'inconnu-sans-ligne']
      );
      expect(rows.size).toBe(1000);
      expect(rows.get('benef00042xxxxxxxxxxxxx')).toMatchObject({ nom_benef: 'Nom42', mail_benef: 'benef42@example.test' });
      expect(rows.has('inconnu-sans-ligne')).toBe(false);
    } finally {
      stop();
      app.strapi.db.connection.client.removeListener('query', onQuery);
      await dispatcher.start();
    }
    // 1 001 keys in chunks of 50: 21 statements, never one per record.
    expect(statements).toHaveLength(21);
    // They run on the sandbox's own connections (a restricted role, a child process), never on
    // Strapi's: its connection saw none of them.
    expect(databaseQueries.filter((sql) => sql.includes('mm_rows'))).toEqual([]);
  });

  it('binds one extraction to two pages, shows it under each, and requires their key column', async () => {
    const created = await admin('post', '/extractions')
      .send({
        title: 'Bénéficiaires et devis',
        description: 'Liste commune',
        query: 'select document_id, last_name as nom_benef from beneficiaries',
        pages: ['beneficiaries', 'simulations'],
      })
      .expect(201);
    expect(created.body.data.columns).toEqual(['document_id', 'nom_benef']);
    expect(created.body.data.bindings.map((b: any) => b.page).sort()).toEqual(['beneficiaries', 'simulations']);

    for (const page of ['beneficiaries', 'simulations']) {
      const res = await admin('get', `/extractions?page=${page}`).expect(200);
      expect(res.body.data.map((e: any) => e.title)).toContain('Bénéficiaires et devis');
    }

    // Editing it once changes it for every page.
    const id = created.body.data.documentId;
    await admin('put', `/extractions/${id}`)
      .send({ query: 'select document_id, last_name as nom_benef, first_name as prenom_benef from beneficiaries' })
      .expect(200);
    const simulations = await admin('get', '/extractions?page=simulations').expect(200);
    expect(simulations.body.data.find((e: any) => e.documentId === id).columns).toContain('prenom_benef');

    // Unbinding a page leaves the other.
    const unbound = await admin('put', `/extractions/${id}`).send({ pages: ['beneficiaries'] }).expect(200);
    expect(unbound.body.data.bindings.map((b: any) => b.page)).toEqual(['beneficiaries']);

    const noKey = await admin('post', '/extractions')
      .send({ title: 'Sans clé', query: 'select last_name as nom_benef from beneficiaries', pages: ['beneficiaries'] })
      .expect(400);
    expect(noKey.body.error.details.code).toBe('extraction.key-column');
    expect(noKey.body.error.message).toContain('document_id');

    const unknownPage = await admin('post', '/extractions')
      .send({ title: 'Page inconnue', query: 'select document_id from beneficiaries', pages: ['cotisations'] })
      .expect(400);
    expect(unknownPage.body.error.details.code).toBe('extraction.unknown-page');
  });

  it('warns before saving when the rows match no record of a bound page (its key column holds other ids)', async () => {
    await createProfessional(app, 'keys');
    const { insured } = await createHousehold(app, 'interne', 'keys');
    const check = (query: string) =>
      admin('post', '/extractions/check').send({ title: 'Clés', pages: ['beneficiaries'], query }).expect(200);
    // Professionals' ids under the beneficiaries' page: nothing the page's records can match.
    const wrong = await check('select document_id, last_name as nom from health_professionals');
    expect(wrong.body.data.keyMismatches).toEqual(['beneficiaries']);
    const right = await check(`select document_id, last_name as nom from beneficiaries where document_id = '${insured.documentId}'`);
    expect(right.body.data.keyMismatches).toEqual([]);
    // No rows yet is not a mismatch.
    const empty = await check("select document_id, last_name as nom from beneficiaries where last_name = 'Personne'");
    expect(empty.body.data.keyMismatches).toEqual([]);
  });

  it('« Tester » shows the columns and the row of a chosen record', async () => {
    const created = await admin('post', '/extractions')
      .send({ title: 'Test sur fiche', query: 'select document_id, email as mail_benef from beneficiaries', pages: ['beneficiaries'] })
      .expect(201);
    const res = await admin('post', `/extractions/${created.body.data.documentId}/test`)
      .send({ page: 'beneficiaries', record: 'benef00007xxxxxxxxxxxxx' })
      .expect(200);
    expect(res.body.data.columns).toEqual(['document_id', 'mail_benef']);
    expect(res.body.data.rows).toEqual([{ document_id: 'benef00007xxxxxxxxxxxxx', mail_benef: 'benef7@example.test' }]);

    const sample = await admin('post', `/extractions/${created.body.data.documentId}/test`).send({ limit: 5 }).expect(200);
    expect(sample.body.data.rows).toHaveLength(5);
  });
});
