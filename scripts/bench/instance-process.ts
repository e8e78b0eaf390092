/**
 * One Strapi instance as a process of its own, for the scale-out figure (scripts/bench/instances.ts
 * starts it): the compiled app of BENCH_DIST_DIR (a copy of dist/ made by run.ts, so that a test
 * run recompiling dist/ meanwhile cannot change what this instance loads), HTTP on PORT, and
 * `READY <port>` on stdout once it listens. The equivalent of tests/helpers/run-strapi.cjs, which
 * the bench does not import: tests/ belongs to the test suite and may change under it.
 *
 * SIGTERM destroys Strapi (its pools, the dispatcher's timers) before exiting, so that the bench
 * can drop the database right after without waiting for PostgreSQL to notice dead connections.
 */
import path from 'path';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');
const distDir = process.env.BENCH_DIST_DIR || path.join(appDir, 'dist');

createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false })
  .load()
  .then(async (strapi: any) => {
    strapi.log.level = process.env.BENCH_LOG_LEVEL || 'warn';
    await strapi.listen();
    let stopping = false;
    process.on('SIGTERM', () => {
      if (stopping) return;
      stopping = true;
      Promise.resolve(strapi.destroy())
        .catch(() => {})
        .finally(() => process.exit(0));
    });
    process.stdout.write(`READY ${strapi.server.httpServer.address().port}\n`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
