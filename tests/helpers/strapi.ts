/**
 * Boots a real Strapi for one test file, on a fresh database: a temporary SQLite file, or a
 * temporary PostgreSQL database when DATABASE_CLIENT=postgres (created here, dropped at teardown).
 * Mail goes to an SMTP sink (smtp-server) on a random port through the real nodemailer provider.
 */
import fs from 'fs';
import { createRequire } from 'module';
import os from 'os';
import path from 'path';
import supertest from 'supertest';
import { inject } from 'vitest';
import type { Core } from '@strapi/strapi';
import { startSmtpSink, type SmtpSink } from '../../scripts/smtp-sink';
import { createTemporaryDatabase } from './postgres';

const requireCjs = createRequire(import.meta.url);
const APP_DIR = path.resolve(__dirname, '..', '..');

export const TEST_ACCOUNTS = {
  admin: { email: 'admin@test.example.test', password: 'Admin-Test-2026' },
  gestionnaire: { email: 'gestionnaire@test.example.test', password: 'Gestion-Test-2026' },
};

/** Fixed secrets for tests: nothing is written to .tmp/dev-secrets.json by parallel test files. */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  STRAPI_TELEMETRY_DISABLED: 'true',
  HOST: '127.0.0.1',
  PORT: '0',
  APP_KEYS: 'test-key-1,test-key-2',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  API_TOKEN_SALT: 'test-api-token-salt',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  ENCRYPTION_KEY: 'test-encryption-key-0123456789abcdef',
  JWT_SECRET: 'test-jwt-secret',
  ADMIN_EMAIL: TEST_ACCOUNTS.admin.email,
  ADMIN_PASSWORD: TEST_ACCOUNTS.admin.password,
  GESTIONNAIRE_EMAIL: TEST_ACCOUNTS.gestionnaire.email,
  GESTIONNAIRE_PASSWORD: TEST_ACCOUNTS.gestionnaire.password,
  SEED_DEMO: 'false',
  SMTP_HOST: '127.0.0.1',
  MAIL_DEFAULT_FROM: 'Mutuelle Test <no-reply@mutuelle.example.test>',
};

export type TestApp = {
  strapi: Core.Strapi;
  client: 'sqlite' | 'postgres';
  sink: SmtpSink;
  /** supertest bound to the app's HTTP server. */
  request: () => supertest.Agent;
  /** Base URL, when booted with `listen: true` (browser tests). */
  url?: string;
  teardown: () => Promise<void>;
};

type Options = {
  /** Listen on a real port and serve the built admin panel (browser tests). */
  listen?: boolean;
  /** Extra environment for this boot (for example SEED_DEMO). */
  env?: Record<string, string>;
  /** Boots from this compiled app folder instead of dist/ (see withPluginConfig). */
  distDir?: string;
  /** Overrides top-level keys of the mail-merge config (for example smaller limits). */
  pluginConfig?: Record<string, unknown>;
};

const prepareDatabase = async () => {
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const adminUrl = inject('pgAdminUrl');
    if (!adminUrl) throw new Error('DATABASE_CLIENT=postgres but the global setup found no PostgreSQL server');
    const database = await createTemporaryDatabase(adminUrl);
    process.env.DATABASE_URL = database.url;
    return { client: 'postgres' as const, cleanup: database.drop };
  }
  const filename = path.join(os.tmpdir(), `mail-merge-test-${process.pid}-${Date.now().toString(36)}.db`);
  process.env.DATABASE_CLIENT = 'sqlite';
  process.env.DATABASE_FILENAME = filename;
  return {
    client: 'sqlite' as const,
    cleanup: async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(filename + suffix, { force: true });
    },
  };
};

/**
 * `strapi.destroy()` calls process.removeAllListeners(), which also removes Vitest's IPC
 * listeners and kills the worker (setup notes, pitfall 13): keep them and put them back.
 */
const preservingProcessListeners = async (fn: () => Promise<void>) => {
  const saved = process.eventNames().map((event) => [event, process.rawListeners(event as any)] as const);
  try {
    await fn();
  } finally {
    for (const [event, listeners] of saved) {
      const present = new Set(process.rawListeners(event as any));
      for (const listener of listeners) if (!present.has(listener)) process.on(event as any, listener as any);
    }
  }
};

export const setupStrapi = async (options: Options = {}): Promise<TestApp> => {
  if (options.pluginConfig) {
    const copy = withPluginConfig(options.pluginConfig);
    try {
      const app = await setupStrapi({ ...options, pluginConfig: undefined, distDir: copy.distDir });
      return { ...app, teardown: () => app.teardown().finally(copy.remove) };
    } catch (error) {
      copy.remove();
      throw error;
    }
  }
  const sink = await startSmtpSink();
  Object.assign(process.env, TEST_ENV, { SMTP_PORT: String(sink.port) }, options.env ?? {});
  const database = await prepareDatabase();

  const { createStrapi } = requireCjs('@strapi/strapi');
  let strapi: Core.Strapi;
  try {
    strapi = createStrapi({
      appDir: APP_DIR,
      distDir: options.distDir ?? path.join(APP_DIR, 'dist'),
      autoReload: false,
      serveAdminPanel: Boolean(options.listen),
    });
    strapi.log.level = process.env.TEST_LOG_LEVEL || 'warn';
    await strapi.load();
    if (options.listen) await strapi.listen();
    else strapi.server.mount();
  } catch (error) {
    await sink.close();
    await database.cleanup().catch(() => {});
    throw error;
  }

  const address = strapi.server.httpServer.address();
  const url = options.listen && address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : undefined;

  return {
    strapi,
    client: database.client,
    sink,
    url,
    request: () => supertest.agent(strapi.server.httpServer),
    teardown: async () => {
      const email = strapi.plugin('email') as any;
      // Uploaded attachments land in the app's public/uploads: remove this database's files.
      const files = (await strapi.db.query('plugin::upload.file').findMany().catch(() => [])) as any[];
      for (const file of files) await strapi.plugin('upload').service('upload').remove(file).catch(() => {});
      // First the app (the plugin's destroy waits for a mail being handed to the provider: a
      // closed nodemailer pool never calls back, so closing it first could hang here for good).
      await preservingProcessListeners(() => strapi.destroy());
      // The pooled nodemailer transport keeps sockets open; the email plugin does not close it.
      email?.provider?.close?.();
      await sink.close();
      await database.cleanup();
    },
  };
};

/**
 * A copy of the compiled app whose config/plugins.js overrides these top-level keys of the
 * mail-merge plugin config (for example `pages` or `extractions`). Strapi reads plugin config from the files, so this is how a test
 * starts the app with a bad configuration.
 */
export const withPluginConfig = (config: Record<string, unknown>) => {
  const dist = path.join(APP_DIR, 'dist');
  // Inside the app, so that the copy still resolves node_modules.
  fs.mkdirSync(path.join(APP_DIR, '.tmp'), { recursive: true });
  const copy = fs.mkdtempSync(path.join(APP_DIR, '.tmp', 'test-dist-'));
  fs.cpSync(dist, copy, { recursive: true, filter: (source) => source !== path.join(dist, 'build') });
  // The admin panel's build is shared, not copied (browser tests with their own config).
  if (fs.existsSync(path.join(dist, 'build'))) fs.symlinkSync(path.join(dist, 'build'), path.join(copy, 'build'), 'dir');
  const original = path.join(dist, 'config', 'plugins.js');
  fs.writeFileSync(
    path.join(copy, 'config', 'plugins.js'),
    `const original = require(${JSON.stringify(original)});
module.exports = (ctx) => {
  const plugins = (original.default || original)(ctx);
  const current = plugins['mail-merge'] || {};
  plugins['mail-merge'] = { ...current, config: { ...(current.config || {}), ...${JSON.stringify(config)} } };
  return plugins;
};
`
  );
  return { distDir: copy, remove: () => fs.rmSync(copy, { recursive: true, force: true }) };
};

/** Starts the app with this mail-merge config; resolves to the start-up error, or null if it started. */
export const bootError = async (config: Record<string, unknown>): Promise<Error | null> => {
  const app = withPluginConfig(config);
  try {
    const started = await setupStrapi({ distDir: app.distDir });
    await started.teardown();
    return null;
  } catch (error) {
    return error as Error;
  } finally {
    app.remove();
  }
};
