/**
 * `npm run bench`: the figures issue 5 asks for, on SQLite then PostgreSQL, each in a fresh
 * process (scripts/bench/run.ts) on a throw-away database, with an SMTP sink on loopback in a
 * process of its own. Prints a table, each figure beside its target, and writes
 * bench/results.json.
 *
 * Options (environment): BENCH_DATABASES=sqlite,postgres; BENCH_SIZES=10000,100000 (recipients
 * of each grouped send); `npm run bench -- --quick` for 2 000 and 10 000.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const APP = path.resolve(__dirname, '..');
const quick = process.argv.includes('--quick');
const databases = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
const sizes = process.env.BENCH_SIZES ?? (quick ? '2000,10000' : '10000,100000');

const TARGETS = { ratio: 0.5, scaling: 11, rssGrowthMb: 150, composeP95: 50 };

const runOne = (database: string) =>
  new Promise<any>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '-r', 'esbuild-register', path.join(__dirname, 'bench', 'run.ts'), database], {
      cwd: APP,
      env: { ...process.env, BENCH_SIZES: sizes },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('RESULT '.length)));
      else reject(new Error(`bench on ${database} failed (exit ${code}):\n${output}`));
    });
  });

const mark = (ok: boolean) => (ok ? '✓' : '✗');

const main = async () => {
  const results: any[] = [];
  for (const database of databases) {
    console.error(`bench: ${database}…`);
    results.push(await runOne(database));
  }
  const lines: string[] = [];
  for (const r of results) {
    const [small, large] = r.runs;
    const scaling = large && small ? large.groupedSeconds / small.groupedSeconds : null;
    r.checks = {
      ratio: r.runs.map((run: any) => ({ recipients: run.recipients, ratio: run.ratio, ok: run.ratio >= TARGETS.ratio })),
      scaling: scaling === null ? null : { value: Math.round(scaling * 100) / 100, sizeRatio: large.recipients / small.recipients, ok: scaling <= TARGETS.scaling },
      rssGrowthMb: large ? { value: large.rssGrowthMb, ok: large.rssGrowthMb <= TARGETS.rssGrowthMb } : null,
      composeP95: { value: r.compose.p95, ok: r.compose.p95 <= TARGETS.composeP95 },
    };
    lines.push(`\n${r.database} (node ${r.node}, ${r.cpus} cores; ${r.seed.beneficiaries} beneficiaries seeded in ${r.seed.seconds.toFixed(1)} s)`);
    lines.push('| recipients | grouped send | msg/s | raw nodemailer | msg/s | ratio (≥ 0.5) | RSS peak | RSS growth (≤ 150 MB at the largest) |');
    lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const run of r.runs) {
      lines.push(
        `| ${run.recipients} | ${run.groupedSeconds.toFixed(1)} s | ${run.groupedRate} | ${run.rawSeconds.toFixed(1)} s | ${run.rawRate} | ${run.ratio} ${mark(run.ratio >= TARGETS.ratio)} | ${run.rssPeakMb} MB | +${run.rssGrowthMb} MB |`
      );
    }
    if (r.checks.scaling) lines.push(`time(${large.recipients})/time(${small.recipients}) = ${r.checks.scaling.value} (≤ ${TARGETS.scaling}) ${mark(r.checks.scaling.ok)}`);
    if (r.checks.rssGrowthMb) lines.push(`RSS growth at ${large.recipients}: +${large.rssGrowthMb} MB (≤ ${TARGETS.rssGrowthMb} MB) ${mark(r.checks.rssGrowthMb.ok)}`);
    lines.push(`render of the shipped template: ${r.renderRate} mails/s on one core`);
    lines.push(`compose for one record among ${r.beneficiaries} beneficiaries: p50 ${r.compose.p50} ms, p95 ${r.compose.p95} ms (≤ ${TARGETS.composeP95} ms) ${mark(r.checks.composeP95.ok)}`);
  }
  console.log(lines.join('\n'));
  if (!quick) {
    fs.mkdirSync(path.join(APP, 'bench'), { recursive: true });
    const file = path.join(APP, 'bench', 'results.json');
    fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30) }, targets: TARGETS, results }, null, 2)}\n`);
    console.log(`\nwritten: ${path.relative(APP, file)}`);
  }
};

main().catch((error) => {
  console.error(`bench: ${error?.message ?? error}`);
  process.exit(1);
});
