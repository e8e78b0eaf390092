/**
 * `npm run bench`: figures for the paths that must scale, on a throw-away database
 * (a temporary SQLite file, or a temporary PostgreSQL database with DATABASE_CLIENT=postgres).
 *
 * - seed: N adhesions with their households (bulk writer);
 * - extraction rows for every beneficiary, through the shipped extraction: time, statements,
 *   rows/s, heap growth;
 * - rendering of the shipped template on each row: renders/s, compiled versions kept.
 *
 * Options: --adhesions N (default 20000).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client } from 'pg';
import { seedScale } from '../src/seed/scale';

const argValue = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench: --${name} must be a positive whole number`);
    process.exit(2);
  }
  return value;
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const temporaryDatabase = async () => {
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `mail_merge_bench_${process.pid}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    return async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    };
  }
  const file = path.join(os.tmpdir(), `mail-merge-bench-${process.pid}.db`);
  process.env.DATABASE_CLIENT = 'sqlite';
  process.env.DATABASE_FILENAME = file;
  return async () => fs.rmSync(file, { force: true });
};

const main = async () => {
  const adhesions = argValue('adhesions', 20_000);
  Object.assign(process.env, { SEED_DEMO: 'false', STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: 'development' });
  const dropDatabase = await temporaryDatabase();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi(await compileStrapi()).load();
  strapi.log.level = 'warn';
  const client = strapi.db.dialect.client;
  const figures: string[] = [];
  try {
    let start = Date.now();
    const { rows } = await seedScale(strapi, {
      adhesions,
      coverageRequests: 0,
      simulations: 0,
      batchSize: 2000,
      seed: 42,
      prefix: 'BENCH',
    });
    figures.push(`seed: ${adhesions} adhesions, ${rows} table rows in ${((Date.now() - start) / 1000).toFixed(1)} s`);

    const plugin = strapi.plugin('mail-merge');
    const extraction = (await strapi.documents('plugin::mail-merge.extraction' as any).findFirst({ filters: { shippedKey: 'beneficiaries' } } as any)) as any;
    const template = (await plugin.service('templates').list({ page: 'beneficiaries' }))[0];
    const { tableName } = strapi.db.metadata.get('api::beneficiary.beneficiary') as any;
    const keys = (await strapi.db.connection(tableName).select('document_id')).map((row: any) => row.document_id);

    let statements = 0;
    const stop = plugin.service('extractions').runner().onStatement(() => (statements += 1));
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    start = Date.now();
    const extracted = await plugin.service('extractions').rowsForRecords(extraction.query, 'beneficiaries', keys);
    const extractMs = Date.now() - start;
    const heapAfter = process.memoryUsage().heapUsed;
    stop();
    const { chunkSize } = strapi.config.get('plugin::mail-merge').extractions ?? { chunkSize: 500 };
    figures.push(
      `extraction rows: ${extracted.size} records in ${extractMs} ms (${Math.round(extracted.size / (extractMs / 1000))} records/s), ` +
        `${statements} statements (chunks of ${chunkSize ?? 500}), heap +${mb(heapAfter - heapBefore)}`
    );

    const render = plugin.service('render');
    start = Date.now();
    let bytes = 0;
    for (const row of extracted.values()) {
      try {
        bytes += render.render(template, row).html.length;
      } catch {
        // beneficiaries without an e-mail have an empty recipient: rendering still counts
      }
    }
    const renderMs = Date.now() - start;
    figures.push(
      `render: ${extracted.size} mails in ${renderMs} ms (${Math.round(extracted.size / (renderMs / 1000))} renders/s, ` +
        `${mb(bytes)} of HTML), ${render.cacheSize()} compiled template version(s) kept`
    );
  } finally {
    await strapi.destroy();
    await dropDatabase();
  }
  console.log(`\nbench (${client}, node ${process.version}):\n  ${figures.join('\n  ')}`);
  process.exit(0);
};

main().catch((error) => {
  console.error(`bench: ${error?.stack ?? error}`);
  process.exit(1);
});
