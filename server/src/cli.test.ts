import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/database.ts';
import { createPersonalDataCipher, loadPersonalDataKey } from './kernel/personal-data.ts';
import { dukao as cli, spawnDukao } from './testing/cli.ts';
import { isPostgres } from './testing/harness.ts';



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
      // Another process: this one holds the directory.
      const refused = await spawnDukao(dataDir, 'db', 'migrate');
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

// Backup and restore of the embedded data directory, through the real CLI; PGlite only.
describe.skipIf(isPostgres)('npx dukao backup and restore', () => {
  let workDir: string;
  let dataDir: string;
  let backupFile: string;
  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-backup-'));
    dataDir = path.join(workDir, 'data');
    backupFile = path.join(workDir, '备份', 'dukao.tar.gz');
    expect((await cli(dataDir, 'db', 'seed')).code).toBe(0);
    // Households with encrypted 身份证号, under the key file the first open created in data/keys/.
    expect((await cli(dataDir, 'registry', 'generate', '--households', '120', '--seed', '5', '--year', '2017')).code).toBe(0);
  });
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it('backs up the database and its key, refuses while the directory is held, and restores into a wiped directory with the same audit chain and a decryptable 身份证号', async () => {
    const verifiedBefore = await cli(dataDir, 'audit', 'verify');
    expect(verifiedBefore.code).toBe(0);
    expect(verifiedBefore.output).toMatch(/最新事件：第 \d+ 号，哈希 [0-9a-f]{64}/);
    const before = await readFacts(dataDir);

    // While another process holds the data directory (the server), both refuse and say why.
    const holder = await openDatabase({ dataDir });
    try {
      const refused = await spawnDukao(dataDir, 'backup', backupFile);
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('正被进程');
      expect(fs.existsSync(backupFile)).toBe(false);
    } finally {
      await holder.close();
    }

    const backedUp = await cli(dataDir, 'backup', backupFile);
    expect(backedUp.code).toBe(0);
    expect(backedUp.output).toContain(`已写出备份 ${backupFile}`);
    expect(backedUp.output).toContain('keys/personal-data.key 在备份中');
    expect(backedUp.output).toContain(`审计链 ${before.events} 个事件，最新事件哈希 ${before.head}`);
    const again = await cli(dataDir, 'backup', backupFile);
    expect(again.code).toBe(1);
    expect(again.output).toContain('已存在；要覆盖它请加 --force');

    // Over the data it came from: refused without --force.
    const overExisting = await cli(dataDir, 'restore', backupFile);
    expect(overExisting.code).toBe(1);
    expect(overExisting.output).toContain('不是空的');

    fs.rmSync(dataDir, { recursive: true, force: true });
    const restored = await cli(dataDir, 'restore', backupFile);
    expect(restored.code).toBe(0);
    expect(restored.output).toContain('校验和全部相符');
    expect(restored.output).toContain(`审计链完整：${before.events} 个事件，最新事件哈希 ${before.head}，与备份时一致`);
    expect(restored.output).toContain('身份证号可以解密');
    expect(fs.existsSync(path.join(dataDir, 'keys', 'personal-data.key'))).toBe(true);

    const verifiedAfter = await cli(dataDir, 'audit', 'verify');
    expect(verifiedAfter).toEqual(verifiedBefore);
    const after = await readFacts(dataDir);
    expect(after).toEqual(before);
    expect(after.idNumber).toMatch(/^\d{17}[\dX]$/);

    // --force replaces what is there, after checking the copy.
    const forced = await cli(dataDir, 'restore', backupFile, '--force');
    expect(forced.code).toBe(0);
    expect(forced.output).toContain('替换了原有的 pglite、keys');
    expect(await readFacts(dataDir)).toEqual(before);
  }, 600_000);

  it('refuses a file that is not a backup, and a damaged one, leaving the data directory as it was', async () => {
    const before = await readFacts(dataDir);
    const notBackup = path.join(workDir, 'not-a-backup.tar.gz');
    fs.writeFileSync(notBackup, 'just text');
    const refused = await cli(dataDir, 'restore', notBackup, '--force');
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/错误：/);

    // Flip one byte in the middle of the compressed data.
    const damaged = path.join(workDir, 'damaged.tar.gz');
    const bytes = fs.readFileSync(backupFile);
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
    fs.writeFileSync(damaged, bytes);
    const broken = await cli(dataDir, 'restore', damaged, '--force');
    expect(broken.code).toBe(1);
    expect(await readFacts(dataDir)).toEqual(before);
  }, 300_000);
});

/** The audit chain's length and head, the registry's size, and the first member's 身份证号 decrypted with the directory's key. */
async function readFacts(dataDir: string) {
  const database = await openDatabase({ dataDir });
  try {
    const audit = await sql<{ events: number; head: string }>`SELECT count(*)::int AS events, (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1) AS head FROM audit_events`.execute(database.db);
    const households = await sql<{ n: number }>`SELECT count(*)::int AS n FROM households`.execute(database.db);
    const member = await sql<{ id_cipher: string }>`SELECT id_cipher FROM household_members ORDER BY id LIMIT 1`.execute(database.db);
    const cipher = createPersonalDataCipher(loadPersonalDataKey({ dataDir, dataKey: undefined }));
    return { ...audit.rows[0]!, households: households.rows[0]!.n, idNumber: cipher.decrypt(member.rows[0]!.id_cipher) };
  } finally {
    await database.close();
  }
}
