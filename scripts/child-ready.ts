import type { ChildProcess } from 'child_process';

/**
 * Waits for a Strapi child process (tests/helpers/run-strapi.cjs, scripts/bench/instance-process.ts)
 * to print `READY <port>`. Rejects when it exits first, or after `timeoutMs` (`onTimeout` then
 * stops it); either error carries what the child printed.
 */
export const waitForReady = (
  child: ChildProcess,
  { what, timeoutMs, onTimeout, onStderr }: { what: string; timeoutMs: number; onTimeout: () => void; onStderr?: (chunk: Buffer) => void }
) =>
  new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`${what} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\d+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      onStderr?.(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready:\n${output}`));
    });
  });
