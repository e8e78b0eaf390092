/**
 * MIME messages built in worker threads: nodemailer spends about half a millisecond of CPU per
 * mail composing one (encoding, boundaries, headers), which on Strapi's event loop delays every
 * other mail and request. A provider-specific fast path, optional (`dispatcher.prebuildMime`):
 * only the nodemailer provider sends a pre-built message (`raw` + `envelope`), and still through
 * `strapi.plugin('email').service('email').send`.
 */
import os from 'os';
import path from 'path';
import { Worker } from 'worker_threads';

export type BuiltMessage = { raw: Uint8Array; messageId: string; envelope: { from: string | false; to: string[] } };

type Pending = { resolve: (built: BuiltMessage) => void; reject: (error: Error) => void };

export const createMimeBuilder = (threads = Math.max(1, Math.min(2, os.cpus().length - 1))) => {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let turn = 0;
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(path.join(__dirname, 'mime-worker.js'));
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
