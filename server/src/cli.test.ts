import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/database.ts';
import { isPostgres } from './testing/harness.ts';

const run = promisify(execFile);
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dukao = path.join(repositoryRoot, 'node_modules/.bin/dukao');

async function cli(dataDir: string, ...args: string[]): Promise<{ code: number; output: string }> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env = { ...inherited, DATA_DIR: dataDir };
  try {
    const { stdout, stderr } = await run(dukao, args, { cwd: repositoryRoot, env, timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

// The CLI on an embedded data directory; PGlite only, so this file runs once, not once per database.
describe.skipIf(isPostgres)('the dukao command', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-cli-'));
    const seeded = await cli(dataDir, 'db', 'seed');
    expect(seeded.code).toBe(0);
    // Reference data only: a real installation, no accounts, no demo.
    expect(seeded.output).toContain('已载入参考数据');
    expect(seeded.output).toContain('正式安装（本次登记）');
    expect(seeded.output).not.toContain('演示账户');
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('verifies the audit chain, then names the event edited with raw SQL and exits 1', async () => {
    const intact = await cli(dataDir, 'audit', 'verify');
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.output).toMatch(/OK：审计链完整，共校验 \d+ 个事件/);
    const database = await openDatabase({ dataDir });
    try {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(database.db);
      await sql`UPDATE audit_events SET actor_name = '篡改者' WHERE seq = 2`.execute(database.db);
    } finally {
      await database.close();
    }
    const broken = await cli(dataDir, 'audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.output).toContain('第 2 号事件');
  });

  it('refuses to open a data directory another process holds, with a clear message', async () => {
    const database = await openDatabase({ dataDir });
    try {
      const refused = await cli(dataDir, 'db', 'migrate');
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('正被进程');
      expect(refused.output).toContain('请先停止服务器');
    } finally {
      await database.close();
    }
    expect((await cli(dataDir, 'db', 'migrate')).code).toBe(0);
  });

  it("imports another city's tree from the division data", async () => {
    const imported = await cli(dataDir, 'regions', 'import', '--city', '4414');
    expect(imported.code).toBe(0);
    expect(imported.output).toContain('梅州市');
    const database = await openDatabase({ dataDir });
    try {
      const counties = await database.db.selectFrom('regions').select('name').where('parent_code', '=', '4414').execute();
      expect(counties.map((county) => county.name)).toContain('梅县区');
    } finally {
      await database.close();
    }
    const badCity = await cli(dataDir, 'regions', 'import', '--city', '99');
    expect(badCity.code).toBe(1);
    expect(badCity.output).toContain('城市代码');
  });
});
