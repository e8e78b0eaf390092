import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

/**
 * Secrets (APP_KEYS, JWT secrets, salts) come from the environment.
 *
 * Outside production, a missing secret gets a random development value, generated once and kept in
 * `.tmp/dev-secrets.json` so that admin sessions survive a restart. In production a missing secret,
 * or one equal to a generated development value, stops start-up (see assertProductionSecrets):
 * those values sit in clear on disk. `strapi build` reads the config too but needs no secret, so
 * the config only marks the problem and start-up refuses it.
 */
type Env = ((name: string, fallback?: string) => string | undefined) & {
  array: (name: string, fallback?: string[]) => string[] | undefined;
};

const STORE = path.resolve(process.cwd(), '.tmp', 'dev-secrets.json');
const MISSING = '__missing_secret__:';
const GENERATED = '__generated_secret_in_production__:';

const isProduction = () => process.env.NODE_ENV === 'production';

const readStore = (): Record<string, string> => {
  try {
    return JSON.parse(fs.readFileSync(STORE, 'utf8'));
  } catch {
    return {};
  }
};

const developmentValue = (name: string): string => {
  const store = readStore();
  if (!store[name]) {
    store[name] = crypto.randomBytes(24).toString('base64');
    fs.mkdirSync(path.dirname(STORE), { recursive: true });
    fs.writeFileSync(STORE, JSON.stringify(store, null, 2), { mode: 0o600 });
  }
  return store[name];
};

const productionValue = (name: string, value: string | undefined) => {
  if (!value) return `${MISSING}${name}`;
  if (Object.values(readStore()).includes(value)) return `${GENERATED}${name}`;
  return value;
};

export const secret = (env: Env, name: string): string => {
  const value = env(name);
  if (isProduction()) return productionValue(name, value);
  return value || developmentValue(name);
};

export const secretList = (env: Env, name: string, count: number): string[] => {
  const values = env.array(name)?.filter(Boolean) ?? [];
  if (isProduction()) return values.length > 0 ? values.map((value) => productionValue(name, value)) : [`${MISSING}${name}`];
  if (values.length > 0) return values;
  return Array.from({ length: count }, (_, i) => developmentValue(`${name}_${i}`));
};

/** Throws, naming each problem, when a secret of the loaded config is missing or generated. */
export const assertProductionSecrets = (values: unknown[]) => {
  const problems = values
    .flat()
    .filter((value): value is string => typeof value === 'string')
    .flatMap((value) => {
      if (value.startsWith(MISSING)) return [`${value.slice(MISSING.length)} is not set`];
      if (value.startsWith(GENERATED)) return [`${value.slice(GENERATED.length)} is a generated development value`];
      return [];
    });
  if (problems.length > 0) {
    throw new Error(
      `Refusing to start in production: ${[...new Set(problems)].join('; ')}. ` +
        'Set each one in the environment (for example: ADMIN_JWT_SECRET=$(openssl rand -base64 24)).'
    );
  }
};
