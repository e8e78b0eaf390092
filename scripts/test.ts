/**
 * `npm test`: ESLint and the type checks, then the whole suite on SQLite, then on PostgreSQL, then
 * one plain line with the totals of both runs: `N passed, N failed`. Extra arguments go to Vitest (for example a file filter).
 *
 * The mail-merge plugin (its dist/, which the app loads) and the admin panel (for the browser
 * tests) are built once, before both runs, when their sources changed.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { ensureAdminBuilt } from '../tests/helpers/admin-build';
import { ensurePluginBuilt } from './plugin-build';

const APP = path.resolve(__dirname, '..');
const RESULTS = path.join(APP, '.tmp', 'test-results');
const vitest = path.join(APP, 'node_modules', 'vitest', 'vitest.mjs');
const extraArgs = process.argv.slice(2);

type Totals = { passed: number; failed: number; skipped: number; ok: boolean };

const run = (client: 'sqlite' | 'postgres'): Totals => {
  const output = path.join(RESULTS, `${client}.json`);
  fs.rmSync(output, { force: true });
  console.log(`\n━━━ Tests on ${client === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ━━━`);
  const result = spawnSync(
    process.execPath,
    [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`, ...extraArgs],
    {
      cwd: APP,
      stdio: 'inherit',
      env: { ...process.env, DATABASE_CLIENT: client, SKIP_ADMIN_BUILD: 'true', STRAPI_TELEMETRY_DISABLED: 'true' },
    }
  );
  if (!fs.existsSync(output)) {
    // Vitest died before reporting (for example a global setup failure): count it as a failure.
    console.error(`Vitest on ${client} ended without a report (exit ${result.status ?? result.signal}).`);
    return { passed: 0, failed: 1, skipped: 0, ok: false };
  }
  const report = JSON.parse(fs.readFileSync(output, 'utf8'));
  const failed = report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
  return {
    passed: report.numPassedTests,
    failed,
    skipped: report.numPendingTests + report.numTodoTests,
    ok: result.status === 0 && failed === 0,
  };
};

/**
 * The browser tests drive Debian's Chromium. On a fresh machine where we are root, install it
 * (apt-get, as CI does); elsewhere say how.
 */
const ensureChromium = () => {
  const executable = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(executable)) return;
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: apt-get install -y chromium …');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  }
  if (!fs.existsSync(executable)) {
    console.error(`Chromium not found at ${executable}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
};

/**
 * Before the suites: ESLint (React hooks rules among others) and the type checks (strict, plugin
 * server and admin, the app's admin, the tests). A finding stops the run here, in seconds,
 * rather than after half an hour of suites.
 */
const staticChecks = () => {
  for (const script of ['lint', 'typecheck']) {
    console.log(`\n━━━ npm run ${script} ━━━`);
    const result = spawnSync('npm', ['run', '--silent', script], { cwd: APP, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`npm run ${script} failed: fix it before the suites run.`);
      console.log('\n0 passed, 1 failed');
      process.exit(1);
    }
  }
};

const main = () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  staticChecks();
  ensureChromium();
  ensurePluginBuilt();
  if (process.env.SKIP_ADMIN_BUILD !== 'true') ensureAdminBuilt();

  const sqlite = run('sqlite');
  const postgres = run('postgres');

  console.log(`\nSQLite: ${sqlite.passed} passed, ${sqlite.failed} failed`);
  console.log(`PostgreSQL: ${postgres.passed} passed, ${postgres.failed} failed`);
  const skipped = sqlite.skipped + postgres.skipped;
  console.log(
    `${sqlite.passed + postgres.passed} passed, ${sqlite.failed + postgres.failed} failed${skipped ? `, ${skipped} skipped` : ''}`
  );
  process.exit(sqlite.ok && postgres.ok ? 0 : 1);
};

main();
