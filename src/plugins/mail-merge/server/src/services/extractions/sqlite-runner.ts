/**
 * Parent side of the SQLite extraction process (sqlite-child.js): one child, kept alive between
 * runs, holding a read-only connection to the app's database file. A run past its timeout kills
 * the child (SIGKILL: its locks go with it) and the next run starts a new one. Strapi's own
 * connection is never used, so it can never be left locked or inside a transaction.
 */
import { fork, type ChildProcess } from 'child_process';
import path from 'path';
import type { Core } from '@strapi/strapi';

type Pending = { owner: ChildProcess; resolve: (value: any) => void; reject: (error: any) => void; timer: NodeJS.Timeout };

export type SqliteResult = { columns: string[]; types: Array<string | null>; rows: any[] };

const CHILD = path.join(__dirname, 'sqlite-child.js');

export const createSqliteRunner = (strapi: Core.Strapi, allowedTables: () => string[]) => {
  const filename = (strapi.db.config.connection as any).connection.filename as string;
  let child: ChildProcess | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();

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
    created.on('message', ({ id, error, columns, types, rows }: any) => {
      const entry = settle(id);
      if (pending.size === 0) holdProcess(created, false);
      if (!entry) return;
      if (error) entry.reject(Object.assign(new Error(error.message), { code: error.code, table: error.table }));
      else entry.resolve({ columns, types, rows });
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

  return {
    run(sql: string, params: unknown[], { timeoutMs, maxRows }: { timeoutMs: number; maxRows: number }) {
      if (!child || !child.connected) child = start();
      const current = child;
      const id = (nextId += 1);
      return new Promise<SqliteResult>((resolve, reject) => {
        const timer = setTimeout(() => {
          settle(id);
          // better-sqlite3 cannot interrupt a statement: the process goes, with its read lock.
          kill(current);
          reject(Object.assign(new Error('timeout'), { code: 'MM_TIMEOUT' }));
        }, timeoutMs);
        pending.set(id, { owner: current, resolve, reject, timer });
        holdProcess(current, true);
        current.send({ id, sql, params, maxRows, allowedTables: allowedTables() });
      });
    },

    close() {
      failAll(new Error('closed'));
      if (child) kill(child);
    },
  };
};
