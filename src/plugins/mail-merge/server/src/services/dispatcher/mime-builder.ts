/**
 * MIME messages built in worker threads: nodemailer spends about half a millisecond of CPU per
 * mail composing one (encoding, boundaries, headers), which on Strapi's event loop delays every
 * other mail and request. A provider-specific fast path, optional (`dispatcher.prebuildMime`):
 * only the nodemailer provider sends a pre-built message (`raw` + `envelope`), and still through
 * `strapi.plugin('email').service('email').send`.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { fileURLToPath } from 'url';
import { Worker } from 'worker_threads';

export type BuiltMessage = { raw: Uint8Array; messageId: string; envelope: { from: string | false; to: string[] } };

type Pending = { resolve: (built: BuiltMessage) => void; reject: (error: Error) => void };

/**
 * mime-worker.js is a plain script the worker thread runs as it is: it is not bundled. The app
 * loads the built plugin (dist/server/index.js, everything in server/src bundled into it), where
 * __dirname is dist/server and no longer this folder. So the package ships the script at its
 * place in the sources ("files" in package.json) and it is found from the package root, the
 * nearest folder with a package.json: the same file from the build and from the sources (unit
 * tests). The ESM build has no __dirname: import.meta.url there.
 */
const packageRoot = (dir = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url))): string =>
  fs.existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir ? dir : packageRoot(path.dirname(dir));

const MIME_WORKER = path.join(packageRoot(), 'server', 'src', 'services', 'dispatcher', 'mime-worker.js');

export const createMimeBuilder = (threads = Math.max(1, Math.min(2, os.cpus().length - 1))) => {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let turn = 0;
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(MIME_WORKER);
    worker.on('message', ({ id, error, ...built }) => {
      const waiting = pending.get(id);
      pending.delete(id);
      if (error) waiting?.reject(new Error(error));
      // A view on the copy the message channel made, not another copy.
      else waiting?.resolve({ ...built, raw: Buffer.from(built.raw.buffer, built.raw.byteOffset, built.raw.byteLength) } as BuiltMessage);
    });
    // A thread that dies fails what it held; the dispatcher then sends those mails the usual way.
    worker.on('error', (error) => {
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(error);
      }
    });
    // Idle threads must not keep the process alive.
    worker.unref();
    return worker;
  });

  return {
    build(message: Record<string, unknown>) {
      const id = (nextId += 1);
      const worker = workers[(turn += 1) % workers.length];
      return new Promise<BuiltMessage>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, message });
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
};

export type MimeBuilder = ReturnType<typeof createMimeBuilder>;
