import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiToken, superAdminToken } from './helpers/admin';
import { bootError, setupStrapi, type TestApp } from './helpers/strapi';

/**
 * The extraction sandbox is enforced by the database, not by our SQL parser: each query here is
 * handed to the runner directly (no parser in the way) and must be refused by the database —
 * PostgreSQL's grants of the extraction role, SQLite's own compiled program — with nothing read
 * or changed. Then the parser-disagreement strings through the HTTP routes, and the timeouts.
 */
const TIMEOUT_MS = 1500;
const LIMITS = { timeoutMs: TIMEOUT_MS, maxRows: 100, chunkSize: 50 };
const isPostgres = process.env.DATABASE_CLIENT === 'postgres';

/** Reads of tables outside the allow-list, however they are reached. */
const FORBIDDEN_READS: Array<[string, string]> = [
  ['admin users', 'select id, password from admin_users'],
  ['API tokens', 'select access_key from strapi_api_tokens'],
  ['members (users-permissions)', 'select email, password from up_users'],
  ['core store', 'select key, value from strapi_core_store_settings'],
  ['a sub-select in the select list', 'select document_id, (select password from admin_users limit 1) as p from beneficiaries'],
  ['a sub-select in the where clause', 'select document_id from beneficiaries where exists (select 1 from up_users)'],
  ['a CTE', 'with t as (select access_key from strapi_api_tokens) select * from t'],
  ['a UNION', 'select email as document_id from beneficiaries union all select email from up_users'],
  ['the created_by relation', 'select b.document_id, u.password from beneficiaries b join admin_users u on u.id = b.created_by_id'],
  ['a join with the core store', 'select b.document_id, s.value from beneficiaries b join strapi_core_store_settings s on 1 = 1'],
  ['a quoted name', 'select * from "admin_users"'],
  ['an upper-case name', 'select * from ADMIN_USERS'],
];

/** Each dialect's own ways to read what no table reference shows. */
const DIALECT_READS: Array<[string, string]> = isPostgres
  ? [
      ['query_to_xml', "select query_to_xml('select password from admin_users', true, false, '')::text as x"],
      ['ts_stat', "select * from ts_stat('select to_tsvector(password) from admin_users')"],
      ['set_config(role) then query_to_xml', "select set_config('role', 'postgres', true) as r, query_to_xml('select password from admin_users', true, false, '')::text as x"],
      [
        'set_config(session_authorization) then query_to_xml',
        "select set_config('session_authorization', 'postgres', true) as r, query_to_xml('select access_key from strapi_api_tokens', true, false, '')::text as x",
      ],
      ['the password catalog', 'select rolname, rolpassword from pg_authid'],
      ['a server file', "select pg_read_file('/etc/passwd') as x"],
    ]
  : [
      ['the schema table', 'select * from sqlite_schema'],
      ['a pragma function', "select * from pragma_table_info('admin_users')"],
      ['a pragma function disguised as json_each', "select * from pragma_table_info('admin_users') as json_each"],
      ['a pragma function beside json_each', "select j.value, t.name from json_each('[1]') j, pragma_table_list t"],
      ['the temp schema', 'select * from sqlite_temp_schema'],
    ];

/** Writes and second statements, which the runner must never execute. */
const WRITES: Array<[string, string]> = [
  ['an UPDATE', 'update admin_users set password = reverse(password)'],
  ['a second statement', 'select 1 as a; update admin_users set password = reverse(password)'],
  ['a COMMIT then an UPDATE', 'select 1 as a; commit; update admin_users set password = reverse(password)'],
  [
    'a second statement closing the wrapper',
    "select 1 as a) as mm; commit; update admin_users set password = reverse(password); select * from (select 1 as b",
  ],
  ...((isPostgres
    ? [
        ['a sequence bump', "select nextval('admin_users_id_seq') as n"],
        ['a write in a CTE', "with x as (update beneficiaries set email = 'pirate@example.test' returning *) select * from x"],
      ]
    : [
        ['an INSERT … RETURNING', "insert into beneficiaries (document_id, last_name) values ('intrusxxxxxxxxxxxxxxxxxx', 'Intrus') returning id"],
        ['a DELETE … RETURNING', 'delete from beneficiaries returning id'],
      ]) as Array<[string, string]>),
];

/** Parser tricks (backslash escapes the parser honours and the databases do not), through HTTP. */
const PARSER_TRICKS = [
  "select document_id, 'a\\' , (select password from admin_users limit 1) as p --' as x from beneficiaries",
  "select 'a\\' as document_id, (select access_key from strapi_api_tokens limit 1) as k --'",
  "select 'x\\'; commit; update admin_users set password = reverse(password) --' as document_id",
  "select 1 as document_id, 'x\\' ) as mm; commit; update admin_users set password = reverse(password); select * from (select 1 --'",
];

describe('extraction sandbox walls (the database refuses, not our parser)', () => {
  let app: TestApp;
  let token: string;
  let contentToken: string;
  const runner = () => app.strapi.plugin('mail-merge').service('extractions').runner();
  const run = (sql: string) => runner().run(sql, [], { timeoutMs: TIMEOUT_MS, maxRows: 10 });
  const admin = (method: 'get' | 'post', url: string) => app.request()[method](url).set('Authorization', `Bearer ${token}`);

  /** Read on Strapi's own connection: what the runner must never see or change. */
  const secrets = async () => {
    const knex = app.strapi.db.connection;
    const pick = async (sql: string) => {
      const result: any = await knex.raw(sql);
      return JSON.stringify(result.rows ?? result);
    };
    return {
      admin: await pick(`select id, email, password from admin_users order by id`),
      tokens: await pick(`select id, access_key from strapi_api_tokens order by id`),
      members: await pick(`select id, password from up_users order by id`),
      beneficiaries: await pick(`select id, email, last_name from beneficiaries order by id`),
    };
  };
  let before: Awaited<ReturnType<typeof secrets>>;

  beforeAll(async () => {
    app = await setupStrapi({ pluginConfig: { extractions: LIMITS } });
    token = await superAdminToken(app);
    contentToken = await apiToken(app, 'full-access');
    await app.strapi.db.query('api::beneficiary.beneficiary').createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        documentId: `mur${i}xxxxxxxxxxxxxxxxxxxx`,
        lastName: `Mur${i}`,
        email: `mur${i}@example.test`,
        publishedAt: new Date(),
      })),
    });
    await app.strapi.plugin('users-permissions').service('user').add({
      username: 'membre.mur',
      email: 'membre.mur@example.test',
      password: 'Membre-Mur-2026',
      provider: 'local',
      confirmed: true,
    });
    before = await secrets();
    expect(JSON.parse(before.admin)[0].password).toMatch(/^\$2/);
    expect(JSON.parse(before.tokens).length).toBeGreaterThan(0);
    expect(JSON.parse(before.members).length).toBe(1);
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('allows the tables of the content types, their components and join tables, and nothing of Strapi', () => {
    const tables: string[] = runner().allowedTables();
    for (const table of [
      'beneficiaries',
      'adhesions',
      'structures',
      'coverage_requests',
      'simulations',
      'health_professionals',
      'components_membership_consents',
      'adhesions_cmps',
      'beneficiaries_adhesion_lnk',
      'coverage_requests_beneficiary_lnk',
    ]) {
      expect(tables, table).toContain(table);
    }
    for (const table of [
      'admin_users',
      'admin_roles',
      'strapi_api_tokens',
      'strapi_sessions',
      'strapi_core_store_settings',
      'up_users',
      'up_roles',
      'adhesions_member_lnk', // links adhesions to up_users
      'files',
      'mail_merge_messages',
      'mail_merge_templates',
    ]) {
      expect(tables, table).not.toContain(table);
    }
  });

  it('still runs an allowed query, joins and components included', async () => {
    const result = await run(
      `select b.document_id, b.last_name, a.number as adhesion, c.email as consentement
         from beneficiaries b
         left join beneficiaries_adhesion_lnk l on l.beneficiary_id = b.id
         left join adhesions a on a.id = l.adhesion_id
         left join adhesions_cmps ac on ac.entity_id = a.id
         left join components_membership_consents c on c.id = ac.cmp_id
        where b.last_name like 'Mur%' order by b.last_name`
    );
    expect(result.columns).toEqual(['document_id', 'last_name', 'adhesion', 'consentement']);
    expect(result.rows.map((row: any) => row.last_name)).toEqual(['Mur0', 'Mur1', 'Mur2', 'Mur3', 'Mur4']);
  });

  it(`refuses ${FORBIDDEN_READS.length + DIALECT_READS.length} reads of Strapi's tables, whatever the path`, async () => {
    const expectedCode = isPostgres ? 'sql.permission-denied' : 'sql.forbidden-table';
    const outcomes: string[] = [];
    for (const [label, sql] of [...FORBIDDEN_READS, ...DIALECT_READS]) {
      try {
        const result = await run(sql);
        outcomes.push(`${label}: RAN, ${JSON.stringify(result.rows).slice(0, 200)}`);
      } catch (error: any) {
        if (error?.details?.code !== expectedCode) outcomes.push(`${label}: ${error?.details?.code} ${error?.message}`);
        else if (!/\S/.test(error.message) || !/\S/.test(error.details.en)) outcomes.push(`${label}: no message`);
      }
    }
    expect(outcomes).toEqual([]);
    expect(await secrets()).toEqual(before);
  });

  it('names the table it refuses (SQLite: from the compiled program; PostgreSQL: its own message)', async () => {
    const error: any = await run('select document_id, (select password from admin_users limit 1) as p from beneficiaries').catch((e) => e);
    expect(error.message).toContain('admin_users');
    expect(error.details.en).toContain('admin_users');
  });

  it(`never executes ${WRITES.length} writes or second statements`, async () => {
    const outcomes: string[] = [];
    for (const [label, sql] of WRITES) {
      try {
        const result = await run(sql);
        outcomes.push(`${label}: RAN, ${JSON.stringify(result.rows).slice(0, 200)}`);
      } catch (error: any) {
        if (!String(error?.details?.code).startsWith('sql.')) outcomes.push(`${label}: ${error?.message}`);
      }
    }
    expect(outcomes).toEqual([]);
    expect(await secrets()).toEqual(before);
    if (isPostgres) {
      // lo_create is one write a READ ONLY transaction lets through: the run's rollback undoes it.
      const { rows } = await run('select lo_create(0) as o');
      const left: any = await app.strapi.db.connection.raw('select count(*)::int as n from pg_largeobject_metadata where oid = ?', [rows[0].o]);
      expect(left.rows[0].n).toBe(0);
    }
  });

  it('refuses the parser-disagreement strings through /extractions/check and /extractions/test, leaking nothing', async () => {
    const hash = JSON.parse(before.admin)[0].password;
    const accessKey = JSON.parse(before.tokens)[0].access_key;
    for (const query of PARSER_TRICKS) {
      for (const [url, body] of [
        ['/mail-merge/extractions/check', { title: 'Astuce', query, pages: [] }],
        ['/mail-merge/extractions/test', { query }],
      ] as const) {
        const res = await admin('post', url).send(body);
        expect(res.status, `${url} ${query}\n${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.error.details.code).toMatch(/^sql\./);
        expect(JSON.stringify(res.body)).not.toContain(hash);
        expect(JSON.stringify(res.body)).not.toContain(accessKey);
      }
    }
    expect(await secrets()).toEqual(before);
  });

  if (!isPostgres) {
    it('keeps Strapi\'s SQLite connection in WAL mode, foreign keys still on', async () => {
      const knex = app.strapi.db.connection;
      expect(await knex.raw('pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await knex.raw('pragma synchronous')).toEqual([{ synchronous: 1 }]); // NORMAL
      expect(await knex.raw('pragma foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    });
  }

  it('stops a query past its timeout, and Strapi writes and answers right after (and during)', async () => {
    const slow = isPostgres
      ? 'select pg_sleep(30) as document_id'
      : 'with recursive r(n) as (select 1 union all select n + 1 from r where n < 1000000000) select count(*) as document_id from r';
    const started = Date.now();
    const pending = admin('post', '/mail-merge/extractions/test').send({ query: slow }).then((res) => res);

    // While it runs: a write through the document service (Strapi's own connection).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = await app.strapi.documents('api::beneficiary.beneficiary').create({ data: { lastName: 'PendantLaRequête' } as any });
    expect(during.documentId).toBeTruthy();

    const res = await pending;
    const elapsed = Date.now() - started;
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('sql.timeout');
    expect(res.body.error.message).toContain('délai');
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1000);

    // Right after: a Content Manager write, really saved, and a content API read.
    const created = await admin('post', '/content-manager/collection-types/api::beneficiary.beneficiary').send({
      lastName: 'AprèsLaRequête',
      email: 'apres@example.test',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const saved = await app.strapi.db.query('api::beneficiary.beneficiary').findOne({ where: { lastName: 'AprèsLaRequête' } });
    expect(saved).toMatchObject({ email: 'apres@example.test' });
    const listed = await app.request().get('/api/beneficiaries').set('Authorization', `Bearer ${contentToken}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((b: any) => b.lastName)).toEqual(expect.arrayContaining(['PendantLaRequête', 'AprèsLaRequête']));

    // And the sandbox itself works again.
    const again = await run("select document_id from beneficiaries where last_name = 'AprèsLaRequête'");
    expect(again.rows).toEqual([{ document_id: saved.documentId }]);
  });

  it('gives a query asked during a slow one its own time: it answers, it is not taken down with it', async () => {
    const slow = isPostgres
      ? 'select pg_sleep(30) as document_id'
      : 'with recursive r(n) as (select 1 union all select n + 1 from r where n < 1000000000) select count(*) as document_id from r';
    const slowRun = run(slow).then(
      () => 'answered',
      (error: any) => error?.details?.code
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const quick = await run("select document_id, last_name from beneficiaries where last_name = 'AprèsLaRequête'");
    expect(quick.rows).toHaveLength(1);
    await expect(slowRun).resolves.toBe('sql.timeout');
  });
});

if (isPostgres) {
  /** PostgreSQL only: the role is not in place and Strapi cannot fix it (here: a superuser role, never touched). */
  describe('extraction sandbox without its database role (PostgreSQL)', () => {
    const role = `mm_walls_superuser_${process.pid}`;
    let app: TestApp;
    let token: string;
    const cluster = async () => {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: inject('pgAdminUrl')! });
      await client.connect();
      return client;
    };

    beforeAll(async () => {
      const admin = await cluster();
      try {
        await admin.query(`create role "${role}" superuser nologin`);
      } finally {
        await admin.end();
      }
      app = await setupStrapi({ pluginConfig: { extractions: { ...LIMITS, postgres: { role } } } });
      token = await superAdminToken(app);
    });

    afterAll(async () => {
      await app?.teardown();
      const admin = await cluster();
      try {
        await admin.query(`drop role if exists "${role}"`);
      } finally {
        await admin.end();
      }
    });

    it('answers 503 in French, with the English reason and the SQL a DBA must run', async () => {
      const res = await app
        .request()
        .post('/mail-merge/extractions/test')
        .set('Authorization', `Bearer ${token}`)
        .send({ query: 'select document_id from beneficiaries' });
      expect(res.status).toBe(503);
      expect(res.body.error.details.code).toBe('sql.sandbox-unavailable');
      expect(res.body.error.message).toContain('rôle de base de données');
      expect(res.body.error.details.en).toContain('superuser');
      expect(res.body.error.details.sql).toContain(`CREATE ROLE "${role}" LOGIN NOSUPERUSER`);
      expect(res.body.error.details.sql).toContain(`TO "${role}"`);
      expect(res.body.error.details.sql).toContain('"public"."beneficiaries"');
      expect(res.body.error.details.sql).not.toContain('admin_users');
    });
  });
}

// Its own boot, after the app above is gone (two Strapi instances share the `strapi` global).
describe('extraction sandbox configuration', () => {
  it('refuses a table name in extractions.allowTables that is not a plain name, at start-up', async () => {
    const error = await bootError({ extractions: { ...LIMITS, allowTables: ['beneficiaries; drop table x'] } });
    expect(String(error?.message)).toContain('extractions.allowTables[] must be table names');
  });
});
