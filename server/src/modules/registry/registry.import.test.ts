import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { defaultExitLineOf } from './registry.exit-criteria.ts';
import { createTestApp, isPostgres, type TestApp } from '../../testing/harness.ts';
import { csvCell, headerLabels } from './registry.format.ts';
import { householdRecords } from './registry.generated-output.ts';
import { generateHouseholds, type GeneratedHousehold } from './registry.generate.ts';
import { importRegistryFile } from './registry.import.ts';
import { huizhouVillages } from './registry.villages.ts';

const actor = { id: null, name: '测试' };

function toCsv(households: GeneratedHousehold[], mutate?: (rows: string[][]) => void): string {
  const rows = households.flatMap(householdRecords);
  mutate?.(rows);
  return `${[headerLabels, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

async function registryState(harness: TestApp) {
  const result = await sql<{ state: string }>`SELECT concat_ws(',', (SELECT count(*) FROM households), (SELECT count(*) FROM household_members),
    (SELECT count(*) FROM household_incomes), (SELECT count(*) FROM household_status_changes), (SELECT count(*) FROM audit_events)) AS state`.execute(harness.ctx.db);
  return result.rows[0]!.state;
}

// The registry must start empty for these counts, so each run gets a database of its own.
describe('registry import (R-R5) and personal data (R-R6)', () => {
  let harness: TestApp;
  let households: GeneratedHousehold[];

  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
    const villages = await huizhouVillages();
    households = [...generateHouseholds({ households: 400, seed: 7, year: 2017, withAnomalies: false, isForFile: true, villages, exitLineOf: defaultExitLineOf })];
  });
  afterAll(() => harness.close());

  const importText = (bytes: Buffer, options: { isPartial?: boolean; encoding?: 'auto' | 'utf8' | 'gb18030' } = {}) =>
    importRegistryFile(harness.ctx, { stream: Readable.from([bytes]), format: 'csv', encoding: options.encoding ?? 'auto' }, { isPartial: options.isPartial ?? false, actor });

  it('refuses a file with bad rows, names each bad row, and leaves the registry unchanged', async () => {
    const before = await registryState(harness);
    const csv = toCsv(households.slice(0, 50), (rows) => {
      rows[2]![30] = `${rows[2]![30]!.slice(0, 17)}${rows[2]![30]!.endsWith('0') ? '1' : '0'}`; // wrong check digit
      rows[4]![2] = ''; // missing 户主姓名
      rows[6]![9] = '因懒'; // unknown cause
      rows[8]![30] = rows[9]![30]!; // the same person twice
      rows[8]![31] = rows[9]![31]!;
      rows[10]![1] = '441323999999'; // no such village
    });
    const result = await importText(Buffer.from(csv));
    expect(result.status).toBe('refused');
    const described = result.errors.map((error) => `${error.line}:${error.column}:${error.reason}`);
    expect(described).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^4:身份证号:校验码错误/),
        expect.stringMatching(/^6:户主姓名:必填项为空/),
        expect.stringMatching(/^8:主要致贫原因:不是有效取值/),
        expect.stringMatching(/^11:身份证号:与文件中前面的行重复/),
        expect.stringMatching(/^11:户编号:同一户的各行中户级信息/),
        expect.stringMatching(/^12:行政村代码:不是已登记的/),
      ]),
    );
    expect(result.errors.every((error) => !/\d{17}[\dX]/.test(error.value))).toBe(true);
    expect(await registryState(harness)).toBe(before);
  });

  it('imports valid households only with --partial, and reports the rest', async () => {
    const csv = toCsv(households.slice(0, 20), (rows) => {
      rows[0]![6] = '半脱贫';
    });
    const result = await importText(Buffer.from(csv), { isPartial: true });
    expect(result.status).toBe('imported');
    expect(result.householdsRejected).toBe(1);
    expect(result.householdsImported).toBe(19);
    expect(result.errors[0]).toMatchObject({ line: 2, column: '脱贫状态' });
  });

  it('imports a GB18030 file saved the way Chinese Excel saves it (no BOM, CRLF), detecting the encoding', async () => {
    const slice = households.slice(20, 120);
    const bytes = iconv.encode(toCsv(slice), 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const result = await importText(bytes);
    expect(result).toMatchObject({ status: 'imported', encoding: 'gb18030', householdsImported: 100, errorCount: 0 });
    expect(result.membersImported).toBe(slice.reduce((sum, household) => sum + household.members.length, 0));
    const stored = await harness.ctx.db.selectFrom('households').select(['head_name', 'village_code']).where('household_no', '=', slice[0]!.householdNo).executeTakeFirstOrThrow();
    expect(stored).toEqual({ head_name: slice[0]!.headName, village_code: slice[0]!.villageCode });
  });

  it('imports UTF-8 with a BOM, and refuses the same households a second time', async () => {
    const csv = `\uFEFF${toCsv(households.slice(120, 220))}`;
    expect((await importText(Buffer.from(csv))).householdsImported).toBe(100);
    const again = await importText(Buffer.from(csv));
    expect(again.status).toBe('refused');
    expect(again.errors[0]?.reason).toMatch(/已在建档立卡库中/);
  });

  it('stores 身份证号 encrypted with a keyed lookup hash, and never shows it in full to a county user', async () => {
    const member = households[20]!.members[0]!;
    const stored = await harness.ctx.db.selectFrom('household_members').selectAll().where('id_hash', '=', harness.ctx.personalData.lookupHash(member.idNumber)).executeTakeFirstOrThrow();
    expect(stored.id_cipher).not.toContain(member.idNumber);
    expect(harness.ctx.personalData.decrypt(stored.id_cipher)).toBe(member.idNumber);
    expect(stored.id_masked).toBe(`${member.idNumber.slice(0, 6)}********${member.idNumber.slice(-4)}`);
    const raw = JSON.stringify((await sql`SELECT * FROM household_members`.execute(harness.ctx.db)).rows);
    expect(raw).not.toContain(member.idNumber);

    const countyOf = (household: GeneratedHousehold) => household.villageCode.slice(0, 6);
    const huidongHousehold = households.slice(20, 220).find((household) => countyOf(household) === '441323')!;
    const boluoHousehold = households.slice(20, 220).find((household) => countyOf(household) === '441322')!;
    const ids = await harness.ctx.db.selectFrom('households').select(['id', 'household_no']).where('household_no', 'in', [huidongHousehold.householdNo, boluoHousehold.householdNo]).execute();
    const idOf = (no: string) => Number(ids.find((row) => row.household_no === no)!.id);
    const huidong = await harness.login('huidong');
    const own = await huidong.get(`/api/registry/households/${idOf(huidongHousehold.householdNo)}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toMatch(/\d{17}[\dX]/);
    expect(own.json().members[0].idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect((await huidong.get(`/api/registry/households/${idOf(boluoHousehold.householdNo)}`)).statusCode).toBe(404);
    const list = (await huidong.get('/api/registry/households?pageSize=200')).json() as { items: { place: string }[]; total: number };
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((item) => item.place.startsWith('惠东县'))).toBe(true);
  });
});

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

// kill -9 in the middle of an import, through the real CLI on an embedded data directory.
describe.skipIf(isPostgres)('an import killed with SIGKILL', () => {
  let dataDir: string;
  let file: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-kill-'));
    file = path.join(dataDir, 'big.csv');
    const villages = await huizhouVillages();
    const big = [...generateHouseholds({ households: 30_000, seed: 11, year: 2017, withAnomalies: false, isForFile: true, villages, exitLineOf: defaultExitLineOf })];
    fs.writeFileSync(file, toCsv(big));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('leaves the registry as it was', async () => {
    const env = { ...process.env, DATA_DIR: dataDir, DATA_KEY: Buffer.alloc(32, 3).toString('base64') };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const child = spawn(path.join(repositoryRoot, 'node_modules/.bin/dukao'), ['registry', 'import', file], { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // Let it read and stage rows for a while, then kill it without warning.
        if (output.includes('正在导入')) setTimeout(resolve, 1500);
      });
      child.on('exit', () => reject(new Error(`the import ended before it could be killed: ${output}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const database = await openDatabase({ dataDir });
    try {
      const counts = await sql<{ households: number; members: number }>`SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM household_members)::int AS members`.execute(database.db);
      expect(counts.rows[0]).toEqual({ households: 0, members: 0 });
    } finally {
      await database.close();
    }
  });
});
