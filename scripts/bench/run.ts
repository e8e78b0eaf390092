/**
 * One database's run of `npm run bench` (scripts/bench.ts starts one process per database, so
 * that each measures a fresh Strapi's memory). Prints `RESULT <json>` on stdout at the end;
 * progress goes to stderr.
 *
 * 1. seed (bulk writer) enough households for every recipient set below, distinct from each other,
 *    and at least BENCH_COMPOSE_BENEFICIARIES beneficiaries; then `ANALYZE` (see below);
 * 2. one untimed warm-up grouped send (BENCH_WARMUP recipients), then for each size of
 *    BENCH_SIZES, BENCH_RUNS times (the largest size once): raw nodemailer to the
 *    sink (bounded concurrency, pre-rendered message), then the same recipients as a grouped send
 *    end to end (pre-flight excluded; batch creation → `done`: preparation, render, ledger, events,
 *    SMTP), sampling Strapi's RSS; each run has its own recipients;
 * 3. render rate of the shipped template on one core; compose latency for one record; the query
 *    plan of each shipped extraction;
 * 4. PostgreSQL only: the scale-out figure, with the in-process Strapi stopped — separate Strapi
 *    processes on the same database, a sink answering each message after BENCH_SINK_DELAY_MS:
 *    one instance alone, then two sharing one grouped send.
 *
 * Method (issue 11, « Benchmark targets »):
 * - done detection: `batches.get(id)` polled every BENCH_POLL_MS (50 ms), the end time is the
 *   poll that first sees `done` — a 1 s poll would add up to 1 s to a 10 s figure;
 * - raw nodemailer: 2 × maxConnections workers, each awaiting its sendMail before the next, so
 *   the pool's queue stays short; 100 000 promises at once measure nodemailer's queue, not SMTP;
 * - planner statistics: `ANALYZE` (the whole database) after the bulk seed and before each timed
 *   grouped send (not timed): after a bulk load PostgreSQL has none, and autovacuum's analyze
 *   comes when it comes — the plans, hence the figures, would depend on its timing;
 * - one connection count for both sides: MAIL_CONCURRENCY (else SMTP_MAX_CONNECTIONS, else 5) is
 *   given to Strapi as both MAIL_CONCURRENCY and SMTP_MAX_CONNECTIONS, and to raw nodemailer as
 *   its pool size.
 */
import { fork } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import nodemailer from 'nodemailer';
import { Client } from 'pg';
import { seedScale } from '../../src/seed/scale';
import { SHIPPED_EXTRACTIONS } from '../../src/mail-merge/shipped-extractions';
import { noDelaySocket } from '../../src/utils/smtp-socket';
import { adminClient, startInstance, waitBatchDone, type Instance } from './instances';

const APP = path.resolve(__dirname, '..', '..');
const int = (name: string, fallback: number) => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new Error(`${name} must be a non-negative number, not "${value}"`);
  return number;
};

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
if (SIZES.length === 0 || SIZES.some((size) => !Number.isInteger(size) || size <= 0)) {
  throw new Error(`BENCH_SIZES must be positive whole numbers separated by commas, not "${process.env.BENCH_SIZES}"`);
}
const LARGEST = SIZES[SIZES.length - 1];
const RUNS = Math.max(1, int('BENCH_RUNS', 3));
/** The largest size runs once: its figures are time and memory at scale, and 3 × 100k is too long. */
const runsOf = (size: number) => (SIZES.length > 1 && size === LARGEST ? 1 : RUNS);
const CONNECTIONS = int('MAIL_CONCURRENCY', int('SMTP_MAX_CONNECTIONS', 5));
const POLL_MS = int('BENCH_POLL_MS', 50);
const SCALE_OUT_SIZE = int('BENCH_SCALEOUT_SIZE', 3000);
const SINK_DELAY_MS = int('BENCH_SINK_DELAY_MS', 20);
const COMPOSE_BENEFICIARIES = int('BENCH_COMPOSE_BENEFICIARIES', 150_000);
/**
 * Recipients of an untimed grouped send before the timed ones (in-process, and on each scale-out
 * instance): the first send of a process pays one-time costs (the extraction sandbox's pool, the
 * template's compilation, JIT warm-up) that the figure of a 10 000 send should not carry.
 */
const WARMUP = int('BENCH_WARMUP', 200);
const COMPOSE_SAMPLES = 200;
const COMPOSE_WARMUP = 20;

/*
 * Seed size. src/seed/demo-data.ts `household`: 1–4 people (weights 40/25/20/15, mean 2.1), an
 * address for 95 % of the insured, 90 % of spouses, 50–85 % of children (about 1.81 addresses per
 * adhesion), and 8 % of memberships refuse e-mail: about 1.67 distinct eligible beneficiaries per
 * adhesion. The bench counts on 1.5 (a margin for the seed's randomness) and on 2.0 beneficiaries
 * per adhesion for the compose floor, and checks the eligible count after seeding anyway.
 */
const ELIGIBLE_PER_ADHESION = 1.5;
const BENEFICIARIES_PER_ADHESION = 2.0;
const scaleOutNeeded = (client: string) => (client === 'postgres' && SCALE_OUT_SIZE > 0 ? 2 * (WARMUP + SCALE_OUT_SIZE) : 0);
const recipientsNeeded = (client: string) => WARMUP + SIZES.reduce((sum, size) => sum + size * runsOf(size), 0) + scaleOutNeeded(client);
const adhesionsFor = (client: string) =>
  int(
    'BENCH_ADHESIONS',
    Math.max(Math.ceil(recipientsNeeded(client) / ELIGIBLE_PER_ADHESION), Math.ceil(COMPOSE_BENEFICIARIES / BENEFICIARIES_PER_ADHESION))
  );

const FROM = 'gestion@mutuelle.example.test';
// Explicit secrets: the in-process Strapi and the scale-out instances must agree (admin sessions,
// the derived password of the extraction role), and nothing is written to .tmp/dev-secrets.json.
const ADMIN = { email: 'admin@bench.example.test', password: 'Admin-Bench-2026' };
const BENCH_ENV: Record<string, string> = {
  NODE_ENV: 'development',
  STRAPI_TELEMETRY_DISABLED: 'true',
  SEED_DEMO: 'false',
  APP_KEYS: 'bench-key-1,bench-key-2',
  ADMIN_JWT_SECRET: 'bench-admin-jwt-secret',
  API_TOKEN_SALT: 'bench-api-token-salt',
  TRANSFER_TOKEN_SALT: 'bench-transfer-token-salt',
  ENCRYPTION_KEY: 'bench-encryption-key-0123456789abcdef',
  JWT_SECRET: 'bench-jwt-secret',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  // The extraction role is cluster-wide and its password derives from APP_KEYS: a role of its own,
  // so that the bench never resets the password of the role a concurrent test run logs in with.
  MAIL_EXTRACTION_DB_ROLE: 'mail_merge_bench_extraction',
  SMTP_HOST: '127.0.0.1',
  MAIL_POLL_INTERVAL_MS: '100',
  MAIL_CONCURRENCY: String(CONNECTIONS),
  SMTP_MAX_CONNECTIONS: String(CONNECTIONS),
};

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const log = (client: string, line: string) => console.error(`[bench ${client}] ${line}`);

type SinkStats = { count: number; distinct: number; duplicates: number };
type Sink = { port: number; stats: () => Promise<SinkStats>; reset: () => Promise<void>; stop: () => void };

/** The sink process (sink-process.ts); `delayMs` delays each message's answer. */
const startSink = (delayMs = 0) =>
  new Promise<Sink>((resolve, reject) => {
    const child = fork(path.join(__dirname, 'sink-process.ts'), {
      execArgv: ['-r', 'esbuild-register'],
      env: { ...process.env, SINK_DELAY_MS: String(delayMs) },
    });
    const pending = new Map<number, (reply: any) => void>();
    let next = 0;
    const ask = (cmd: string) =>
      new Promise<any>((done) => {
        next += 1;
        pending.set(next, done);
        child.send({ id: next, cmd });
      });
    child.once('error', reject);
    child.on('message', (message: any) => {
      if (message.port) {
        resolve({
          port: message.port,
          stats: () => ask('stats'),
          reset: () => ask('reset').then(() => undefined),
          stop: () => child.connected && child.disconnect(),
        });
      } else if (message.id !== undefined) {
        const done = pending.get(message.id);
        pending.delete(message.id);
        done?.(message);
      }
    });
  });

const temporaryDatabase = async (client: string) => {
  if (client === 'postgres') {
    const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `mail_merge_bench_${process.pid}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    Object.assign(process.env, { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() });
    return async () => {
      const dropper = new Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists "${name}" with (force)`);
        // The bench's own extraction role (BENCH_ENV): only this database was granted to it. Left
        // in place when another bench database still uses it (PostgreSQL refuses the drop).
        await dropper.query(`drop role if exists "${BENCH_ENV.MAIL_EXTRACTION_DB_ROLE}"`).catch(() => {});
      } finally {
        await dropper.end();
      }
    };
  }
  const file = path.join(os.tmpdir(), `mail-merge-bench-${process.pid}.db`);
  Object.assign(process.env, { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file });
  return async () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
  };
};

/**
 * Compiles the app, then copies dist/ (without the admin build) to a folder of this run: the
 * other users of dist/ (a test run compiles it at its start) cannot change what the bench's
 * Strapi processes load midway. Inside the app, so that the copy still resolves node_modules.
 * The plugin itself is loaded from its own build (src/plugins/mail-merge/dist, made current by
 * scripts/bench.ts before the runs).
 */
const compiledCopy = async () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { compileStrapi } = require('@strapi/strapi');
  const { distDir } = await compileStrapi({ appDir: APP });
  fs.mkdirSync(path.join(APP, '.tmp'), { recursive: true });
  const copy = fs.mkdtempSync(path.join(APP, '.tmp', 'bench-dist-'));
  fs.cpSync(distDir, copy, { recursive: true, filter: (source) => source !== path.join(distDir, 'build') });
  return { distDir: copy, remove: () => fs.rmSync(copy, { recursive: true, force: true }) };
};

/** Stops an in-process Strapi, and the email provider's SMTP pool, which destroy() leaves open. */
const stopStrapi = async (strapi: any) => {
  const provider = strapi.plugin('email')?.provider;
  await strapi.destroy();
  provider?.close?.();
};

/** Planner statistics of every table, as current as the data (see the header). */
const analyze = async (strapi: any) => {
  const t0 = now();
  await strapi.db.connection.raw('ANALYZE');
  return (now() - t0) / 1000;
};

type Person = { documentId: string; email: string };

/** Distinct addresses of beneficiaries whose membership accepts e-mail, in id order. */
const eligibleBeneficiaries = async (strapi: any, limit: number) => {
  const knex = strapi.db.connection;
  const rows = await knex('beneficiaries as b')
    .join('beneficiaries_adhesion_lnk as l', 'l.beneficiary_id', 'b.id')
    .join('adhesions_cmps as c', function on(this: any) {
      this.on('c.entity_id', '=', 'l.adhesion_id').andOn('c.field', '=', knex.raw('?', ['consent']));
    })
    .join('components_membership_consents as k', 'k.id', 'c.cmp_id')
    .whereNotNull('b.email')
    .whereNot('k.email', 'refus')
    .orderBy('b.id')
    .select('b.document_id as documentId', 'b.email as email');
  const seen = new Set<string>();
  const result: Person[] = [];
  for (const row of rows) {
    const key = String(row.email).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(row);
    if (result.length === limit) break;
  }
  return result;
};

/**
 * Raw nodemailer: the app's transport options (pool, no Nagle) and one pre-rendered message, sent
 * by 2 × maxConnections workers that each await their mail before taking the next: the pool
 * always has a mail ready for a free connection, and never a queue of 100 000.
 */
const sendRaw = async (port: number, recipients: { email: string }[], message: { subject: string; html: string; text: string }) => {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    pool: true,
    maxConnections: CONNECTIONS,
    ignoreTLS: true,
    getSocket: noDelaySocket(10_000),
  } as any);
  let next = 0;
  const worker = async () => {
    while (next < recipients.length) {
      const person = recipients[next];
      next += 1;
      await transport.sendMail({ from: FROM, to: person.email, subject: message.subject, html: message.html, text: message.text });
    }
  };
  const t0 = now();
  try {
    await Promise.all(Array.from({ length: 2 * CONNECTIONS }, worker));
    return (now() - t0) / 1000;
  } finally {
    transport.close();
  }
};

/** The query plan of a statement, as the database prints it, on Strapi's own connection. */
const explain = async (strapi: any, client: string, sql: string, params: unknown[]) => {
  const knex = strapi.db.connection;
  if (client === 'postgres') {
    // `$n` placeholders, as the extraction runner sends them: straight to pg, not through knex.
    const connection = await knex.client.acquireConnection();
    try {
      const run = async (text: string) => (await connection.query(text, params)).rows as any[];
      // ANALYZE runs the SELECT: the plan with its actual row counts and time, not only estimates.
      const rows = await run(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
      const times: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const t0 = now();
        await run(sql);
        times.push(now() - t0);
      }
      return { plan: rows.map((row) => row['QUERY PLAN']).join('\n'), ms: round(median(times)) };
    } finally {
      await knex.client.releaseConnection(connection);
    }
  }
  const rows = (await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, params)) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, 0]]);
  const lines = rows.map((row) => {
    const level = (depth.get(row.parent) ?? 0) + 1;
    depth.set(row.id, level);
    return `${'  '.repeat(level - 1)}${row.detail}`;
  });
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const t0 = now();
    await knex.raw(sql, params);
    times.push(now() - t0);
  }
  return { plan: lines.join('\n'), ms: round(median(times)) };
};

/**
 * The plan of each shipped extraction as it runs for one record (the compose path): the SQL and
 * parameters are the ones rowsForRecords hands to the extraction runner, caught on their way
 * (so a rewrite of the wrapping is followed), for a record in the middle of the page's table.
 */
const queryPlans = async (strapi: any, client: string) => {
  const plugin = strapi.plugin('mail-merge');
  const extractions = plugin.service('extractions');
  const runner = extractions.runner?.();
  const plans: any[] = [];
  for (const shipped of SHIPPED_EXTRACTIONS) {
    const pageKey = shipped.pages[0];
    try {
      const page = plugin.service('pages').get(pageKey);
      const records = strapi.db.query(page.contentType);
      const total = await records.count();
      const [sample] = total > 0 ? await records.findMany({ select: ['documentId'], orderBy: { id: 'asc' }, offset: Math.floor(total / 2), limit: 1 }) : [];
      if (!sample) {
        plans.push({ key: shipped.key, page: pageKey, rows: total, plan: '(no record to run it for)' });
        continue;
      }
      let captured: { sql: string; params: unknown[] } | undefined;
      if (runner && typeof runner.run === 'function') {
        const original = runner.run;
        runner.run = async (sql: string, params: unknown[], options: unknown) => {
          captured ??= { sql, params };
          return original.call(runner, sql, params, options);
        };
        try {
          await extractions.rowsForRecords(shipped.query, pageKey, [sample.documentId]);
        } finally {
          runner.run = original;
        }
      }
      if (!captured) throw new Error('the extraction runner was not reached (extractions.runner().run)');
      const { plan, ms } = await explain(strapi, client, captured.sql, captured.params);
      plans.push({ key: shipped.key, page: pageKey, rows: total, record: sample.documentId, ms, plan });
    } catch (error: any) {
      plans.push({ key: shipped.key, page: pageKey, plan: `(not available: ${error?.message ?? error})` });
    }
  }
  return plans;
};

/**
 * The scale-out figure (PostgreSQL): Strapi processes on the bench database, the sink answering
 * each message after SINK_DELAY_MS. (a) instance A alone sends a grouped send; (b) instance B is
 * started beside A and both share one grouped send of other recipients. The batches are created
 * through A's admin API and polled there every POLL_MS.
 */
const scaleOut = async (client: string, templateId: string, distDir: string, take: (count: number) => Person[]) => {
  const [warmA, setA, warmB, setB] = [take(WARMUP), take(SCALE_OUT_SIZE), take(WARMUP), take(SCALE_OUT_SIZE)];
  const sink = await startSink(SINK_DELAY_MS);
  const env = { SMTP_PORT: String(sink.port), BENCH_DIST_DIR: distDir };
  const instances: Instance[] = [];
  try {
    log(client, `scale-out: starting instance A (sink answers after ${SINK_DELAY_MS} ms)…`);
    instances.push(await startInstance('A', env));
    const callA = await adminClient(instances[0], ADMIN.email, ADMIN.password);

    const timed = async (recipients: Person[]) => {
      await sink.reset();
      const t0 = now();
      const created = await callA('POST', '/batches', {
        page: 'beneficiaries',
        template: templateId,
        selection: { ids: recipients.map((person) => person.documentId) },
      });
      if (created.status !== 202) throw new Error(`POST /batches: ${created.status} ${JSON.stringify(created.body)}`);
      const batchId = created.body.data.documentId as string;
      const { batch, doneAt } = await waitBatchDone(callA, batchId, POLL_MS, 30 * 60_000);
      const seconds = (doneAt - t0) / 1000;
      const sink_ = await sink.stats();
      return {
        batchId,
        recipients: recipients.length,
        sent: batch.counts.sent,
        seconds: round(seconds, 3),
        rate: Math.round(batch.counts.sent / seconds),
        received: sink_.count,
        distinct: sink_.distinct,
        duplicates: sink_.duplicates,
      };
    };

    // Untimed, as in-process: each instance's first send pays its one-time costs outside the figure.
    if (warmA.length > 0) await timed(warmA);
    const one = await timed(setA);
    log(client, `scale-out: one instance ${one.rate} msg/s (${one.sent} in ${one.seconds} s); starting instance B…`);
    instances.push(await startInstance('B', env));
    // Both instances running: B takes its share of this one, so that its first claims are warm too.
    if (warmB.length > 0) await timed(warmB);
    const two = await timed(setB);
    log(client, `scale-out: two instances ${two.rate} msg/s (${two.sent} in ${two.seconds} s)`);

    // Who delivered what in (b): both instances must have taken part. Read from the ledger's table
    // as it is today; a renamed column only loses this detail, not the figure.
    let split: Record<string, number> | null = null;
    const pg = new Client({ connectionString: process.env.DATABASE_URL });
    await pg.connect();
    try {
      const { rows } = await pg.query(
        `select claimed_by, count(*)::int as n from mail_merge_messages where batch_id = $1 and status = 'sent' group by claimed_by`,
        [two.batchId]
      );
      split = Object.fromEntries(rows.map((row: any) => [String(row.claimed_by), row.n]));
    } catch {
      split = null;
    } finally {
      await pg.end();
    }
    return {
      recipients: setA.length,
      sinkDelayMs: SINK_DELAY_MS,
      connectionsPerInstance: CONNECTIONS,
      one,
      two,
      ratio: round(two.rate / one.rate),
      split,
      // Each address once, and every mail the ledger calls sent arrived.
      noDuplicate: one.duplicates === 0 && two.duplicates === 0,
      complete: one.received === one.sent && two.received === two.sent,
    };
  } finally {
    for (const instance of instances.reverse()) await instance.stop();
    sink.stop();
  }
};

const main = async () => {
  const client = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
  const sink = await startSink();
  const dropDatabase = await temporaryDatabase(client);
  Object.assign(process.env, BENCH_ENV, { SMTP_PORT: String(sink.port) });
  const compiled = await compiledCopy();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createStrapi } = require('@strapi/strapi');
  let strapi: any = await createStrapi({ appDir: APP, distDir: compiled.distDir, autoReload: false, serveAdminPanel: false }).load();
  strapi.log.level = 'warn';
  const result: Record<string, any> = {
    database: client,
    node: process.version,
    cpus: os.cpus().length,
    connections: CONNECTIONS,
    pollMs: POLL_MS,
    warmup: WARMUP,
    runsPerSize: Object.fromEntries(SIZES.map((size) => [size, runsOf(size)])),
    runs: [],
  };
  try {
    // 1. Seed. Coverage requests and simulations too, so that their extractions' plans are those
    // of real tables; the grouped sends and compose read beneficiaries only.
    const adhesions = adhesionsFor(client);
    const extra = int('BENCH_COVERAGE_REQUESTS', Math.round(adhesions / 4));
    log(client, `seeding ${adhesions} adhesions, ${extra} coverage requests and simulations…`);
    let t0 = now();
    const { counts } = await seedScale(strapi, {
      adhesions,
      coverageRequests: extra,
      simulations: extra,
      batchSize: 2000,
      seed: 42,
      prefix: 'BENCH',
    });
    const seedSeconds = (now() - t0) / 1000;
    const analyzeSeconds = await analyze(strapi);
    result.seed = {
      adhesions: counts.adhesions,
      beneficiaries: counts.beneficiaries,
      coverageRequests: counts.coverageRequests,
      simulations: counts.simulations,
      seconds: round(seedSeconds, 1),
      analyzeSeconds: round(analyzeSeconds, 2),
    };
    log(client, `seeded ${counts.beneficiaries} beneficiaries in ${seedSeconds.toFixed(1)} s, ANALYZE ${analyzeSeconds.toFixed(1)} s`);

    const plugin = strapi.plugin('mail-merge');
    const user = await strapi.db.query('admin::user').findOne({ where: { email: ADMIN.email } });
    if (!user) throw new Error(`no admin user ${ADMIN.email}: the accounts seed did not run`);
    const ability = await strapi.service('admin::permission').engine.generateUserAbility(user);
    await plugin.service('sender-profiles').save(user.id, { email: FROM, signature: '<p>Le service adhésions</p>' });
    const listed = (await plugin.service('templates').list({ page: 'beneficiaries' })).find((t: any) => t.title === 'Demande de pièces justificatives');
    const template = await plugin.service('templates').get(listed.documentId);
    const needed = recipientsNeeded(client);
    const people = await eligibleBeneficiaries(strapi, needed);
    if (people.length < needed) throw new Error(`only ${people.length} eligible beneficiaries for ${needed} recipients: raise BENCH_ADHESIONS`);
    let offset = 0;
    const take = (count: number) => {
      const slice = people.slice(offset, offset + count);
      offset += count;
      return slice;
    };

    // One real rendering, sent K times to K addresses: what raw nodemailer is given.
    const [sampleRow] = (await plugin.service('extractions').rowsForRecords(template.extraction.query, 'beneficiaries', [people[0].documentId])).values();
    const sample = plugin.service('render').render(template, sampleRow);

    /**
     * One grouped send end to end, from the batch's creation to the poll that first sees `done`
     * (every POLL_MS); each poll's own duration is kept, since it runs on Strapi's event loop.
     */
    const groupedSend = async (recipients: Person[], polls: number[] = []) => {
      const g0 = now();
      const batch = await plugin.service('batches').create(user, ability, {
        page: 'beneficiaries',
        template: template.documentId,
        selection: { ids: recipients.map((person) => person.documentId) },
      });
      for (;;) {
        const p0 = now();
        const state = await plugin.service('batches').get(batch.documentId);
        const seen = now();
        polls.push(seen - p0);
        if (state.status === 'done') return { state, seconds: (seen - g0) / 1000 };
        if (['paused', 'cancelled'].includes(state.status)) throw new Error(`batch ${state.status}: ${state.pausedReason}`);
        await sleep(POLL_MS);
      }
    };

    if (WARMUP > 0) {
      await groupedSend(take(WARMUP));
      log(client, `warm-up send of ${WARMUP} done`);
    }

    // 2. Grouped sends beside raw nodemailer.
    for (const size of SIZES) {
      for (let run = 1; run <= runsOf(size); run += 1) {
        const recipients = take(size);

        await sink.reset();
        const rawSeconds = await sendRaw(sink.port, recipients, sample);
        if ((await sink.stats()).count !== size) throw new Error('raw nodemailer: the sink did not receive every message');

        await analyze(strapi);
        global.gc?.();
        await sleep(500);
        await sink.reset();
        const baseline = process.memoryUsage().rss;
        let peak = baseline;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
        const polls: number[] = [];
        const { state, seconds: groupedSeconds } = await groupedSend(recipients, polls).finally(() => clearInterval(sampler));
        const received = await sink.stats();
        const groupedRate = state.counts.sent / groupedSeconds;
        const rawRate = size / rawSeconds;
        const entry = {
          recipients: size,
          run,
          sent: state.counts.sent,
          skipped: state.counts.skipped,
          received: received.count,
          duplicates: received.duplicates,
          groupedSeconds: round(groupedSeconds, 3),
          groupedRate: Math.round(groupedRate),
          rawSeconds: round(rawSeconds, 3),
          rawRate: Math.round(rawRate),
          ratio: round(groupedRate / rawRate),
          rssBaselineMb: mb(baseline),
          rssPeakMb: mb(peak),
          rssGrowthMb: mb(peak - baseline),
          // What the 50 ms progress poll itself cost (it runs on the same event loop).
          polls: polls.length,
          pollMeanMs: round(polls.reduce((a, b) => a + b, 0) / polls.length),
        };
        result.runs.push(entry);
        log(
          client,
          `${size} #${run}: grouped ${groupedSeconds.toFixed(2)} s (${entry.groupedRate} msg/s), raw ${rawSeconds.toFixed(2)} s (${entry.rawRate} msg/s), ` +
            `ratio ${entry.ratio}, RSS +${entry.rssGrowthMb} MB, ${entry.received}/${entry.sent} at the sink`
        );
      }
    }
    // Each figure of a size: the median of its runs, figure by figure.
    result.sizes = SIZES.map((size) => {
      const runs = result.runs.filter((run: any) => run.recipients === size);
      const pick = (key: string) => median(runs.map((run: any) => run[key]));
      return {
        recipients: size,
        runs: runs.length,
        groupedSeconds: round(pick('groupedSeconds'), 3),
        groupedRate: Math.round(pick('groupedRate')),
        rawSeconds: round(pick('rawSeconds'), 3),
        rawRate: Math.round(pick('rawRate')),
        ratio: round(pick('ratio')),
        rssPeakMb: round(pick('rssPeakMb'), 1),
        rssGrowthMb: round(pick('rssGrowthMb'), 1),
        delivered: runs.every((run: any) => run.received === run.sent && run.duplicates === 0),
      };
    });

    // 3a. Rendering on one core: the shipped template on a real row, compiled once.
    const render = plugin.service('render');
    let rendered = 0;
    t0 = now();
    while (now() - t0 < 3000) {
      render.render(template, sampleRow);
      rendered += 1;
    }
    result.renderRate = Math.round(rendered / ((now() - t0) / 1000));

    // 3b. Compose: the dialog's draft for one record (rights, consent, extraction, render), with
    // every beneficiary of the seed in the database; records spread over the whole table.
    result.beneficiaries = await strapi.db.query('api::beneficiary.beneficiary').count();
    const composeUser = { id: user.id, email: user.email, firstname: user.firstname, lastname: user.lastname };
    const timings: number[] = [];
    for (let i = 0; i < COMPOSE_WARMUP + COMPOSE_SAMPLES; i += 1) {
      const person = people[(i * 7919) % people.length];
      const c0 = now();
      await plugin.service('sending').compose(composeUser, { page: 'beneficiaries', record: person.documentId, template: template.documentId }, ability);
      if (i >= COMPOSE_WARMUP) timings.push(now() - c0);
    }
    result.compose = { samples: timings.length, beneficiaries: result.beneficiaries, p50: round(percentile(timings, 50), 1), p95: round(percentile(timings, 95), 1) };
    log(client, `compose among ${result.beneficiaries} beneficiaries: p50 ${result.compose.p50} ms, p95 ${result.compose.p95} ms`);

    // 3c. Query plans of the shipped extractions at this size.
    result.plans = await queryPlans(strapi, client);

    // 4. Scale-out: the in-process Strapi stops first (its dispatcher would be a third instance).
    const stopping = strapi;
    strapi = null;
    await stopStrapi(stopping);
    if (client === 'postgres' && SCALE_OUT_SIZE > 0) {
      result.scaleOut = await scaleOut(client, template.documentId, compiled.distDir, take);
    }
  } finally {
    if (strapi) await stopStrapi(strapi).catch(() => {});
    sink.stop();
    await dropDatabase();
    compiled.remove();
  }
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
};

main().catch((error) => {
  console.error(`bench: ${error?.stack ?? error}`);
  process.exit(1);
});
