/**
 * The browser tests need the admin panel built into dist/build. `strapi build` takes about half a
 * minute, so it runs only when the admin sources (or the lockfile) changed since the last build.
 * The mail-merge plugin's part of it is the plugin's own build, dist/admin (the "import" of its
 * ./strapi-admin export): built first when the plugin changed (scripts/plugin-build.ts).
 */
import { execFileSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { ensurePluginBuilt } from '../../scripts/plugin-build';

const APP = path.resolve(__dirname, '..', '..');
const STAMP = path.join(APP, 'dist', 'build', '.source-hash');
const SOURCES = ['src/admin', 'src/content-manager/labels.json', 'src/plugins/mail-merge/dist/admin', 'src/plugins/mail-merge/package.json', 'config/plugins.ts', 'package-lock.json'];

const listFiles = (entry: string): string[] => {
  const full = path.join(APP, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs.readdirSync(full).flatMap((name) => listFiles(path.join(entry, name)));
};

const sourceHash = () => {
  const hash = crypto.createHash('sha256');
  for (const file of SOURCES.flatMap(listFiles).sort()) {
    hash.update(path.relative(APP, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
};

export const ensureAdminBuilt = () => {
  ensurePluginBuilt();
  const hash = sourceHash();
  const built = fs.existsSync(path.join(APP, 'dist', 'build', 'index.html'));
  if (built && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash) return false;
  execFileSync(process.execPath, [path.join(APP, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: APP,
    stdio: 'inherit',
    // A production build that still reports missing translations (src/admin/vite.config.ts).
    env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', ADMIN_REPORT_MISSING_TRANSLATIONS: 'true' },
  });
  fs.writeFileSync(STAMP, hash);
  return true;
};
