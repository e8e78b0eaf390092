/**
 * Starts the app as a child process on a database the test owns, to kill it (SIGKILL: a crash,
 * nothing runs on the way out) or to run two instances on one PostgreSQL database.
 */
import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { inject } from 'vitest';
import { waitForReady } from '../../scripts/child-ready';
import { createTemporaryDatabase } from './postgres';
import { TEST_ENV } from './strapi';

export type StrapiProcess = { url: string; child: ChildProcess; kill: () => Promise<void> };

export const startStrapiProcess = async (env: Record<string, string>, timeoutMs = 90_000): Promise<StrapiProcess> => {
  const child = spawn(process.execPath, [path.join(__dirname, 'run-strapi.cjs')], {
    env: { ...process.env, ...TEST_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const port = await waitForReady(child, {
    what: 'Strapi process',
    timeoutMs,
    onTimeout: () => void kill(),
    onStderr: (chunk) => {
      if (process.env.TEST_CHILD_LOGS) process.stderr.write(chunk);
    },
  });
  return { url: `http://127.0.0.1:${port}`, child, kill };
};

/** A database for child processes: a SQLite file, or a PostgreSQL database when the run is on PostgreSQL. */
export const sharedDatabase = async (): Promise<{ client: 'sqlite' | 'postgres'; env: Record<string, string>; url?: string; drop: () => Promise<void> }> => {
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const database = await createTemporaryDatabase(inject('pgAdminUrl')!);
    return { client: 'postgres', env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url }, url: database.url, drop: database.drop };
  }
  const filename = path.join(os.tmpdir(), `mail-merge-process-${process.pid}-${Date.now().toString(36)}.db`);
  return {
    client: 'sqlite',
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(filename + suffix, { force: true });
    },
  };
};
