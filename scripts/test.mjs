// `npm test`: typecheck, lint, unit and integration tests on PGlite, the integration suite again on
// PostgreSQL when TEST_DATABASE_URL is set, and the end-to-end tests in Chromium.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuild } from './web-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isE2eRequired = process.env.E2E === 'required';
const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];

function step(name, command, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} 失败（退出码 ${result.status}）`);
    printSummary();
    process.exit(result.status ?? 1);
  }
}

function vitest(name, projects, env) {
  const report = path.join(os.tmpdir(), `dukao-vitest-${process.pid}-${timings.length}.json`);
  const projectArgs = projects.flatMap((project) => ['--project', project]);
  try {
    step(name, 'npx', ['vitest', 'run', ...projectArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env);
  } finally {
    if (fs.existsSync(report)) {
      const result = JSON.parse(fs.readFileSync(report, 'utf8'));
      totals.passed += result.numPassedTests;
      totals.failed += result.numFailedTests;
      totals.skipped += result.numPendingTests + result.numTodoTests;
      fs.rmSync(report);
    }
  }
}

function printSummary() {
  console.log(`\n${timings.join('\n')}`);
  console.log(`dukao: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}

step('typecheck', 'npm', ['run', 'typecheck', '--silent']);
step('lint', 'npx', ['eslint', '.']);
vitest('unit + integration (PGlite)', ['unit', 'integration'], { DUKAO_TEST_DB: 'pglite' });

if (process.env.TEST_DATABASE_URL) {
  vitest('integration (PostgreSQL)', ['integration'], { DUKAO_TEST_DB: 'postgres' });
} else {
  console.log('\n（未设置 TEST_DATABASE_URL：跳过 PostgreSQL 集成测试）');
}

if (fs.existsSync(chromium)) {
  ensureWebBuild();
  vitest('e2e (Chromium)', ['e2e'], { CHROMIUM_PATH: chromium });
} else if (isE2eRequired) {
  console.error(`\n✗ E2E=required，但未找到 Chromium：${chromium}（apt-get install -y chromium fonts-noto-cjk）`);
  process.exit(1);
} else {
  console.log(`\n注意：未找到 Chromium（${chromium}），跳过端到端测试。安装：apt-get install -y chromium fonts-noto-cjk`);
}

printSummary();
