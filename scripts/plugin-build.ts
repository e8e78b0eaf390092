/**
 * The mail-merge plugin (src/plugins/mail-merge) is a plugin package built by Strapi's plugin SDK
 * (`strapi-plugin build`, its package.json "exports") into its dist/: the server loads
 * dist/server/index.js and the admin build (`strapi build`, `strapi develop`) bundles
 * dist/admin/index.mjs. ensurePluginBuilt() runs that build when the plugin's files changed since
 * the last one (their hash is kept in dist/.source-hash), so nobody has to think of it: npm ci /
 * npm install (postinstall: `node -r esbuild-register scripts/plugin-build.ts`), npm run dev,
 * npm test and the tests' global setup call it.
 *
 * Several people share this checkout: while one builds, the others' Strapi processes keep loading
 * dist/. The SDK empties dist/admin and dist/server before writing them, so the build runs in a
 * copy of the plugin under .tmp/ and its dist/ is then swapped in whole. One process builds at a
 * time (a lock folder); the others wait for it and then find dist/ current.
 */
import { execFileSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

const APP = path.resolve(__dirname, '..');
export const PLUGIN_DIR = path.join(APP, 'src', 'plugins', 'mail-merge');
const DIST = path.join(PLUGIN_DIR, 'dist');
const STAMP = '.source-hash';
const SDK = path.join(APP, 'node_modules', '@strapi', 'sdk-plugin');
const TMP = path.join(APP, '.tmp');
const LOCK = path.join(TMP, 'plugin-build.lock');
/** Outputs the app needs (package.json "exports": require of ./strapi-server, import of ./strapi-admin). */
const OUTPUTS = [path.join('server', 'index.js'), path.join('admin', 'index.mjs')];

/** What the build reads: the plugin's files, not its outputs, its tests or editors' dotfiles. */
const isSource = (name: string) =>
  !name.startsWith('.') && name !== 'dist' && name !== 'node_modules' && name !== '__tests__' && !/\.test\.[cm]?[jt]sx?$/.test(name);

const listSources = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => isSource(entry.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listSources(full) : entry.isFile() ? [full] : [];
    });

/** The plugin's sources under `root`, and the SDK's version (a new builder builds again). */
const sourceHash = (root: string) => {
  const hash = crypto.createHash('sha256');
  hash.update(`sdk-plugin ${JSON.parse(fs.readFileSync(path.join(SDK, 'package.json'), 'utf8')).version}\n`);
  for (const file of listSources(root).sort()) {
    hash.update(path.relative(root, file));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
};

const isCurrent = (hash: string) =>
  OUTPUTS.every((output) => fs.existsSync(path.join(DIST, output))) &&
  fs.existsSync(path.join(DIST, STAMP)) &&
  fs.readFileSync(path.join(DIST, STAMP), 'utf8') === hash;

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** The lock's owner, `<host> <pid>`, when it is a process of this machine that died. */
const ownerIsDead = (owner: string) => {
  const [host, pid] = owner.split(' ');
  if (host !== os.hostname() || !Number(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

/** Holds the lock folder while `fn` runs; waits for another builder, takes over a dead one's lock. */
const withLock = <T>(fn: () => T): T => {
  fs.mkdirSync(TMP, { recursive: true });
  const owner = path.join(LOCK, 'owner');
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(owner, `${os.hostname()} ${process.pid}`);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = '';
    try {
      holder = fs.readFileSync(owner, 'utf8');
    } catch {
      // Just taken, its owner not written yet (or just released).
    }
    const since = fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (ownerIsDead(holder) || Date.now() - since > 15 * 60_000) fs.rmSync(LOCK, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`${holder || 'Another process'} has been building the mail-merge plugin for too long (${LOCK}).`);
    else sleep(1000);
  }
  try {
    return fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
};

/** Moves `from` to `to` (a folder), or copies it when they are on different file systems. */
const move = (from: string, to: string) => {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.cpSync(from, to, { recursive: true });
    fs.rmSync(from, { recursive: true, force: true });
  }
};

const build = () => {
  const work = fs.mkdtempSync(path.join(TMP, 'plugin-build-'));
  const copy = path.join(work, 'mail-merge');
  try {
    fs.cpSync(PLUGIN_DIR, copy, {
      recursive: true,
      filter: (source) => source === PLUGIN_DIR || !['dist', 'node_modules'].includes(path.relative(PLUGIN_DIR, source)),
    });
    // The hash of what is actually built: a file edited during the build is seen next time.
    const hash = sourceHash(copy);
    const started = Date.now();
    console.log('mail-merge plugin: its sources changed, building it (strapi-plugin build)…');
    try {
      execFileSync(process.execPath, [path.join(SDK, 'bin', 'strapi-plugin.js'), 'build'], {
        cwd: copy,
        stdio: 'pipe',
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
      process.stdout.write(stdout ?? '');
      process.stderr.write(stderr ?? '');
      throw new Error('strapi-plugin build failed for the mail-merge plugin (output above).');
    }
    const built = path.join(copy, 'dist');
    for (const output of OUTPUTS) {
      if (!fs.existsSync(path.join(built, output))) throw new Error(`strapi-plugin build did not write dist/${output}.`);
    }
    fs.writeFileSync(path.join(built, STAMP), hash);
    // Swapped in whole: dist/ is missing only between these two renames.
    const previous = path.join(work, 'previous-dist');
    if (fs.existsSync(DIST)) move(DIST, previous);
    move(built, DIST);
    console.log(`mail-merge plugin built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
};

/** Builds the plugin into its dist/ unless dist/ was built from the current sources. True if it built. */
export const ensurePluginBuilt = () => {
  // Installed without dev dependencies (production): a dist/ built beforehand is used as it is.
  if (!fs.existsSync(path.join(SDK, 'package.json'))) {
    if (OUTPUTS.every((output) => fs.existsSync(path.join(DIST, output)))) return false;
    throw new Error(
      'The mail-merge plugin is not built (src/plugins/mail-merge/dist) and @strapi/sdk-plugin, a dev dependency, is not installed: install with dev dependencies to build it.'
    );
  }
  if (isCurrent(sourceHash(PLUGIN_DIR))) return false;
  return withLock(() => {
    // Another process may have built it while this one waited.
    if (isCurrent(sourceHash(PLUGIN_DIR))) return false;
    build();
    return true;
  });
};

// `node -r esbuild-register scripts/plugin-build.ts` (the root postinstall).
if (typeof require !== 'undefined' && require.main === module) {
  try {
    ensurePluginBuilt();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
