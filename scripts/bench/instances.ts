/**
 * Separate Strapi processes for the scale-out figure, and the few admin HTTP calls the bench
 * makes to them (the same routes the admin panel uses: /admin/login, /mail-merge/batches).
 */
import { spawn, type ChildProcess } from 'child_process';
import path from 'path';
import { waitForReady } from '../child-ready';

export type Instance = { name: string; url: string; child: ChildProcess; stop: () => Promise<void> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts scripts/bench/instance-process.ts with this environment; resolves once it listens. */
export const startInstance = async (name: string, env: Record<string, string>, timeoutMs = 180_000): Promise<Instance> => {
  const child = spawn(process.execPath, ['-r', 'esbuild-register', path.join(__dirname, 'instance-process.ts')], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // SIGTERM first (Strapi closes its pools), SIGKILL when it hangs: the bench must end.
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const port = await waitForReady(child, {
    what: `instance ${name}`,
    timeoutMs,
    onTimeout: () => child.kill('SIGKILL'),
    // Warnings and errors of an instance would otherwise be lost; the parent's stderr is the log.
    onStderr: (chunk) => {
      if (process.env.BENCH_CHILD_LOGS) process.stderr.write(`[${name}] ${chunk}`);
    },
  });
  return { name, url: `http://127.0.0.1:${port}`, child, stop };
};

/** An admin session on one instance: `call(method, path, body)` under /mail-merge. */
export const adminClient = async (instance: Instance, email: string, password: string) => {
  const login = await fetch(`${instance.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`admin login on ${instance.name} failed: ${login.status} ${await login.text()}`);
  const token = ((await login.json()) as any).data.token as string;
  return async (method: 'GET' | 'POST' | 'PUT', route: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${instance.url}/mail-merge${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the error message
    }
    return { status: res.status, body: parsed };
  };
};

export type AdminCall = Awaited<ReturnType<typeof adminClient>>;

/**
 * Polls a batch every `pollMs` until it is `done`; resolves to the batch and the moment (ms,
 * performance.now()) the `done` status was first seen. Paused or cancelled is an error: the
 * figure would mean nothing.
 */
export const waitBatchDone = async (call: AdminCall, batchId: string, pollMs: number, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await call('GET', `/batches/${batchId}`);
    if (status !== 200) throw new Error(`GET /batches/${batchId}: ${status} ${JSON.stringify(body)}`);
    const batch = body.data;
    if (batch.status === 'done') return { batch, doneAt: performance.now() };
    if (['paused', 'cancelled'].includes(batch.status)) throw new Error(`batch ${batch.status}: ${batch.pausedReason}`);
    if (Date.now() > deadline) throw new Error(`batch not done after ${timeoutMs} ms: ${JSON.stringify(batch.counts)}`);
    await sleep(pollMs);
  }
};
