/**
 * A second Strapi 5 app (tests/fixtures/second-app) with the mail-merge plugin installed from its
 * package, as npm would install it: the plugin folder is packed (`npm pack`, which keeps only
 * what the package publishes: its build), unpacked into the copy's node_modules and listed in its
 * dependencies, where Strapi discovers installed plugins. No relative import of the plugin.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const APP_DIR = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(APP_DIR, 'tests', 'fixtures', 'second-app');
const PLUGIN = path.join(APP_DIR, 'src', 'plugins', 'mail-merge');

export type InstalledApp = {
  appDir: string;
  packageName: string;
  packageDir: string;
  /**
   * The environment a process of this app needs: its folder, and its node_modules on NODE_PATH.
   * @strapi/core finds installed plugins with require() from where it lives; here it lives in
   * the repository's node_modules (the copy has none of its own), so the copy's node_modules is
   * added to Node's search path, as if both were one.
   */
  env: Record<string, string>;
  remove: () => void;
};

export const installSecondApp = (): InstalledApp => {
  // Inside the repository, so that the copy resolves @strapi/* from the root node_modules.
  fs.mkdirSync(path.join(APP_DIR, '.tmp'), { recursive: true });
  const appDir = fs.mkdtempSync(path.join(APP_DIR, '.tmp', 'second-app-'));
  const remove = () => fs.rmSync(appDir, { recursive: true, force: true });
  try {
    fs.cpSync(FIXTURE, appDir, { recursive: true });
    // The plugin was built by the global setup; packing must not run its scripts again.
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', PLUGIN, '--json', '--ignore-scripts', '--pack-destination', appDir], { cwd: appDir, encoding: 'utf8' })
    );
    const packageDir = path.join(appDir, 'node_modules', ...packed.name.split('/'));
    fs.mkdirSync(packageDir, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(appDir, packed.filename), '-C', packageDir, '--strip-components=1']);
    const manifest = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8'));
    manifest.dependencies[packed.name] = packed.version;
    fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify(manifest, null, 2));
    const env = { TEST_APP_DIR: appDir, NODE_PATH: path.join(appDir, 'node_modules') };
    return { appDir, packageName: packed.name, packageDir, env, remove };
  } catch (error) {
    remove();
    throw error;
  }
};
