/**
 * One database's run of `npm run bench` (scripts/bench.ts starts one process per database, so
 * that each measures a fresh Strapi's memory). Prints `RESULT <json>` at the end.
 *
 * 1. seed (bulk writer) enough households for 100 000 distinct eligible beneficiaries;
 * 2. for 10 000 then 100 000 recipients: raw nodemailer (pooled, pre-rendered messages) to the
 *    sink, then the same recipients as a grouped send end to end (pre-flight excluded; batch
 *    creation → `done`: preparation, render, ledger, events, SMTP), sampling Strapi's RSS;
 * 3. render rate of the shipped template on one core; compose latency for one record.
 */
import { fork } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import nodemailer from 'nodemailer';
import { Client } from 'pg';
import { seedScale } from '../../src/seed/scale';
import { noDelaySocket } from '../../src/utils/smtp-socket';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
// Each size gets its own recipients; the seed gives about 1.7 distinct eligible beneficiaries per adhesion.
const ADHESIONS = Number(process.env.BENCH_ADHESIONS ?? Math.ceil(SIZES.reduce((a, b) => a + b, 0) * 0.66));
const FROM = 'gestion@mutuelle.example.test';

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const startSink = () =>
  new Promise<{ port: number; count: () => Promise<number>; stop: () => void }>((resolve) => {
    const child = fork(path.join(__dirname, 'sink-process.ts'), { execArgv: ['-r', 'esbuild-register'] });
    const pending: ((count: number) => void)[] = [];
    child.on('message', (message: any) => {
      if (message.port) resolve({ port: message.port, count, stop: () => child.disconnect() });
      if (message.count !== undefined) pending.shift()?.(message.count);
    });
    const count = () =>
      new Promise<number>((done) => {
        pending.push(done);
        child.send('count');
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
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    };
  }
  const file = path.join(os.tmpdir(), `mail-merge-bench-${process.pid}.db`);
  Object.assign(process.env, { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file });
  return async () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  };
};

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
  const result: { documentId: string; email: string }[] = [];
  for (const row of rows) {
    const key = String(row.email).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(row);
    if (result.length === limit) break;
  }
  return result;
};

const main = async () => {
  const client = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
  const sink = await startSink();
  const dropDatabase = await temporaryDatabase(client);
  Object.assign(process.env, {
    SEED_DEMO: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    NODE_ENV: 'development',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    MAIL_POLL_INTERVAL_MS: '200',
  });
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi(await compileStrapi()).load();
  strapi.log.level = 'warn';
  const result: Record<string, any> = { database: client, node: process.version, cpus: os.cpus().length, runs: [] };
  try {
    let start = Date.now();
    const { counts } = await seedScale(strapi, { adhesions: ADHESIONS, coverageRequests: 0, simulations: 0, batchSize: 2000, seed: 42, prefix: 'BENCH' });
    result.seed = { adhesions: counts.adhesions, beneficiaries: counts.beneficiaries, seconds: (Date.now() - start) / 1000 };

    const plugin = strapi.plugin('mail-merge');
    const user = await strapi.db.query('admin::user').findOne({ where: { email: process.env.ADMIN_EMAIL || 'admin@mutuelle.example.test' } });
    const ability = await strapi.service('admin::permission').engine.generateUserAbility(user);
    await plugin.service('sender-profiles').save(user.id, { email: FROM, signature: '<p>Le service adhésions</p>' });
    const listed = (await plugin.service('templates').list({ page: 'beneficiaries' })).find((t: any) => t.title === 'Demande de pièces justificatives');
    const template = await plugin.service('templates').get(listed.documentId);
    const people = await eligibleBeneficiaries(strapi, SIZES.reduce((a, b) => a + b, 0));
    if (people.length < SIZES.reduce((a, b) => a + b, 0)) throw new Error(`only ${people.length} eligible beneficiaries: raise BENCH_ADHESIONS`);

    // One real rendering, sent K times to K addresses: what raw nodemailer is given.
    const [sampleRow] = (await plugin.service('extractions').rowsForRecords(template.extraction.query, 'beneficiaries', [people[0].documentId])).values();
    const sample = plugin.service('render').render(template, sampleRow);

    let offset = 0;
    for (const size of SIZES) {
      const recipients = people.slice(offset, offset + size);
      offset += size;

      // Raw nodemailer: the app's transport options (pool of 5, no Nagle), pre-rendered messages.
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: sink.port,
        pool: true,
        maxConnections: 5,
        ignoreTLS: true,
        getSocket: noDelaySocket(10_000),
      } as any);
      let before = await sink.count();
      start = Date.now();
      await Promise.all(
        recipients.map((person) => transport.sendMail({ from: FROM, to: person.email, subject: sample.subject, html: sample.html, text: sample.text }))
      );
      const rawSeconds = (Date.now() - start) / 1000;
      transport.close();
      if ((await sink.count()) - before !== size) throw new Error('raw nodemailer: the sink did not receive every message');

      // The grouped send, end to end.
      global.gc?.();
      await sleep(500);
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      before = await sink.count();
      start = Date.now();
      const batch = await plugin.service('batches').create(user, ability, {
        page: 'beneficiaries',
        template: template.documentId,
        selection: { ids: recipients.map((person) => person.documentId) },
      });
      let state = batch;
      while (state.status !== 'done') {
        // As often as the admin's progress bar.
        await sleep(1000);
        state = await plugin.service('batches').get(batch.documentId);
        if (['paused', 'cancelled'].includes(state.status)) throw new Error(`batch ${state.status}: ${state.pausedReason}`);
      }
      const groupedSeconds = (Date.now() - start) / 1000;
      clearInterval(sampler);
      const received = (await sink.count()) - before;
      result.runs.push({
        recipients: size,
        sent: state.counts.sent,
        skipped: state.counts.skipped,
        received,
        groupedSeconds,
        groupedRate: Math.round(state.counts.sent / groupedSeconds),
        rawSeconds,
        rawRate: Math.round(size / rawSeconds),
        ratio: Math.round((state.counts.sent / groupedSeconds / (size / rawSeconds)) * 100) / 100,
        rssBaselineMb: mb(baseline),
        rssPeakMb: mb(peak),
        rssGrowthMb: mb(peak - baseline),
      });
      console.error(`[bench ${client}] ${size}: grouped ${groupedSeconds.toFixed(1)} s, raw ${rawSeconds.toFixed(1)} s, RSS +${mb(peak - baseline)} MB`);
    }

    // Rendering on one core: the shipped template on a real row, compiled once.
    const render = plugin.service('render');
    let rendered = 0;
    start = Date.now();
    while (Date.now() - start < 3000) {
      render.render(template, sampleRow);
      rendered += 1;
    }
    result.renderRate = Math.round(rendered / ((Date.now() - start) / 1000));

    // Compose: the dialog's draft for one record, with every beneficiary in the database.
    const composeUser = { id: user.id, email: user.email, firstname: user.firstname, lastname: user.lastname };
    const timings: number[] = [];
    for (let i = 0; i < 220; i += 1) {
      const person = people[(i * 7919) % people.length];
      const t0 = process.hrtime.bigint();
      await plugin.service('sending').compose(composeUser, { page: 'beneficiaries', record: person.documentId, template: template.documentId });
      if (i >= 20) timings.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    result.compose = { samples: timings.length, p50: Math.round(percentile(timings, 50) * 10) / 10, p95: Math.round(percentile(timings, 95) * 10) / 10 };
    result.beneficiaries = await strapi.db.query('api::beneficiary.beneficiary').count();
  } finally {
    await strapi.destroy();
    (strapi.plugin('email') as any)?.provider?.close?.();
    sink.stop();
    await dropDatabase();
  }
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
};

main().catch((error) => {
  console.error(`bench: ${error?.stack ?? error}`);
  process.exit(1);
});
