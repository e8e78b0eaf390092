/**
 * Main-thread side of the SQLite worker: one worker with a read-only connection to the app's
 * database file, restarted after a timeout.
 */
import path from 'path';
import { Worker } from 'worker_threads';
import type { Core } from '@strapi/strapi';

type Pending = { resolve: (value: any) => void; reject: (error: any) => void; timer: NodeJS.Timeout };

export const createSqliteRunner = (strapi: Core.Strapi) => {
  const filename = (strapi.db.config.connection as any).connection.filename as string;
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const [id, entry] of pending) {
      clearTimeout(entry.timer);
      entry.reject(error);
      pending.delete(id);
    }
  };

  const start = () => {
    const created = new Worker(path.join(__dirname, 'sqlite-worker.js'), { workerData: { filename } });
    created.unref();
    created.on('message', ({ id, error, columns, types, rows }) => {
      const entry = pending.get(id);
      if (!entry) return;
      pending.delete(id);
      clearTimeout(entry.timer);
      if (error) entry.reject(Object.assign(new Error(error.message), { code: error.code }));
      else entry.resolve({ columns, types, rows });
    });
    created.on('error', (error) => {
      if (worker === created) worker = null;
      failAll(error);
    });
    created.on('exit', () => {
      if (worker === created) worker = null;
    });
    return created;
  };

  return {
    run(sql: string, params: unknown[], { timeoutMs, maxRows }: { timeoutMs: number; maxRows: number }) {
      if (!worker) worker = start();
      const current = worker;
      const id = (nextId += 1);
      return new Promise<{ columns: string[]; types: Array<string | null>; rows: any[] }>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          // better-sqlite3 cannot interrupt a running statement: drop this worker, start anew.
          if (worker === current) worker = null;
          current.terminate().catch(() => {});
          reject(Object.assign(new Error('timeout'), { code: 'MM_TIMEOUT' }));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        current.postMessage({ id, sql, params, maxRows });
      });
    },

    close() {
      failAll(new Error('closed'));
      worker?.terminate().catch(() => {});
      worker = null;
    },
  };
};
