// The API load run of `npm run bench`: the office's and the counties' mixed daily work against the server in its own
// process (as `npm start` runs it), on a fresh database seeded with the demo data, and — measured the same way in the
// same run — a bare Fastify endpoint doing one simple query on the same database (scripts/bench/bare-server.mjs).
// Load by autocannon; timings are reported, never asserted.
//
// The work of one connection, repeated for the whole run (12 requests, 3 of them writes; connection k begins at
// request k mod 12). Each connection is a county official and an office official handling the same problem in turn,
// so its report and the office's return never race another connection's:
//   county: 我的待办 · 整改台账 · 贫困户列表 by a head's name · the problem · 报送整改情况 · 贫困户查找 by household number
//   office: 我的待办 · 整改台账 (the whole ledger) · 贫困户列表 by a name · 登记电话举报 · the problem · 退回重新整改
// Logins happen before the run (one county session and one office session per connection, each with its cookies and
// CSRF token); the problems are made through the API beforehand (a hotline complaint accepted, assigned to the county
// and turned into a problem), one per connection and a separate set for the warm-up, and at least 200 in all so that
// the office's ledger is the same size whatever the connection count.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The goals printed beside the figures (for the PostgreSQL run; the PGlite run is measured against the same). */
export const API_GOALS = { errors: 0, p99_ms: 300, throughput_ratio: 0.5 };

/** The product's pg pool size (DATABASE_POOL_SIZE, default 10), given to the bare server too so both use as many connections. */
const poolSize = () => process.env.DATABASE_POOL_SIZE ?? '10';
/** Problems made before the run, at least: the office's ledger then holds about as many whatever the connection count. */
const MIN_PROBLEMS = 200;
const WARMUP_CONNECTIONS = 14;
const REQUEST_TIMEOUT_S = 10;

const state = { children: new Set(), databaseName: null, adminUrl: null, workDir: null, keep: false, log: console.log, cleaned: false };

/**
 * Runs the API load on a new database (a fresh PostgreSQL database on the `adminUrl` server, or a PGlite directory
 * under the system temp directory), drops it afterwards, and returns the figures.
 */
export async function runApiLoad(options) {
  const { dbKind, adminUrl, runId, duration, warmup, cpuProfDir, log } = options;
  // At a fixed rate each connection sends a whole number of requests a second (autocannon's overallRate), so there are
  // at most as many connections as requests a second.
  const rate = options.rate ?? null;
  const connections = rate ? Math.min(options.connections, rate) : options.connections;
  Object.assign(state, { keep: options.keep, log, adminUrl, cleaned: false });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-bench-api-'));
  state.workDir = workDir;
  const env = {
    ...process.env,
    DATA_DIR: workDir,
    DATA_KEY: randomBytes(32).toString('base64'),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    SEED_DEMO: 'true',
    // Every connection logs in twice before the run, all from 127.0.0.1: the per-address limits are raised for the bench only.
    LOGIN_RATE_PER_MINUTE: '1000000',
    PUBLIC_RATE_PER_MINUTE: '1000000',
  };
  delete env.DATABASE_URL;
  if (dbKind === 'postgres') {
    state.databaseName = `dukao_bench_api_${runId}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${state.databaseName}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${state.databaseName}`;
    env.DATABASE_URL = url.toString();
  }
  // The machine's 1-minute load average at moments of the run: other work on the machine shows in it (so does the run's own).
  const loadAverage = { at_start: round(os.loadavg()[0], 2) };
  const figures = { load_average: loadAverage, db: dbKind, connections, rate_per_s: rate, duration_s: duration, warmup_s: warmup, pool_size: dbKind === 'postgres' ? Number(poolSize()) : 1, goals: API_GOALS };
  try {
    log(
      `API load: ${dbKind}${state.databaseName ? ` (fresh database ${state.databaseName})` : ` (fresh directory ${workDir})`}; ${connections} connections` +
        `${rate ? ` sending ${rate} requests/s in all` : ''}, ${duration} s after a ${warmup} s warm-up`,
    );
    Object.assign(figures, await seedDemoData(env, log));

    // The bare endpoint first: it needs nothing but the users table, and on PGlite the data directory must be free.
    {
      const server = await startServer('bare', ['scripts/bench/bare-server.mjs'], { ...env, BARE_POOL_SIZE: poolSize() }, '/bare/health');
      try {
        const makeRequests = (index) => bareRequests(index);
        if (warmup > 0) await load(server.url, Math.min(connections, WARMUP_CONNECTIONS), warmup, makeRequests);
        log(`bare Fastify + ${dbKind === 'postgres' ? 'pg' : 'PGlite'} endpoint: ${connections} connections for ${duration} s …`);
        loadAverage.before_bare = round(os.loadavg()[0], 2);
        figures.bare = await load(server.url, connections, { duration, rate }, makeRequests);
        loadAverage.after_bare = round(os.loadavg()[0], 2);
        log(`bare: ${describe(figures.bare)}`);
      } finally {
        await server.stop();
      }
    }

    {
      const nodeFlags = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfDir)}`] : [];
      const server = await startServer('product', [...nodeFlags, 'scripts/bench/api-server.mjs'], env, '/api/health');
      try {
        const begun = performance.now();
        const warmupConnections = warmup > 0 ? Math.min(connections, WARMUP_CONNECTIONS) : 0;
        const plans = await prepareWork(server.url, connections, warmupConnections);
        figures.setup_s = round((performance.now() - begun) / 1000, 1);
        figures.problems_made = plans.problemsMade;
        log(`setup through the API: ${plans.problemsMade} problems, ${plans.logins} logins in ${figures.setup_s} s`);
        if (warmupConnections > 0) await load(server.url, warmupConnections, warmup, (index) => productRequests(plans.warmup[index]));
        // What each request costs without the others: one connection, one request at a time, the sequence 20 times.
        const alone = await load(server.url, 1, { amount: 20 * productRequests(plans.alone).length }, () => productRequests(plans.alone));
        figures.alone = alone.by_request.map(({ name, p50_ms, non2xx }) => ({ name, p50_ms, non2xx }));
        figures.alone_sequence_ms = round(alone.by_request.reduce((sum, kind) => sum + (kind.p50_ms ?? 0), 0), 1);
        log(`one request at a time: the sequence of ${alone.by_request.length} takes ${figures.alone_sequence_ms} ms (sum of medians)`);
        log(`product, mixed daily work: ${connections} connections for ${duration} s …`);
        const errorsBefore = server.errorsLogged();
        loadAverage.before_product = round(os.loadavg()[0], 2);
        figures.product = await load(server.url, connections, { duration, rate }, (index) => productRequests(plans.measured[index]));
        loadAverage.after_product = round(os.loadavg()[0], 2);
        figures.server_errors_logged = server.errorsLogged() - errorsBefore;
        log(`product: ${describe(figures.product)}`);
      } finally {
        await server.stop();
      }
    }
    // At a fixed rate both answer what is sent: their throughputs say nothing about capacity.
    figures.throughput_ratio = !rate && figures.product.rps && figures.bare.rps ? round(figures.product.rps / figures.bare.rps, 3) : null;
    figures.goals_met = {
      errors: figures.product.errors === API_GOALS.errors && figures.product.non2xx === 0,
      p99: figures.product.p99_ms < API_GOALS.p99_ms,
      throughput_ratio: rate ? null : figures.throughput_ratio !== null && figures.throughput_ratio >= API_GOALS.throughput_ratio,
    };
    return figures;
  } finally {
    await cleanUpApiLoad();
  }
}

/** Stops any server still running and drops the run's database (or keeps it with --keep); safe to call twice. */
export async function cleanUpApiLoad() {
  if (state.cleaned) return;
  state.cleaned = true;
  for (const child of state.children) child.kill('SIGKILL');
  if (state.keep) {
    if (state.databaseName || state.workDir) state.log(`kept: ${state.databaseName ? `database ${state.databaseName}` : `PGlite directory ${state.workDir}`}`);
    return;
  }
  if (state.databaseName) {
    const admin = new pg.Client({ connectionString: state.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${state.databaseName} WITH (FORCE)`);
    await admin.end();
  }
  if (state.workDir) fs.rmSync(state.workDir, { recursive: true, force: true });
}

// ── Seed: what a first `npm start` with the demo makes ──────────────────────────────────────────────────────────────
async function seedDemoData(env, log) {
  const { loadConfig } = await import('../../server/src/config.ts');
  const { openMigratedDatabase } = await import('../../server/src/bootstrap.ts');
  const { buildApp } = await import('../../server/src/app.ts');
  const { seedIfEmpty } = await import('../../server/src/seed/huizhou.ts');
  const { seedDemoActivityIfEmpty } = await import('../../server/src/seed/huizhou.activity.ts');
  const { sql } = await import('kysely');
  const config = loadConfig(env);
  const begun = performance.now();
  const { database, ctx } = await openMigratedDatabase(config);
  try {
    const seeded = await seedIfEmpty(ctx, { demoAccounts: true, demoRegistry: true });
    const app = await buildApp(config, database);
    let activity;
    try {
      activity = await seedDemoActivityIfEmpty(ctx, app);
    } finally {
      await app.close();
    }
    const seconds = round((performance.now() - begun) / 1000, 1);
    log(`seeded: reference data, demo accounts, ${seeded.registry?.households.toLocaleString('en')} households, the 2017 demo activity (${activity?.problems} problems) in ${seconds} s`);
    return {
      seed_s: seconds,
      households: seeded.registry?.households ?? null,
      db_version: (await sql`SELECT version() AS v`.execute(ctx.db)).rows[0].v,
    };
  } finally {
    await database.close();
  }
}

// ── Servers in their own processes ──────────────────────────────────────────────────────────────────────────────
async function startServer(name, args, env, healthPath) {
  const port = await freePort();
  const logFile = path.join(state.workDir, `${name}-server.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: root, env: { ...env, PORT: String(port) }, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  state.children.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const url = `http://127.0.0.1:${port}`;
  const tail = () => fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (hasExited) throw new Error(`the ${name} server exited before answering:\n${tail()}`);
    try {
      const response = await fetch(`${url}${healthPath}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the ${name} server did not answer ${healthPath} within 180 s:\n${tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    /** Failed requests the server has logged so far: Fastify writes one JSON line at level "error" (50) or above for each. */
    errorsLogged: () =>
      fs
        .readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((line) => /"level":\s*(50|60)/.test(line)).length,
    /** Stops the server (SIGTERM: it closes its database and, with --cpu-prof, writes its profile). */
    async stop() {
      if (!hasExited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      state.children.delete(child);
    },
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// ── Setup through the API: sessions, the households to look for, the problems to report ─────────────────────────
async function prepareWork(baseUrl, connections, warmupConnections) {
  const { demoAccounts, DEMO_PASSWORD } = await import('../../server/src/seed/huizhou.data.ts');
  const counties = demoAccounts.filter((account) => account.role === 'county_user');
  const officeAccounts = demoAccounts.filter((account) => account.role === 'office_staff' || account.role === 'office_admin');
  let logins = 0;

  const call = async (session, method, url, body) => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { ...(session?.headers ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
  const logIn = async (username) => {
    logins += 1;
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status} ${await response.text()}`);
    const { csrfToken } = await response.json();
    const cookies = response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
    return { username, headers: { cookie: cookies, 'x-csrf-token': csrfToken } };
  };

  // What each county's official looks for: its own households' heads and numbers (the list is scoped to the county).
  const office = await logIn(officeAccounts[0].username);
  const households = new Map();
  for (const county of counties) {
    const session = await logIn(county.username);
    const { items } = await call(session, 'GET', '/api/registry/households?pageSize=200');
    if (items.length === 0) throw new Error(`the demo registry has no households for ${county.username}`);
    households.set(county.username, items);
  }

  // The problems: a hotline complaint accepted, assigned to the county and turned into a problem (notified at once).
  // One more per county for the connection that times each request alone.
  const perCounty = Math.ceil(Math.max(connections, MIN_PROBLEMS) / counties.length) + Math.ceil(warmupConnections / counties.length) + 1;
  const problems = new Map(counties.map((county) => [county.username, []]));
  const jobs = [];
  for (let round = 0; round < perCounty; round += 1) {
    for (const county of counties) jobs.push({ county, round });
  }
  await inParallel(jobs, 4, async ({ county, round }) => {
    const place = households.get(county.username)[round % households.get(county.username).length];
    const { complaint } = await call(office, 'POST', '/api/complaints', {
      channel: 'hotline',
      subject: `基准测试问题 ${county.assessmentUnitCode}-${round + 1}`,
      content: `群众来电反映${place.place}帮扶措施落实不到位（基准测试数据）。`,
      regionCode: place.villageCode,
      isAnonymous: true,
    });
    await call(office, 'POST', `/api/complaints/${complaint.id}/accept`, {});
    await call(office, 'POST', `/api/complaints/${complaint.id}/assign`, { unitCode: county.assessmentUnitCode });
    const created = await call(office, 'POST', `/api/complaints/${complaint.id}/create-problem`, {
      category: 'work_style',
      description: `${place.place}帮扶措施落实不到位（基准测试）`,
      requirement: '逐户核查，限期整改到位。',
    });
    problems.get(county.username)[round] = created.problemId;
  });

  // One county session and one office session per connection, the problems dealt out without repeats.
  const used = new Map(counties.map((county) => [county.username, 0]));
  const allNames = [...households.values()].flat().map((household) => household.headName);
  const planFor = async (index, offset) => {
    const county = counties[index % counties.length];
    const own = households.get(county.username);
    const slot = used.get(county.username);
    used.set(county.username, slot + 1);
    const problemId = problems.get(county.username)[slot];
    const countySession = await logIn(county.username);
    // A connection that starts between the county's report and the office's return finds its problem reported.
    if (offset > SEQUENCE.submit && offset <= SEQUENCE.return) {
      await call(countySession, 'POST', `/api/rectifications/${problemId}/submit`, { measures: '已逐户核查（基准测试）', evidence: '入户核查表（基准测试）' });
    }
    return {
      index,
      offset,
      problemId,
      county: countySession,
      office: await logIn(officeAccounts[index % officeAccounts.length].username),
      countyNames: own.map((household) => household.headName),
      countyNumbers: own.map((household) => household.householdNo),
      officeNames: allNames,
      complaintPlace: own[index % own.length],
    };
  };
  const measured = [];
  const warmupPlans = [];
  await inParallel([...Array(connections).keys()], 2, async (index) => (measured[index] = await planFor(index, index % SEQUENCE.length)));
  await inParallel([...Array(warmupConnections).keys()], 2, async (index) => (warmupPlans[index] = await planFor(index, index % SEQUENCE.length)));
  const alone = await planFor(0, 0);
  return { measured, warmup: warmupPlans, alone, problemsMade: perCounty * counties.length, logins };
}

async function inParallel(items, width, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

// ── What a connection sends ──────────────────────────────────────────────────────────────────────────────────────
/** The sequence's length and where the county's report and the office's return of the same problem sit in it. */
const SEQUENCE = { length: 12, submit: 4, return: 11 };

/**
 * The connection's sequence, begun at its own offset (connection k at request k mod 12): started all at once at the
 * same request, the connections would stay in step through the server's first-come queues and all report, or all
 * read the ledger, at the same moment — a convoy no office produces.
 */
function productRequests(plan) {
  const sequence = productSequence(plan);
  if (sequence.length !== SEQUENCE.length || !sequence[SEQUENCE.submit].path.endsWith('/submit') || !sequence[SEQUENCE.return].path.endsWith('/return')) {
    throw new Error('SEQUENCE does not describe productSequence');
  }
  return [...sequence.slice(plan.offset), ...sequence.slice(0, plan.offset)];
}

function productSequence(plan) {
  let loop = plan.index;
  const pick = (list) => encodeURIComponent(list[loop % list.length]);
  const send = (session, body) => ({ headers: { ...session.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const { county, office, problemId } = plan;
  return [
    { name: 'county 我的待办', method: 'GET', path: '/api/todos', headers: county.headers, setupRequest: (request) => ((loop += 1), request) },
    { name: 'county 整改台账', method: 'GET', path: '/api/rectifications', headers: county.headers },
    { name: 'county 贫困户列表 q=姓名', method: 'GET', headers: county.headers, setupRequest: (request) => ({ ...request, path: `/api/registry/households?q=${pick(plan.countyNames)}` }) },
    { name: 'county 问题详情', method: 'GET', path: `/api/rectifications/${problemId}`, headers: county.headers },
    {
      name: 'county 报送整改情况',
      method: 'POST',
      path: `/api/rectifications/${problemId}/submit`,
      ...send(county, { measures: '已逐户核查并落实帮扶措施（基准测试）', evidence: '入户核查表、整改台账（基准测试）' }),
    },
    { name: 'county 贫困户查找 户编号', method: 'GET', headers: county.headers, setupRequest: (request) => ({ ...request, path: `/api/households/search?q=${pick(plan.countyNumbers)}` }) },
    { name: 'office 我的待办', method: 'GET', path: '/api/todos', headers: office.headers },
    { name: 'office 整改台账', method: 'GET', path: '/api/rectifications', headers: office.headers },
    { name: 'office 贫困户列表 q=姓名', method: 'GET', headers: office.headers, setupRequest: (request) => ({ ...request, path: `/api/registry/households?q=${pick(plan.officeNames)}` }) },
    {
      name: 'office 登记电话举报',
      method: 'POST',
      path: '/api/complaints',
      ...send(office, {
        channel: 'hotline',
        subject: '群众来电反映帮扶资金发放问题（基准测试）',
        content: `来电反映${plan.complaintPlace.place}帮扶资金发放不及时（基准测试数据）。`,
        regionCode: plan.complaintPlace.villageCode,
        isAnonymous: true,
      }),
    },
    { name: 'office 问题详情', method: 'GET', path: `/api/rectifications/${problemId}`, headers: office.headers },
    { name: 'office 退回重新整改', method: 'POST', path: `/api/rectifications/${problemId}/return`, ...send(office, { reason: '佐证材料不全，请补充后重新报送（基准测试）' }) },
  ];
}

function bareRequests(index) {
  let id = index;
  // The seventeen demo users, one primary-key lookup each.
  return [{ name: 'bare user by id', method: 'GET', setupRequest: (request) => ({ ...request, path: `/bare/users/${(id++ % 17) + 1}` }) }];
}

// ── One measurement ──────────────────────────────────────────────────────────────────────────────────────────────
/**
 * Runs `connections` connections, each sending its own requests in turn, for `length` seconds, for `{ duration }`
 * seconds at `{ rate }` requests a second in all (latencies then counted from when each request was due), or for
 * `{ amount }` requests in all.
 */
async function load(url, connections, length, makeRequests) {
  const kinds = new Map();
  let nextConnection = 0;
  const instrument = (request) => {
    const kind = kinds.get(request.name) ?? { latencies: [], non2xx: 0, statuses: {}, sample: null };
    kinds.set(request.name, kind);
    let sentAt = null;
    const setup = request.setupRequest;
    return {
      ...request,
      setupRequest(built, context) {
        sentAt = performance.now();
        return setup ? setup(built, context) : built;
      },
      onResponse(status, body) {
        if (sentAt !== null) kind.latencies.push(performance.now() - sentAt);
        sentAt = null;
        if (status < 200 || status >= 300) {
          kind.non2xx += 1;
          kind.statuses[status] = (kind.statuses[status] ?? 0) + 1;
          kind.sample ??= `${status} ${String(body).slice(0, 200)}`;
        }
      },
      reset() {
        sentAt = null;
      },
    };
  };
  const instance = autocannon({
    url,
    connections,
    ...(typeof length === 'number' ? { duration: length } : length.amount ? { amount: length.amount } : { duration: length.duration }),
    ...(length.rate ? { overallRate: length.rate } : {}),
    timeout: REQUEST_TIMEOUT_S,
    requests: [{ method: 'GET', path: '/' }],
    setupClient(client) {
      const requests = makeRequests(nextConnection).map(instrument);
      nextConnection += 1;
      client.setRequests(requests);
      // The first request was built now, not when it is sent: its first latency is not recorded.
      requests[0].reset();
    },
  });
  const result = await instance;
  const completed = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    rps: round(completed / result.duration, 1),
    requests: completed,
    duration_s: round(result.duration, 1),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    mean_ms: round(result.latency.mean, 1),
    max_ms: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status_codes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    by_request: [...kinds].map(([name, kind]) => ({
      name,
      requests: kind.latencies.length,
      p50_ms: round(percentile(kind.latencies, 50), 1),
      p99_ms: round(percentile(kind.latencies, 99), 1),
      non2xx: kind.non2xx,
      ...(kind.sample ? { first_non2xx: kind.sample } : {}),
    })),
  };
}

function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function round(value, digits) {
  return value === null || value === undefined ? null : Number(value.toFixed(digits));
}

function describe(figures) {
  return `${figures.rps} requests/s, p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms, ${figures.errors} errors (${figures.timeouts} timeouts), ${figures.non2xx} non-2xx`;
}
