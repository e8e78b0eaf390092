/**
 * Volume seed: `npm run seed -- --adhesions 50000`.
 * Boots Strapi without an HTTP server (compile, then load), writes through src/seed/bulk-insert,
 * and prints progress and a summary. The database is the app's: DATABASE_CLIENT, DATABASE_URL,
 * DATABASE_FILENAME are honoured as in config/database.ts.
 */
import { seedScale, type ScaleOptions } from '../src/seed/scale';

const HELP = `Usage: npm run seed -- [options]

Inserts adhesions with their beneficiaries (1–4 each), coverage requests and simulations straight
into the app's database (SQLite by default; DATABASE_CLIENT=postgres DATABASE_URL=… for PostgreSQL).
Existing structures and health professionals are reused (a few are created if there are none).
Numbers carry a run-unique prefix, so the seed can be run several times on one database.

Options:
  --adhesions <n>           adhesions to create (default 10000)
  --coverage-requests <n>   coverage requests (default 0.75 × adhesions)
  --simulations <n>         simulations (default 0.5 × adhesions)
  --batch-size <n>          adhesions per transaction (default 2000)
  --seed <n>                seed of the pseudo-random generator (default: from the clock)
  --prefix <text>           number prefix instead of the run-unique one (letters, digits, -)
  -h, --help                show this help
`;

class UsageError extends Error {}

type Parsed = Omit<ScaleOptions, 'onProgress'>;

const INTEGER_OPTIONS = ['adhesions', 'coverage-requests', 'simulations', 'batch-size', 'seed'] as const;

export const parseArgs = (argv: string[]): Parsed | 'help' => {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return 'help';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unexpected argument "${arg}"`);
    const [, name, inline] = match;
    if (![...INTEGER_OPTIONS, 'prefix'].includes(name as any)) throw new UsageError(`unknown option --${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    values[name] = value;
  }

  const integer = (name: (typeof INTEGER_OPTIONS)[number], fallback: number, min: number) => {
    if (values[name] === undefined) return fallback;
    const text = values[name].replace(/_/g, '');
    if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
      throw new UsageError(`--${name} must be a whole number ≥ ${min}, not "${values[name]}"`);
    }
    return Number(text);
  };

  const adhesions = integer('adhesions', 10_000, 1);
  const prefix = values.prefix ?? `S${Date.now().toString(36).toUpperCase()}`;
  if (!/^[A-Za-z0-9-]{1,20}$/.test(prefix)) throw new UsageError('--prefix takes 1–20 letters, digits or "-"');
  return {
    adhesions,
    coverageRequests: integer('coverage-requests', Math.round(adhesions * 0.75), 0),
    simulations: integer('simulations', Math.round(adhesions * 0.5), 0),
    batchSize: integer('batch-size', 2000, 1),
    seed: integer('seed', Date.now() % 2 ** 32, 0),
    prefix,
  };
};

const main = async () => {
  let options: Parsed | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`seed: ${error.message}\nRun \`npm run seed -- --help\` for the options.\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return;
  }

  // The demo data set is not wanted in a volume run; the accounts seed still runs (idempotent).
  process.env.SEED_DEMO = 'false';
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  // CJS build of Strapi, loaded only now so --help and argument errors answer instantly.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { compileStrapi, createStrapi } = require('@strapi/strapi');

  const bootStart = Date.now();
  const strapi = await createStrapi(await compileStrapi()).load();
  const client = strapi.db.dialect.client;
  console.log(`seed: Strapi loaded in ${((Date.now() - bootStart) / 1000).toFixed(1)} s (${client}); prefix ${options.prefix}`);

  const start = Date.now();
  let exitCode = 0;
  try {
    const { counts, rows } = await seedScale(strapi, {
      ...options,
      onProgress: (done, total, c, rowsSoFar) => {
        const seconds = (Date.now() - start) / 1000;
        console.log(
          `seed: ${done}/${total} adhesions (${Math.round((done / total) * 100)} %), ` +
            `${c.beneficiaries} beneficiaries, ${c.coverageRequests} coverage requests, ${c.simulations} simulations; ${rowsSoFar} rows, ${seconds.toFixed(1)} s`
        );
      },
    });
    const seconds = (Date.now() - start) / 1000;
    const records = Object.values(counts).reduce((sum, n) => sum + n, 0);
    console.log(
      `seed: done on ${client}: ${Object.entries(counts)
        .map(([name, n]) => `${n} ${name}`)
        .join(', ')} = ${records} records (${rows} table rows with links and components) ` +
        `in ${seconds.toFixed(1)} s: ${Math.round(rows / seconds)} rows/s, ${Math.round(records / seconds)} records/s`
    );
  } catch (error) {
    console.error(`seed: failed: ${(error as Error).stack ?? error}`);
    exitCode = 1;
  } finally {
    await strapi.destroy();
  }
  process.exit(exitCode);
};

main().catch((error) => {
  console.error(`seed: ${error?.stack ?? error}`);
  process.exit(1);
});
