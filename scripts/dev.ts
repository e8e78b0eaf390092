/**
 * `npm run dev`: the SMTP sink and Strapi (develop mode, SQLite by default) side by side, after
 * building the mail-merge plugin if its sources changed (Strapi loads its dist/).
 * On an empty database Strapi's bootstrap creates the accounts and the demo records; this script
 * prints where to log in once the app answers. Ctrl+C stops both.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { accountSettingsFromEnv } from '../src/seed/accounts';
import { ensurePluginBuilt } from './plugin-build';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

const APP = path.resolve(__dirname, '..');
const MAILS = path.join(APP, '.tmp', 'mails');
const port = Number(process.env.PORT || 1337);

/** The sink replaces real SMTP unless SMTP_HOST names another server (or SMTP_SINK=false). */
const useSink = () =>
  process.env.SMTP_SINK !== 'false' && ['', '127.0.0.1', 'localhost'].includes(process.env.SMTP_HOST ?? '');

const waitForHealth = async (timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/_health`);
      if (res.status === 204) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
};

const printBanner = (sink: SmtpSink | null) => {
  const accounts = accountSettingsFromEnv();
  const lines = [
    '',
    '┌──────────────────────────────────────────────────────────────────────',
    `│ Mails de fusion — admin : http://localhost:${port}/admin`,
    `│   super admin  : ${accounts.admin.email} / ${accounts.admin.password}`,
    `│   gestionnaire : ${accounts.gestionnaire.email} / ${accounts.gestionnaire.password}`,
    sink
      ? `│ SMTP sink : 127.0.0.1:${sink.port} — messages kept in ${path.relative(APP, MAILS)}/`
      : `│ SMTP : ${process.env.SMTP_HOST}:${process.env.SMTP_PORT ?? 587}`,
    `│ Database : ${process.env.DATABASE_CLIENT === 'postgres' ? process.env.DATABASE_URL : process.env.DATABASE_FILENAME || path.join('.tmp', 'data.db')}`,
    '└──────────────────────────────────────────────────────────────────────',
    '',
  ];
  console.log(lines.join('\n'));
};

const main = async () => {
  fs.mkdirSync(path.join(APP, 'public', 'uploads'), { recursive: true });
  ensurePluginBuilt();
  const env: NodeJS.ProcessEnv = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' };

  let sink: SmtpSink | null = null;
  if (useSink()) {
    const sinkPort = Number(process.env.SMTP_PORT || 1025);
    sink = await startSmtpSink({ port: sinkPort, dir: MAILS, log: (line) => console.log(line) }).catch((error) => {
      console.error(`The SMTP sink cannot listen on port ${sinkPort} (${error.message}). Set SMTP_PORT to a free port.`);
      process.exit(1);
    });
    Object.assign(env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), SMTP_SECURE: 'false' });
  }

  const strapi = spawn(process.execPath, [path.join(APP, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'develop'], {
    cwd: APP,
    env,
    stdio: 'inherit',
  });

  const stop = async (code: number) => {
    await sink?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => strapi.kill('SIGINT'));
  process.on('SIGTERM', () => strapi.kill('SIGTERM'));
  strapi.on('exit', (code) => stop(code ?? 0));

  if (await waitForHealth(10 * 60 * 1000)) printBanner(sink);
};

main();
