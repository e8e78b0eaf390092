/**
 * `npm run bench`: the figures of issue 11 (« Benchmark targets »), on SQLite then PostgreSQL,
 * each in a fresh process (scripts/bench/run.ts) on a throw-away database, with an SMTP sink on
 * loopback in a process of its own. Prints a table, each figure beside its target with ✓ / ✗, the
 * query plan of each shipped extraction, and writes bench/results.json (not with --quick).
 *
 * Targets:
 * - grouped send end to end ≥ 1 000 msg/s at each size (10 000 and 100 000 recipients);
 * - grouped send ≥ 0.7 × raw nodemailer at the same connection count, side by side in the run;
 * - time(largest) / time(smallest) ≤ 1.05 × the size ratio (10.5 for 100 000 / 10 000);
 * - peak RSS growth during the largest send ≤ 150 MB;
 * - compose (one record's draft) p95 ≤ 15 ms, among ≥ 150 000 beneficiaries;
 * - PostgreSQL: scale-out ≥ 1.8 — two Strapi processes sharing one grouped send against one
 *   alone, the sink answering each message after 20 ms, no address served twice.
 *
 * Method: every size but the largest runs BENCH_RUNS times (3) on distinct recipients, and each
 * of its figures is the median of those runs; the largest runs once. Done is detected by polling
 * the batch every 50 ms; raw nodemailer runs 2 × connections workers; `ANALYZE` after the seed
 * and before each timed send; each Strapi process makes one untimed warm-up send first. Details in
 * scripts/bench/run.ts.
 *
 * Options (environment):
 * - BENCH_DATABASES=sqlite,postgres (one of them alone: BENCH_DATABASES=postgres);
 * - BENCH_SIZES=10000,100000 — recipients of each grouped send;
 * - BENCH_RUNS=3 — runs of each size but the largest;
 * - MAIL_CONCURRENCY=5 — SMTP connections, the same for Strapi and for raw nodemailer;
 * - BENCH_COMPOSE_BENEFICIARIES=150000 — the seed holds at least that many beneficiaries (it
 *   holds more when the recipient sets need it: every run has its own recipients);
 * - BENCH_SCALEOUT_SIZE=3000 (0 skips the scale-out), BENCH_SINK_DELAY_MS=20;
 * - BENCH_POLL_MS=50; BENCH_WARMUP=200 (recipients of the untimed first send of each Strapi
 *   process); BENCH_ADHESIONS (overrides the computed seed size);
 * - BENCH_CHILD_LOGS=1 shows the scale-out instances' logs.
 *
 * `npm run bench -- --quick`: 2 000 and 10 000 recipients, one run each, no compose floor (the
 * seed is what the sends need: about 17 000 beneficiaries, 22 000 on PostgreSQL), scale-out on
 * 1 500 recipients, nothing written. Any option above still applies, e.g. a smoke test:
 * `BENCH_DATABASES=sqlite BENCH_SIZES=300,600 npm run bench -- --quick`.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ensurePluginBuilt } from './plugin-build';

const APP = path.resolve(__dirname, '..');
const quick = process.argv.includes('--quick');
const databases = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((name) => name.trim()).filter(Boolean);

/** What --quick changes; an explicit environment variable still wins. */
const QUICK_DEFAULTS: Record<string, string> = {
  BENCH_SIZES: '2000,10000',
  BENCH_RUNS: '1',
  BENCH_COMPOSE_BENEFICIARIES: '0',
  BENCH_SCALEOUT_SIZE: '1500',
};

const TARGETS = {
  groupedRate: 1000,
  ratio: 0.7,
  /** time(largest) / time(smallest) ≤ this × (largest / smallest): 10.5 for 100k / 10k. */
  scalingFactor: 1.05,
  rssGrowthMb: 150,
  composeP95: 15,
  scaleOut: 1.8,
};

const runOne = (database: string) =>
  new Promise<any>((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env };
    if (quick) for (const [name, value] of Object.entries(QUICK_DEFAULTS)) env[name] ??= value;
    // BENCH_NODE_FLAGS: V8 flags for the measured Strapi process. By default its old generation is
    // bounded as the README advises for production: with memory to spare V8 grows the heap
    // rather than collect (+523 MB at 100 000 on SQLite, and slower: 743 against 954 msg/s).
    const flags = (process.env.BENCH_NODE_FLAGS ?? '--max-old-space-size=448').split(/\s+/).filter(Boolean);
    const child = spawn(process.execPath, [...flags, '--expose-gc', '-r', 'esbuild-register', path.join(__dirname, 'bench', 'run.ts'), database], {
      cwd: APP,
      env,
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
const fmt = (n: number) => n.toLocaleString('en-US');
const indent = (text: string, prefix = '    ') =>
  text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');

/** Each figure against its target; the same object goes to bench/results.json. */
const check = (r: any) => {
  const sizes = r.sizes as any[];
  const small = sizes[0];
  const large = sizes[sizes.length - 1];
  const sizeRatio = large.recipients / small.recipients;
  const scaling = sizes.length > 1 ? large.groupedSeconds / small.groupedSeconds : null;
  const scalingTarget = Math.round(TARGETS.scalingFactor * sizeRatio * 100) / 100;
  const scaleOut = r.scaleOut ?? null;
  return {
    groupedRate: sizes.map((s) => ({ recipients: s.recipients, value: s.groupedRate, ok: s.groupedRate >= TARGETS.groupedRate })),
    ratio: sizes.map((s) => ({ recipients: s.recipients, value: s.ratio, ok: s.ratio >= TARGETS.ratio })),
    delivered: sizes.map((s) => ({ recipients: s.recipients, ok: s.delivered })),
    scaling: scaling === null ? null : { value: Math.round(scaling * 100) / 100, target: scalingTarget, sizeRatio, ok: scaling <= scalingTarget },
    rssGrowthMb: { recipients: large.recipients, value: large.rssGrowthMb, ok: large.rssGrowthMb <= TARGETS.rssGrowthMb },
    composeP95: { value: r.compose.p95, beneficiaries: r.compose.beneficiaries, ok: r.compose.p95 <= TARGETS.composeP95 },
    scaleOut: scaleOut ? { value: scaleOut.ratio, ok: scaleOut.ratio >= TARGETS.scaleOut && scaleOut.noDuplicate && scaleOut.complete } : null,
  };
};

const report = (r: any) => {
  const lines: string[] = [];
  const c = r.checks;
  const sizes = r.sizes as any[];
  const large = sizes[sizes.length - 1];
  lines.push(
    `\n${r.database} (node ${r.node}, ${r.cpus} cores; ${r.connections} SMTP connections for the grouped send and for raw nodemailer; ` +
      `${fmt(r.seed.beneficiaries)} beneficiaries seeded in ${r.seed.seconds} s, ANALYZE ${r.seed.analyzeSeconds} s; done polled every ${r.pollMs} ms)`
  );
  lines.push(
    `| recipients | runs | grouped send | msg/s (≥ ${fmt(TARGETS.groupedRate)}) | raw nodemailer | msg/s | ratio (≥ ${TARGETS.ratio}) | RSS peak | RSS growth | at the sink |`
  );
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  sizes.forEach((s, i) => {
    lines.push(
      `| ${fmt(s.recipients)} | ${s.runs > 1 ? `median of ${s.runs}` : '1'} | ${s.groupedSeconds.toFixed(2)} s | ${fmt(s.groupedRate)} ${mark(c.groupedRate[i].ok)} | ` +
        `${s.rawSeconds.toFixed(2)} s | ${fmt(s.rawRate)} | ${s.ratio} ${mark(c.ratio[i].ok)} | ${s.rssPeakMb} MB | +${s.rssGrowthMb} MB | ` +
        `${s.delivered ? 'all, once ✓' : 'missing or duplicate ✗'} |`
    );
  });
  for (const s of sizes.filter((size) => size.runs > 1)) {
    const runs = r.runs.filter((run: any) => run.recipients === s.recipients);
    lines.push(
      `runs at ${fmt(s.recipients)}: grouped ${runs.map((run: any) => fmt(run.groupedRate)).join(' / ')} msg/s, ` +
        `raw ${runs.map((run: any) => fmt(run.rawRate)).join(' / ')} msg/s, ratio ${runs.map((run: any) => run.ratio).join(' / ')}`
    );
  }
  if (c.scaling) {
    lines.push(
      `time(${fmt(large.recipients)}) / time(${fmt(sizes[0].recipients)}) = ${c.scaling.value} (≤ ${c.scaling.target}) ${mark(c.scaling.ok)}`
    );
  }
  lines.push(`RSS growth at ${fmt(large.recipients)}: +${large.rssGrowthMb} MB (≤ ${TARGETS.rssGrowthMb} MB) ${mark(c.rssGrowthMb.ok)}`);
  lines.push(
    `compose for one record among ${fmt(r.compose.beneficiaries)} beneficiaries: p50 ${r.compose.p50} ms, p95 ${r.compose.p95} ms ` +
      `(≤ ${TARGETS.composeP95} ms) ${mark(c.composeP95.ok)}`
  );
  if (r.scaleOut) {
    const s = r.scaleOut;
    const split = s.split ? ` (split ${Object.values(s.split).join(' + ')})` : '';
    lines.push(
      `scale-out, sink answering after ${s.sinkDelayMs} ms, ${fmt(s.recipients)} recipients each: one instance ${fmt(s.one.rate)} msg/s, ` +
        `two instances ${fmt(s.two.rate)} msg/s${split}, ratio ${s.ratio} (≥ ${TARGETS.scaleOut}) ${mark(s.ratio >= TARGETS.scaleOut)}; ` +
        `at the sink ${fmt(s.one.received)} + ${fmt(s.two.received)}, ${s.one.duplicates + s.two.duplicates} duplicate ${mark(s.noDuplicate && s.complete)}`
    );
  } else if (r.database === 'postgres') {
    lines.push('scale-out: skipped (BENCH_SCALEOUT_SIZE=0)');
  } else {
    lines.push('scale-out: PostgreSQL only (on SQLite one process dispatches)');
  }
  lines.push(`render of the shipped template: ${fmt(r.renderRate)} mails/s on one core`);
  const pollMean = r.runs.map((run: any) => run.pollMeanMs);
  lines.push(`progress poll (batches.get): ${Math.min(...pollMean)}–${Math.max(...pollMean)} ms per call on average`);
  return lines.join('\n');
};

const planReport = (r: any) => {
  const lines = [`\nquery plans (${r.database}), shipped extractions run for one record as rowsForRecords sends them:`];
  for (const p of r.plans ?? []) {
    const size = p.rows === undefined ? '' : `, ${fmt(p.rows)} records`;
    const time = p.ms === undefined ? '' : `, ${p.ms} ms (median of 5)`;
    lines.push(`\n  ${p.key} (page ${p.page}${size}${time})`);
    lines.push(indent(p.plan));
  }
  return lines.join('\n');
};

const main = async () => {
  // The app loads the plugin's build: current before anything is timed.
  ensurePluginBuilt();
  const results: any[] = [];
  for (const database of databases) {
    if (!['sqlite', 'postgres'].includes(database)) throw new Error(`BENCH_DATABASES: unknown database "${database}" (sqlite, postgres)`);
    console.error(`bench: ${database}…`);
    results.push(await runOne(database));
  }
  const out: string[] = [];
  for (const r of results) {
    r.checks = check(r);
    out.push(report(r));
  }
  out.push(...results.map(planReport));
  console.log(out.join('\n'));
  if (!quick) {
    fs.mkdirSync(path.join(APP, 'bench'), { recursive: true });
    const file = path.join(APP, 'bench', 'results.json');
    const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30) };
    fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, targets: TARGETS, results }, null, 2)}\n`);
    console.log(`\nwritten: ${path.relative(APP, file)}`);
  }
};

main().catch((error) => {
  console.error(`bench: ${error?.message ?? error}`);
  process.exit(1);
});
