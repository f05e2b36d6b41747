// `npm run bench`: measures the registry's bulk paths against hand-written PostgreSQL baselines, side by side in
// one run, and then the API under load (the office's and counties' mixed daily work beside a bare Fastify endpoint,
// scripts/bench/api-load.mjs), each on a fresh database (never the configured one): a new database on the
// DATABASE_URL server, or a temporary PGlite data directory without it. Prints a summary and, as its last line, one
// JSON object.
//
//   npm run bench [-- --households N] [--seed S] [--year Y] [--runs R] [--snapshot-runs R] [--keep] [--fresh]
//                 [--only registry|api] [--skip-api] [--api-connections N] [--api-duration S] [--api-warmup S]
//
// Timings are reported, never asserted: this is a measuring tool, not a test.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    households: { type: 'string' },
    seed: { type: 'string', default: '2017' },
    year: { type: 'string', default: '2017' },
    runs: { type: 'string', default: '5' },
    'snapshot-runs': { type: 'string', default: '3' },
    'cache-dir': { type: 'string', default: path.join(os.tmpdir(), 'dukao-bench') },
    keep: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    only: { type: 'string' },
    'skip-api': { type: 'boolean', default: false },
    'api-connections': { type: 'string' },
    'api-duration': { type: 'string', default: '60' },
    'api-warmup': { type: 'string', default: '5' },
    'api-cpu-prof': { type: 'string' },
    'api-rate': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  console.log(`npm run bench -- [options]

  --households N      households to generate (default 1000000 on PostgreSQL, 100000 on PGlite)
  --seed S --year Y   generator seed and data year (default 2017, 2017); the snapshot's cut-off is Y-12-31
  --runs R            timed runs of each indicator query, after one warm-up (default 5; the median is reported)
  --snapshot-runs R   timed runs of each snapshot (default 3; the median is reported)
  --cache-dir DIR     where generated CSV files are kept between runs (default ${path.join(os.tmpdir(), 'dukao-bench')})
  --fresh             regenerate the CSV even if a cached one exists
  --keep              keep the benchmark database (or PGlite directory) afterwards

  --only registry|api run only the registry's bulk paths, or only the API load
  --skip-api          skip the API load (the same as --only registry)
  --api-connections N concurrent connections of the API load (default 200 on PostgreSQL, 16 on PGlite)
  --api-duration S    seconds each of the two API measurements lasts (default 60), after a warm-up of
  --api-warmup S      seconds at up to 14 connections (default 5; 0 for none)
  --api-rate R        send R requests/s in all instead of as fast as answers come (at most R connections;
                      latencies counted from when each request was due)
  --api-cpu-prof DIR  write a V8 CPU profile of the server under test into DIR (node --cpu-prof)

DATABASE_URL=postgresql://… runs on new databases created on that server (dropped at the end);
without it, on PGlite in temporary directories.`);
  process.exit(0);
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const dbKind = databaseUrl ? 'postgres' : 'pglite';
if (args.only !== undefined && !['registry', 'api'].includes(args.only)) {
  console.error(`--only must be registry or api (got "${args.only}")`);
  process.exit(2);
}
const runsRegistry = args.only !== 'api';
const runsApi = args.only !== 'registry' && !args['skip-api'];
const apiConnections = Math.max(1, wholeNumber('api-connections', args['api-connections'] ?? (dbKind === 'postgres' ? '200' : '16')));
const apiDuration = Math.max(1, wholeNumber('api-duration', args['api-duration']));
const apiWarmup = wholeNumber('api-warmup', args['api-warmup']);
const households = wholeNumber('households', args.households ?? (dbKind === 'postgres' ? '1000000' : '100000'));
const seed = wholeNumber('seed', args.seed);
const year = wholeNumber('year', args.year);
const runs = Math.max(1, wholeNumber('runs', args.runs));
const snapshotRuns = Math.max(1, wholeNumber('snapshot-runs', args['snapshot-runs']));
const asOf = `${year}-12-31`;

function wholeNumber(name, raw) {
  const value = Number(String(raw).replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number (got "${raw}")`);
    process.exit(2);
  }
  return value;
}

register();
const { loadConfig } = await import('../server/src/config.ts');
const { openMigratedDatabase } = await import('../server/src/bootstrap.ts');
const { seedIfEmpty } = await import('../server/src/seed/huizhou.ts');
const { headerLabels } = await import('../server/src/modules/registry/registry.format.ts');
const { countyIndicators, countyIndicatorsFromSnapshot, latestSnapshotAsOf } = await import('../server/src/modules/registry/registry.repo.ts');
const { takeSnapshot } = await import('../server/src/modules/registry/registry.snapshot.ts');
const { sql } = await import('kysely');
const { default: pg } = await import('pg');
const { from: copyFrom } = await import('pg-copy-streams');
const { PGlite } = await import('@electric-sql/pglite');
const { runApiLoad, cleanUpApiLoad, API_GOALS } = await import('./bench/api-load.mjs');

const seconds = (since) => (performance.now() - since) / 1000;
const fmt = (value, digits = 2) => (value === null || value === undefined ? '—' : Number(value).toFixed(digits));
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const log = (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

// The indicators are read as a city-wide office user would.
const cityActor = {
  id: 0,
  username: 'bench',
  displayName: '基准测试',
  role: 'office_admin',
  scope: { kind: 'city', code: null, name: '惠州市' },
  mustChangePassword: false,
  sessionId: '',
  csrfToken: '',
};
const comparableIndicators = (rows) =>
  JSON.stringify(rows.map((row) => [row.county_code, row.poor_households, row.poor_people, row.exits, row.exits_failing_criteria, row.mean_income, row.mean_income_previous]));

// The live figures as of the cut-off, by the product, read back by the next step's comparison.
let liveIndicatorRows;

// ── The database for this run ──────────────────────────────────────────────────────────────────────────────────────
const runId = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-bench-run-'));
const dataKey = randomBytes(32).toString('base64');
let benchUrl;
let benchDatabaseName;
if (dbKind === 'postgres' && runsRegistry) {
  benchDatabaseName = `dukao_bench_${runId}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${benchDatabaseName}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${benchDatabaseName}`;
  benchUrl = url.toString();
}
const benchEnv = { ...process.env, DATA_DIR: workDir, DATA_KEY: dataKey, LOG_LEVEL: 'silent', NODE_ENV: 'production' };
if (benchUrl) benchEnv.DATABASE_URL = benchUrl;
else delete benchEnv.DATABASE_URL;
const config = loadConfig(benchEnv);

let cleanedUp = false;
async function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (args.keep && runsRegistry) {
    log(`kept: ${benchDatabaseName ? `database ${benchDatabaseName}` : `PGlite directory ${workDir}`}`);
    return;
  }
  if (benchDatabaseName) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${benchDatabaseName} WITH (FORCE)`);
    await admin.end();
  }
  fs.rmSync(workDir, { recursive: true, force: true });
}
process.once('SIGINT', () => {
  console.error('\ninterrupted; cleaning up');
  Promise.allSettled([cleanUp(), cleanUpApiLoad()]).finally(() => process.exit(130));
});

const figures = {};
try {
  if (runsRegistry) await runBenchmark();
} finally {
  await cleanUp();
}
if (runsApi) {
  figures.api = await runApiLoad({
    dbKind,
    adminUrl: databaseUrl,
    runId,
    connections: apiConnections,
    duration: apiDuration,
    warmup: apiWarmup,
    cpuProfDir: args['api-cpu-prof'],
    rate: args['api-rate'] === undefined ? undefined : Math.max(1, wholeNumber('api-rate', args['api-rate'])),
    keep: args.keep,
    log,
  });
}
printResults();

async function runBenchmark() {
  log(`database: ${dbKind}${benchDatabaseName ? ` (fresh database ${benchDatabaseName})` : ` (fresh directory ${workDir})`}; ${households.toLocaleString('en')} households`);

  // (1) The CSV, generated once per size and seed by the product's generator.
  fs.mkdirSync(args['cache-dir'], { recursive: true });
  const csvFile = path.join(args['cache-dir'], `registry-${households}-s${seed}-y${year}.csv`);
  if (args.fresh || !fs.existsSync(csvFile)) {
    log(`generating ${csvFile} …`);
    const begun = performance.now();
    const generated = spawnSync(
      process.execPath,
      ['server/bin/dukao.mjs', 'registry', 'generate', '--households', String(households), '--seed', String(seed), '--year', String(year), '--out', `${csvFile}.partial`],
      { cwd: root, env: benchEnv, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (generated.status !== 0) throw new Error(`registry generate failed (exit ${generated.status})`);
    fs.renameSync(`${csvFile}.partial`, csvFile);
    figures.generate_s = seconds(begun);
    log(`generated in ${fmt(figures.generate_s, 1)} s`);
  } else {
    figures.generate_s = null;
    log(`using cached ${csvFile}`);
  }
  figures.file_mb = fs.statSync(csvFile).size / 1024 / 1024;

  // Schema and reference data (regions, exit criteria) — what the importer checks village codes against.
  {
    const { database, ctx } = await openMigratedDatabase(config);
    try {
      await seedIfEmpty(ctx, { demoAccounts: false, demoRegistry: false });
      figures.db_version = (await sql`SELECT version() AS v`.execute(ctx.db)).rows[0].v;
    } finally {
      await database.close();
    }
  }

  // (2) Baseline: the same file by plain COPY into an unconstrained table of text columns.
  const rawColumns = headerLabels.map((_, index) => `c${index + 1} text`).join(', ');
  await checkpoint();
  {
    log('raw COPY of the file into an unconstrained table …');
    const result = await rawCopy(csvFile, rawColumns);
    figures.raw_copy_s = result.seconds;
    figures.rows = result.rows;
    log(`raw COPY: ${result.rows.toLocaleString('en')} rows in ${fmt(result.seconds)} s`);
  }

  // (3) The product's import, in a child process of its own, so that its peak memory is its own.
  await checkpoint();
  {
    log('product import (child process) …');
    const result = await productImport(csvFile);
    if (result.status !== 'imported') throw new Error(`the import refused the file: ${JSON.stringify(result.firstErrors)}`);
    figures.import_s = result.importSeconds;
    figures.import_process_s = result.processSeconds;
    figures.import_node_cpu_s = result.cpuSeconds;
    figures.import_peak_rss_mb = result.peakRssMb;
    figures.import_sampled_rss_mb = result.sampledRssMb;
    figures.households_imported = result.householdsImported;
    figures.members_imported = result.membersImported;
    figures.import_phases = result.phases.map((phase) => ({ step: phase.step, s: Number(phase.seconds.toFixed(2)) }));
    log(`import: ${result.householdsImported.toLocaleString('en')} households, ${result.membersImported.toLocaleString('en')} people in ${fmt(result.importSeconds)} s; peak RSS ${fmt(result.peakRssMb, 0)} MB`);
    for (const phase of result.phases) log(`    ${fmt(phase.seconds).padStart(8)} s  ${phase.step}`);
  }

  const { database, ctx } = await openMigratedDatabase(config);
  try {
    // Fresh statistics and visibility maps, as autovacuum would leave them after a large load (PGlite has no autovacuum).
    const begun = performance.now();
    for (const table of ['households', 'household_members', 'household_incomes', 'household_status_changes']) {
      await sql.raw(`VACUUM ANALYZE ${table}`).execute(ctx.db);
    }
    figures.vacuum_analyze_s = seconds(begun);
    log(`VACUUM ANALYZE of the registry tables: ${fmt(figures.vacuum_analyze_s)} s (not counted)`);

    await indicators(ctx);
    await snapshots(ctx);
    await snapshotIndicators(ctx);
  } finally {
    await database.close();
  }
}

async function checkpoint() {
  if (dbKind !== 'postgres') return;
  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
  } catch {
    // CHECKPOINT needs superuser (or pg_checkpoint); without it the timings are only a little noisier.
  } finally {
    await client.end();
  }
}

async function rawCopy(csvFile, rawColumns) {
  const statement = `COPY bench_raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)`;
  if (dbKind === 'postgres') {
    const client = new pg.Client({ connectionString: benchUrl });
    await client.connect();
    try {
      await client.query(`CREATE TABLE bench_raw_copy (${rawColumns})`);
      const begun = performance.now();
      const sink = client.query(copyFrom(statement));
      await pipeline(fs.createReadStream(csvFile, { highWaterMark: 1024 * 1024 }), sink);
      const elapsed = seconds(begun);
      const rows = Number(sink.rowCount);
      await client.query('DROP TABLE bench_raw_copy');
      return { seconds: elapsed, rows };
    } finally {
      await client.end();
    }
  }
  // PGlite reads COPY input from a blob: the whole file, its fastest path.
  const pglite = await PGlite.create(path.join(workDir, 'pglite'));
  try {
    await pglite.query(`CREATE TABLE bench_raw_copy (${rawColumns})`);
    const blob = await fs.openAsBlob(csvFile);
    const begun = performance.now();
    const result = await pglite.query(statement.replace('STDIN', `'/dev/blob'`), [], { blob });
    const elapsed = seconds(begun);
    await pglite.query('DROP TABLE bench_raw_copy');
    return { seconds: elapsed, rows: Number(result.affectedRows ?? 0) };
  } finally {
    await pglite.close();
  }
}

async function productImport(csvFile) {
  const begun = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'bench', 'import-child.mjs'), csvFile], {
    cwd: root,
    env: benchEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  // A cross-check of the child's own VmHWM figure: its resident set, sampled from outside.
  let sampledRssMb = 0;
  const sampler = setInterval(() => {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) sampledRssMb = Math.max(sampledRssMb, Number(match[1]) / 1024);
    } catch {
      // the child has exited, or this is not Linux
    }
  }, 200);
  const exitCode = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const processSeconds = seconds(begun);
  const lastLine = output.trim().split('\n').pop() ?? '';
  if (exitCode !== 0 || !lastLine.startsWith('{')) throw new Error(`the import process failed (exit ${exitCode}):\n${output}`);
  return { ...JSON.parse(lastLine), processSeconds, sampledRssMb: sampledRssMb || null };
}

// ── (4) Indicators ─────────────────────────────────────────────────────────────────────────────────────────────────
async function indicators(ctx) {
  const actor = cityActor;
  const exitLine = (await sql`SELECT exit_income_line::text AS line FROM exit_criteria WHERE year = ${year}`.execute(ctx.db)).rows[0]?.line;
  if (!exitLine) throw new Error(`no exit criteria for ${year}`);
  // The same figures, hand-written as one aggregate over the tables: each household's status as of the cut-off from
  // its latest status change on or before it, its own fields where it has no history at all (an existence probe only
  // for households without a change by the cut-off), the year's income and the year before's pivoted out of
  // household_incomes in one pass (the product joins it twice), the exit line as a constant, no region names and no
  // scope condition.
  const exitOnRecord = `coalesce(h.exit_date, make_date(h.exit_year, 12, 31))`;
  const baselineSql = `
    SELECT h.county_code,
      (count(*) FILTER (WHERE st.status IN ('not_exited', 'returned')))::int AS poor_households,
      (coalesce(sum(h.member_count) FILTER (WHERE st.status IN ('not_exited', 'returned')), 0))::int AS poor_people,
      (count(*) FILTER (WHERE st.status = 'exited' AND st.since >= DATE '${year}-01-01'))::int AS exits,
      (count(*) FILTER (WHERE st.status = 'exited' AND st.since >= DATE '${year}-01-01' AND (coalesce(i.income < ${exitLine}, true)
        OR NOT (h.food_clothing_secure AND h.education_secured AND h.medical_secured AND h.housing_secured))))::int AS exits_failing_criteria,
      round(avg(i.income), 2)::text AS mean_income,
      round(avg(i.previous_income), 2)::text AS mean_income_previous
    FROM households h
    LEFT JOIN (
      SELECT DISTINCT ON (household_id) household_id, to_status, effective_on
      FROM household_status_changes WHERE effective_on <= DATE '${asOf}'
      ORDER BY household_id, effective_on DESC, id DESC
    ) s ON s.household_id = h.id
    CROSS JOIN LATERAL (SELECT
      CASE WHEN s.household_id IS NOT NULL THEN s.to_status
        WHEN h.status IN ('exited', 'returned') AND ${exitOnRecord} > DATE '${asOf}' THEN 'not_exited' ELSE h.status END AS status,
      CASE WHEN s.household_id IS NOT NULL THEN s.effective_on
        WHEN h.status = 'exited' AND ${exitOnRecord} <= DATE '${asOf}' THEN ${exitOnRecord} END AS since) st
    LEFT JOIN (
      SELECT household_id, max(per_capita_income) FILTER (WHERE year = ${year}) AS income, max(per_capita_income) FILTER (WHERE year = ${year - 1}) AS previous_income
      FROM household_incomes WHERE year IN (${year - 1}, ${year}) GROUP BY household_id
    ) i ON i.household_id = h.id
    WHERE s.household_id IS NOT NULL
      OR (h.identified_year <= ${year} AND NOT EXISTS (SELECT 1 FROM household_status_changes c WHERE c.household_id = h.id))
    GROUP BY h.county_code ORDER BY h.county_code`;
  const product = async () => countyIndicators(ctx.db, actor, year, year);
  const baseline = async () => (await sql.raw(baselineSql).execute(ctx.db)).rows;

  log(`indicators: 1 warm-up + ${runs} timed runs of each …`);
  const productRows = await product();
  const baselineRows = await baseline();
  liveIndicatorRows = productRows;
  figures.indicators_results_match = comparableIndicators(productRows) === comparableIndicators(baselineRows);
  if (!figures.indicators_results_match) log('WARNING: the baseline query and the product disagree; the ratio compares different work');
  const productTimes = [];
  const baselineTimes = [];
  for (let run = 0; run < runs; run += 1) {
    let begun = performance.now();
    await product();
    productTimes.push(seconds(begun));
    begun = performance.now();
    await baseline();
    baselineTimes.push(seconds(begun));
  }
  figures.indicators_s = median(productTimes);
  figures.indicators_baseline_s = median(baselineTimes);
  figures.indicators_counties = productRows.length;
  figures.poor_households = productRows.reduce((sum, row) => sum + row.poor_households, 0);
  log(`indicators: product ${fmt(figures.indicators_s, 3)} s, baseline ${fmt(figures.indicators_baseline_s, 3)} s (medians; results ${figures.indicators_results_match ? 'identical' : 'DIFFER'})`);
}

// ── (5) Snapshot ───────────────────────────────────────────────────────────────────────────────────────────────────
async function snapshots(ctx) {
  // The rows a snapshot freezes — the same joins as takeSnapshot — into a new table, without row or content hashes,
  // without the primary key, the deferred foreign key, the audit event or the transaction around them.
  const ctasSql = (table) => `
    CREATE TABLE ${table} AS
    WITH status_at AS (
      SELECT DISTINCT ON (household_id) household_id, to_status
      FROM household_status_changes WHERE effective_on <= DATE '${asOf}'
      ORDER BY household_id, effective_on DESC, id DESC
    ), exit_at AS (
      SELECT household_id, max(effective_on) AS exit_date
      FROM household_status_changes WHERE to_status = 'exited' AND effective_on <= DATE '${asOf}' GROUP BY household_id
    ), member_counts AS (
      SELECT household_id, count(*)::int AS members, (count(*) FILTER (WHERE health = 'disabled'))::int AS disabled
      FROM household_members GROUP BY household_id
    )
    SELECT h.id, h.household_no, h.village_code, h.town_code, h.county_code, h.attribute, st.status,
      extract(year FROM st.exit_date)::int AS exit_year, st.exit_date, coalesce(m.members, 0) AS members, coalesce(m.disabled, 0) AS disabled,
      income.per_capita_income, previous.per_capita_income AS previous_income,
      (h.food_clothing_secure AND h.education_secured AND h.medical_secured AND h.housing_secured) AS two_assurances_met
    FROM households h
    LEFT JOIN status_at s ON s.household_id = h.id
    LEFT JOIN exit_at e ON e.household_id = h.id
    CROSS JOIN LATERAL (SELECT
      CASE WHEN s.household_id IS NOT NULL THEN s.to_status
        WHEN h.status IN ('exited', 'returned') AND coalesce(h.exit_date, make_date(h.exit_year, 12, 31)) > DATE '${asOf}' THEN 'not_exited' ELSE h.status END AS status,
      coalesce(e.exit_date, CASE WHEN (s.household_id IS NULL AND h.status IN ('exited', 'returned')
          AND coalesce(h.exit_date, make_date(h.exit_year, 12, 31)) <= DATE '${asOf}') OR s.to_status IN ('exited', 'returned')
        THEN coalesce(h.exit_date, make_date(h.exit_year, 12, 31)) END) AS exit_date) st
    LEFT JOIN member_counts m ON m.household_id = h.id
    LEFT JOIN household_incomes income ON income.household_id = h.id AND income.year = ${year}
    LEFT JOIN household_incomes previous ON previous.household_id = h.id AND previous.year = ${year - 1}
    WHERE s.household_id IS NOT NULL
      OR (make_date(h.identified_year, 1, 1) <= DATE '${asOf}' AND NOT EXISTS (SELECT 1 FROM household_status_changes c WHERE c.household_id = h.id))`;

  log(`snapshot as of ${asOf}: ${snapshotRuns} timed runs of each …`);
  const productTimes = [];
  const baselineTimes = [];
  let productCount;
  let baselineCount;
  for (let run = 0; run < snapshotRuns; run += 1) {
    await checkpoint();
    let begun = performance.now();
    const taken = await takeSnapshot(ctx, { id: null, name: '基准测试' }, asOf);
    productTimes.push(seconds(begun));
    productCount = taken.householdCount;

    await checkpoint();
    const table = `bench_snapshot_${run}`;
    begun = performance.now();
    await sql.raw(ctasSql(table)).execute(ctx.db);
    baselineTimes.push(seconds(begun));
    baselineCount = Number((await sql.raw(`SELECT count(*) AS n FROM ${table}`).execute(ctx.db)).rows[0].n);
    await sql.raw(`DROP TABLE ${table}`).execute(ctx.db);
    log(`    run ${run + 1}: takeSnapshot ${fmt(productTimes.at(-1))} s, CREATE TABLE AS ${fmt(baselineTimes.at(-1))} s`);
  }
  figures.snapshot_s = median(productTimes);
  figures.snapshot_baseline_s = median(baselineTimes);
  figures.snapshot_rows = productCount;
  figures.snapshot_rows_match = productCount === baselineCount;
  if (!figures.snapshot_rows_match) log(`WARNING: the snapshot froze ${productCount} households, the baseline ${baselineCount}`);
}

// ── (5b) Indicators from the frozen snapshot ─────────────────────────────────────────────────────────────────────
// What 指标概览 reads once a 31 December snapshot exists: one aggregate over the snapshot's rows. Reported, not
// compared with a baseline; its figures must equal the live derivation's, the registry being unchanged in between.
async function snapshotIndicators(ctx) {
  const snapshot = await latestSnapshotAsOf(ctx.db, asOf);
  const frozen = async () => countyIndicatorsFromSnapshot(ctx.db, cityActor, snapshot.id, year, year);
  figures.indicators_snapshot_match = comparableIndicators(await frozen()) === comparableIndicators(liveIndicatorRows);
  if (!figures.indicators_snapshot_match) log('WARNING: the indicators from the snapshot differ from the live derivation');
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const begun = performance.now();
    await frozen();
    times.push(seconds(begun));
  }
  figures.indicators_snapshot_s = median(times);
  log(`indicators from snapshot #${snapshot.id}: ${fmt(figures.indicators_snapshot_s, 3)} s (median; figures ${figures.indicators_snapshot_match ? 'equal to' : 'DIFFERENT from'} the live derivation)`);
}

// ── (6) Results ────────────────────────────────────────────────────────────────────────────────────────────────────
function printResults() {
  const ratio = (product, baseline) => (product && baseline ? Number((product / baseline).toFixed(3)) : null);
  const round = (value, digits = 3) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));
  const result = {
    db: dbKind,
    db_version: figures.db_version ?? null,
    households: runsRegistry ? households : null,
    rows: figures.rows ?? null,
    households_imported: figures.households_imported ?? null,
    people_imported: figures.members_imported ?? null,
    file_mb: round(figures.file_mb, 1),
    import_ratio: ratio(figures.import_s, figures.raw_copy_s),
    indicators_ratio: ratio(figures.indicators_s, figures.indicators_baseline_s),
    snapshot_ratio: ratio(figures.snapshot_s, figures.snapshot_baseline_s),
    import_peak_rss_mb: round(figures.import_peak_rss_mb, 0),
    generate_s: round(figures.generate_s, 1),
    raw_copy_s: round(figures.raw_copy_s),
    import_s: round(figures.import_s),
    import_process_s: round(figures.import_process_s),
    import_node_cpu_s: round(figures.import_node_cpu_s),
    indicators_s: round(figures.indicators_s, 4),
    indicators_baseline_s: round(figures.indicators_baseline_s, 4),
    indicators_results_match: figures.indicators_results_match ?? null,
    indicators_snapshot_s: round(figures.indicators_snapshot_s, 4),
    indicators_snapshot_match: figures.indicators_snapshot_match ?? null,
    snapshot_s: round(figures.snapshot_s),
    snapshot_baseline_s: round(figures.snapshot_baseline_s),
    snapshot_rows_match: figures.snapshot_rows_match ?? null,
    import_sampled_rss_mb: round(figures.import_sampled_rss_mb, 0),
    vacuum_analyze_s: round(figures.vacuum_analyze_s),
    runs,
    snapshot_runs: snapshotRuns,
    seed,
    year,
    targets: { import_ratio: 2.0, indicators_ratio: 1.5, snapshot_ratio: 3.0, import_peak_rss_mb: 300, applies_to: 'postgres' },
    node: process.version,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? null,
    memory_gb: round(os.totalmem() / 1024 ** 3, 1),
    platform: `${os.type()} ${os.release()}`,
    api: figures.api ?? null,
  };
  const mark = (value, target) => (value === null ? '' : value <= target ? '  (target ≤ ' + target + ': met)' : `  (target ≤ ${target}: NOT met)`);
  console.log('');
  if (runsRegistry) printRegistryResults(result, mark);
  if (figures.api) printApiResults(figures.api);
  console.log(JSON.stringify(result));
}

function printRegistryResults(result, mark) {
  console.log(`dukao registry benchmark — ${dbKind}, ${households.toLocaleString('en')} households, ${(result.rows ?? 0).toLocaleString('en')} rows, ${result.file_mb} MB CSV`);
  console.log(`  import       product ${fmt(result.import_s)} s   raw COPY ${fmt(result.raw_copy_s)} s   ratio ${fmt(result.import_ratio)}${mark(result.import_ratio, 2.0)}`);
  console.log(`  indicators   product ${fmt(result.indicators_s, 3)} s   one aggregate ${fmt(result.indicators_baseline_s, 3)} s   ratio ${fmt(result.indicators_ratio)}${mark(result.indicators_ratio, 1.5)}`);
  console.log(`  indicators from the ${asOf} snapshot ${fmt(result.indicators_snapshot_s, 3)} s (figures ${result.indicators_snapshot_match ? 'equal to' : 'DIFFERENT from'} the live derivation)`);
  console.log(`  snapshot     product ${fmt(result.snapshot_s)} s   CREATE TABLE AS ${fmt(result.snapshot_baseline_s)} s   ratio ${fmt(result.snapshot_ratio)}${mark(result.snapshot_ratio, 3.0)}`);
  console.log(`  import peak RSS ${fmt(result.import_peak_rss_mb, 0)} MB${mark(result.import_peak_rss_mb, 300)}`);
  if (dbKind === 'pglite') console.log('  (the targets are stated for PostgreSQL; PGlite figures are for the record)');
}

function printApiResults(api) {
  const line = (label, run) =>
    `  ${label.padEnd(9)} ${fmt(run.rps, 1).padStart(8)} requests/s   p50 ${fmt(run.p50_ms, 0).padStart(5)} ms   p99 ${fmt(run.p99_ms, 0).padStart(5)} ms   errors ${run.errors} (timeouts ${run.timeouts})   non-2xx ${run.non2xx}`;
  const met = (isMet) => (isMet === null ? 'not measured at a fixed rate' : isMet ? 'met' : 'NOT met');
  console.log(`dukao API load — ${api.db}, ${api.connections} connections${api.rate_per_s ? ` at ${api.rate_per_s} requests/s` : ''}, ${api.duration_s} s each, ${api.households?.toLocaleString('en') ?? '?'} demo households, ${api.problems_made} problems made for the run`);
  console.log(line('product', api.product));
  console.log(line('bare', api.bare));
  console.log(`  throughput ratio product / bare ${fmt(api.throughput_ratio, 3)}`);
  console.log(
    `  goals: ${API_GOALS.errors} errors and no non-2xx (${met(api.goals_met.errors)}), p99 < ${API_GOALS.p99_ms} ms (${met(api.goals_met.p99)}), ` +
      `≥ ${API_GOALS.throughput_ratio}× the bare endpoint's throughput (${met(api.goals_met.throughput_ratio)})`,
  );
  const load = api.load_average;
  console.log(`  load average (1 min): ${load.at_start} at the start, ${load.before_bare} → ${load.after_bare} over the bare run, ${load.before_product} → ${load.after_product} over the product run (2 CPUs)`);
  if (api.server_errors_logged > 0) console.log(`  the server logged ${api.server_errors_logged} errors (level error or above)`);
  console.log(`  product requests, by kind (under load: count, p50, p99; alone: p50 of one request at a time, the whole sequence ${fmt(api.alone_sequence_ms, 1)} ms):`);
  for (const kind of api.product.by_request) {
    const alone = api.alone?.find((candidate) => candidate.name === kind.name);
    console.log(
      `    ${kind.name.padEnd(28)} ${String(kind.requests).padStart(7)}   p50 ${fmt(kind.p50_ms, 0).padStart(5)} ms   p99 ${fmt(kind.p99_ms, 0).padStart(5)} ms   alone ${fmt(alone?.p50_ms, 1).padStart(6)} ms   non-2xx ${kind.non2xx}${kind.first_non2xx ? `  first: ${kind.first_non2xx}` : ''}`,
    );
  }
}
