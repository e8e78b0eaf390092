import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

/**
 * Secrets (APP_KEYS, JWT secrets, salts) come from the environment.
 *
 * Outside production, a missing secret gets a random development value, generated once and kept in
 * `.tmp/dev-secrets.json` so that admin sessions survive a restart. In production a missing secret,
 * or one equal to a generated development value, stops start-up: those values sit in clear on disk.
 */
type Env = ((name: string, fallback?: string) => string | undefined) & {
  array: (name: string, fallback?: string[]) => string[] | undefined;
};

const STORE = path.resolve(process.cwd(), '.tmp', 'dev-secrets.json');

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

const refuseInProduction = (name: string, reason: string): never => {
  throw new Error(
    `${name} ${reason}. Set it in the environment before starting in production ` +
      `(for example: ${name}=$(openssl rand -base64 24)).`
  );
};

export const secret = (env: Env, name: string): string => {
  const value = env(name);
  if (isProduction()) {
    if (!value) return refuseInProduction(name, 'is not set');
    if (Object.values(readStore()).includes(value)) {
      return refuseInProduction(name, 'is a generated development value');
    }
    return value;
  }
  return value || developmentValue(name);
};

export const secretList = (env: Env, name: string, count: number): string[] => {
  const values = env.array(name)?.filter(Boolean) ?? [];
  if (values.length > 0) {
    if (isProduction()) {
      const store = Object.values(readStore());
      if (values.some((v) => store.includes(v))) refuseInProduction(name, 'holds a generated development value');
    }
    return values;
  }
  if (isProduction()) return refuseInProduction(name, 'is not set');
  return Array.from({ length: count }, (_, i) => developmentValue(`${name}_${i}`));
};
