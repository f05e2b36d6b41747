// The product import, run in its own process by scripts/bench.mjs so that its memory can be measured alone.
// It does what `npx dukao registry import FILE` does (same configuration, same function, same arguments)
// and prints, as its last line, one JSON object: the time spent in importRegistryFile and the process's
// peak resident set size (VmHWM), read from /proc at the end.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';

register();
const { loadConfig } = await import('../../server/src/config.ts');
const { openMigratedDatabase } = await import('../../server/src/bootstrap.ts');
const { importRegistryFile } = await import('../../server/src/modules/registry/registry.import.ts');

function peakRssMb() {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall through to Node's own figure
  }
  return process.resourceUsage().maxRSS / 1024;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/bench/import-child.mjs FILE.csv');
  process.exit(2);
}

// Times each statement the importer sends on its session (the COPY includes parsing, validating and
// encrypting, which happen while the rows stream); the breakdown is for reading, not for the ratios.
const phases = [];
function timedSession(session) {
  const timed = (label, run) => async (...args) => {
    const begun = performance.now();
    try {
      return await run(...args);
    } finally {
      phases.push({ step: label(...args), seconds: (performance.now() - begun) / 1000 });
    }
  };
  const short = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 70);
  return {
    query: timed((text) => short(text), (text, params) => session.query(text, params)),
    copyIn: timed((table) => `COPY ${table}`, (table, columns, lines) => session.copyIn(table, columns, lines)),
  };
}

const started = performance.now();
const { database, ctx: productCtx } = await openMigratedDatabase(loadConfig());
const ctx = { ...productCtx, withRawSession: (work) => productCtx.withRawSession((session) => work(timedSession(session))) };
const opened = performance.now();
let result;
let importSeconds;
try {
  const importStarted = performance.now();
  result = await importRegistryFile(ctx, { stream: fs.createReadStream(file), format: 'csv', encoding: 'auto', fileName: path.basename(file) }, {
    isPartial: false,
    actor: { id: null, name: '基准测试' },
    onProgress: ({ rowsRead }) => {
      if (rowsRead % 500_000 === 0) console.error(`  import: ${rowsRead.toLocaleString('en')} rows read (${((performance.now() - importStarted) / 1000).toFixed(0)} s)`);
    },
  });
  importSeconds = (performance.now() - importStarted) / 1000;
} finally {
  await database.close();
}

console.log(
  JSON.stringify({
    status: result.status,
    rowsRead: result.rowsRead,
    householdsImported: result.householdsImported,
    membersImported: result.membersImported,
    errorCount: result.errorCount,
    firstErrors: result.errors.slice(0, 3),
    importSeconds,
    openSeconds: (opened - started) / 1000,
    peakRssMb: peakRssMb(),
    // The process's own CPU time (parsing, validating, encrypting, encoding): unlike wall time, barely moved by other load on the machine.
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    phases: phases.filter((phase) => phase.seconds >= 0.05),
  }),
);
