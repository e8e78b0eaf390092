/**
 * Parent side of the SQLite extraction process (sqlite-child.js): one child, kept alive between
 * runs, holding a read-only connection to the app's database file. A run past its timeout kills
 * the child (SIGKILL: its locks go with it) and the next run starts a new one. Strapi's own
 * connection is never used, so it can never be left locked or inside a transaction.
 *
 * Runs are handed to the child one at a time (it has one thread anyway): each one's timeout
 * starts when the child takes it, so a slow query neither eats the time of those queued behind
 * it nor takes them down when it is killed.
 */
import { fork, type ChildProcess } from 'child_process';
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';
import type { Core } from '@strapi/strapi';
import { connectionSettingsOf } from '../../utils/strapi-adapters';

export type SqliteResult = { columns: string[]; types: Array<string | null>; rows: Record<string, unknown>[] };

type Pending = { owner: ChildProcess; resolve: (value: SqliteResult) => void; reject: (error: unknown) => void; timer: NodeJS.Timeout };
type Waiting = {
  sql: string;
  params: unknown[];
  timeoutMs: number;
  maxRows: number;
  resolve: (value: SqliteResult) => void;
  reject: (error: unknown) => void;
};

/** What sqlite-child.js posts back for a run. */
type ChildMessage = Partial<SqliteResult> & { id: number; error?: { message: string; code?: string; table?: string } };

/**
 * sqlite-child.js (and the sqlite-program.js it requires) is a plain script the child process
 * runs as it is: it is not bundled. The app loads the built plugin (dist/server/index.js,
 * everything in server/src bundled into it), where __dirname is dist/server and no longer this
 * folder. So the package ships both scripts at their place in the sources ("files" in
 * package.json) and they are found from the package root, the nearest folder with a
 * package.json: the same files from the build and from the sources (unit tests). The ESM build
 * has no __dirname: import.meta.url there.
 */
const packageRoot = (dir = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url))): string =>
  fs.existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir ? dir : packageRoot(path.dirname(dir));

const CHILD = path.join(packageRoot(), 'server', 'src', 'services', 'extractions', 'sqlite-child.js');

export const createSqliteRunner = (strapi: Core.Strapi, allowedTables: () => string[]) => {
  const filename = connectionSettingsOf(strapi).filename as string;
  let child: ChildProcess | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const waiting: Waiting[] = [];

  const settle = (id: number) => {
    const entry = pending.get(id);
    if (entry) {
      pending.delete(id);
      clearTimeout(entry.timer);
    }
    return entry;
  };

  const failAll = (error: Error, owner?: ChildProcess) => {
    for (const [id, entry] of [...pending]) if (!owner || entry.owner === owner) settle(id)?.reject(error);
  };

  // An idle child must not keep the process alive (CLI commands, tests ending).
  const holdProcess = (target: ChildProcess, hold: boolean) => {
    if (hold) {
      target.ref();
      target.channel?.ref();
    } else {
      target.unref();
      target.channel?.unref();
    }
  };

  const start = () => {
    const created = fork(CHILD, [filename], {
      // Advanced serialisation keeps Buffers and BigInts; no loaders of the parent (execArgv).
      serialization: 'advanced',
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    created.on('message', ({ id, error, columns, types, rows }: ChildMessage) => {
      const entry = settle(id);
      if (pending.size === 0) holdProcess(created, false);
      if (!entry) return;
      if (error) entry.reject(Object.assign(new Error(error.message), { code: error.code, table: error.table }));
      else entry.resolve({ columns: columns ?? [], types: types ?? [], rows: rows ?? [] });
    });
    // Runs still waiting on this child (queued behind one that was killed, or a crash) fail now.
    const gone = (reason: string) => {
      if (child === created) child = null;
      failAll(Object.assign(new Error(reason), { code: 'MM_CHILD_EXIT' }), created);
    };
    created.on('error', (error) => gone(error.message));
    created.on('exit', (code, signal) => gone(`extraction process exited (${signal ?? code})`));
    return created;
  };

  const kill = (target: ChildProcess) => {
    if (child === target) child = null;
    target.kill('SIGKILL');
  };

  /** Hands the next waiting run to the child, once the previous one has settled. */
  const next = () => {
    if (pending.size > 0 || waiting.length === 0) return;
    const run = waiting.shift()!;
    if (!child || !child.connected) child = start();
    const current = child;
    const id = (nextId += 1);
    const done = <T,>(settleWith: (value: T) => void) => (value: T) => {
      settleWith(value);
      next();
    };
    const timer = setTimeout(() => {
      settle(id);
      // better-sqlite3 cannot interrupt a statement: the process goes, with its read lock.
      kill(current);
      run.reject(Object.assign(new Error('timeout'), { code: 'MM_TIMEOUT' }));
      next();
    }, run.timeoutMs);
    pending.set(id, { owner: current, resolve: done(run.resolve), reject: done(run.reject), timer });
    holdProcess(current, true);
    current.send({ id, sql: run.sql, params: run.params, maxRows: run.maxRows, allowedTables: allowedTables() });
  };

  return {
    run(sql: string, params: unknown[], { timeoutMs, maxRows }: { timeoutMs: number; maxRows: number }) {
      return new Promise<SqliteResult>((resolve, reject) => {
        waiting.push({ sql, params, timeoutMs, maxRows, resolve, reject });
        next();
      });
    },

    close() {
      for (const run of waiting.splice(0)) run.reject(new Error('closed'));
      failAll(new Error('closed'));
      if (child) kill(child);
    },
  };
};
