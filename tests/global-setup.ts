/**
 * Runs once per `vitest run`: builds the mail-merge plugin when its sources changed (the app loads
 * its dist/), compiles the app (config/ and src/ to dist/) so that each test file only loads it,
 * builds the admin panel when its sources changed (for the browser tests), and finds or starts
 * PostgreSQL when DATABASE_CLIENT=postgres.
 */
import { createRequire } from 'module';
import path from 'path';
import type { TestProject } from 'vitest/node';
import { ensurePluginBuilt } from '../scripts/plugin-build';
import { ensureAdminBuilt } from './helpers/admin-build';
import { findOrStartPostgres, type PostgresServer } from './helpers/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string | null;
  }
}

const requireCjs = createRequire(import.meta.url);
let postgres: PostgresServer | undefined;

export default async function setup(project: TestProject) {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  ensurePluginBuilt();
  if (process.env.SKIP_ADMIN_BUILD !== 'true') ensureAdminBuilt();

  // Strapi's CJS build: Vitest's ESM resolution of @strapi/core fails (setup notes, pitfall 12).
  const { compileStrapi } = requireCjs('@strapi/strapi');
  await compileStrapi({ appDir: path.resolve(__dirname, '..') });

  if (process.env.DATABASE_CLIENT === 'postgres') {
    postgres = await findOrStartPostgres();
    project.provide('pgAdminUrl', postgres.adminUrl);
  } else {
    project.provide('pgAdminUrl', null);
  }

  return async () => {
    await postgres?.stop();
  };
}
