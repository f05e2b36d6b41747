import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { readPovertyVillageFile, replacePovertyVillages } from '../regions/regions.poverty-villages.ts';
import { givenNamesBySex } from '../registry/registry.names.ts';
import { importRosterFile } from './people.import.ts';

const OFFICE = { id: null, name: '命令行' };

// The roster and the year's poverty villages are the office's own data on a real installation (R-O1, R-O4).
describe('the roster and the poverty villages, entered by the office', () => {
  let harness: TestApp;
  let staff: Session;
  let huidong: Session;
  let directory: string;
  let unitId: number;

  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
    [staff, huidong] = await Promise.all([harness.login('staff'), harness.login('huidong')]);
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-roster-'));
    unitId = (await harness.ctx.db.selectFrom('units').select('id').where('name', '=', '惠州市审计局').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    fs.rmSync(directory, { recursive: true, force: true });
    await harness.close();
  });

  const file = (name: string, text: string, encoding: 'utf8' | 'gb18030' = 'utf8') => {
    const target = path.join(directory, name);
    fs.writeFileSync(target, iconv.encode(text, encoding));
    return target;
  };
  const personNamed = (name: string) => harness.ctx.db.selectFrom('people').selectAll().where('name', '=', name).execute();

  it('the demo roster is plausible: names read as the person’s gender, nobody in a city bureau or county office is 厅级', async () => {
    const demo = await harness.ctx.db.selectFrom('people').select(['name', 'gender', 'rank', 'post']).execute();
    expect(demo.length).toBeGreaterThan(100);
    expect(demo.filter((person) => !(givenNamesBySex[person.gender] as readonly string[]).some((given) => person.name.endsWith(given)))).toEqual([]);
    expect(demo.filter((person) => person.rank === 'bureau')).toEqual([]);
    expect(demo.filter((person) => person.post === '副局长').every((person) => person.rank === 'division')).toBe(true);
  });

  it('the office adds a person from the 人员 page; the list offers it; a county may not', async () => {
    const list = await staff.get('/api/people?pageSize=1');
    expect(list.json().actions).toEqual(['create']);
    expect((await huidong.get('/api/people?pageSize=1')).json().actions).toEqual([]);

    const created = await staff.post('/api/people', { name: '欧阳明远', gender: 'male', unitId, post: '副科长', rank: 'section', homeRegionCode: '441324' });
    expect(created.statusCode).toBe(201);
    expect(created.json().person).toMatchObject({ name: '欧阳明远', unitName: '惠州市审计局', rankLabel: '科级', homeRegionName: '龙门县' });
    const event = await harness.ctx.db.selectFrom('audit_events').select(['actor_name', 'after']).where('action', '=', 'person.create').where('entity_id', '=', String(created.json().person.id)).executeTakeFirstOrThrow();
    expect(event.after).toMatchObject({ name: '欧阳明远', unitId, rank: 'section' });

    const refused = await huidong.post('/api/people', { name: '张三丰', gender: 'male', unitId, post: '科员', rank: 'other' });
    expect(refused.statusCode).toBe(403);
  });

  it.each([
    [{ name: '李', gender: 'male', unitId: 1, post: '科员', rank: 'other' }, 'name', '姓名至少 2 个字'],
    [{ name: '李四', gender: 'x', unitId: 1, post: '科员', rank: 'other' }, 'gender', '性别须为'],
    [{ name: '李四', gender: 'male', unitId: 999999, post: '科员', rank: 'other' }, 'unitId', '不存在该单位'],
    [{ name: '李四', gender: 'male', unitId: 1, post: '科员', rank: 'other', homeRegionCode: '999999' }, 'homeRegionCode', '不是已载入的县（区）或镇（街道）代码'],
  ])('refuses %j naming the field, in Chinese', async (body, field, message) => {
    const refused = await staff.post('/api/people', body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain(message);
    expect(JSON.stringify(refused.json().error.details)).toContain(field);
    expect(await personNamed('李四')).toEqual([]);
  });

  it('imports a roster file in GB18030 all at once, and refuses a file with one wrong line whole', async () => {
    const good = file('roster.csv', '姓名,性别,单位,职务,职级,籍贯地代码\r\n司马光明,男,惠州市审计局,副局长,厅级,441322\r\n林晓燕,女,惠州市财政局,科员,其他,\r\n', 'gb18030');
    expect(await importRosterFile(harness.ctx, OFFICE, good)).toEqual({ added: 2 });
    expect(await personNamed('林晓燕')).toMatchObject([{ gender: 'female', rank: 'other', home_region_code: null }]);

    const bad = file('bad.csv', '姓名,性别,单位,职务,职级\n王建国,男,惠州市审计局,科员,其他\n赵敏,女,不存在的局,科员,科级\n钱多,男,惠州市财政局,科员,正处\n');
    await expect(importRosterFile(harness.ctx, OFFICE, bad)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '第 3 行「单位」（不存在的局）：不是已登记单位的全称，共 2 处问题；未新增任何人员',
    });
    expect(await personNamed('王建国')).toEqual([]);
    await expect(importRosterFile(harness.ctx, OFFICE, file('noheader.csv', '王建国,男\n'))).rejects.toThrow(/文件缺少列：「姓名」/u);
  });

  it('replaces a year’s poverty villages from a file, flags them in the region tree, and refuses unknown codes', async () => {
    const villages = await harness.ctx.db.selectFrom('regions').select('code').where('level', '=', 'village').where('county_code', '=', '441324').orderBy('code').limit(3).execute();
    const list = file('villages.csv', `村代码,出列年份\n${villages[0]!.code},\n${villages[1]!.code},2018\n`);
    expect(await replacePovertyVillages(harness.ctx, OFFICE, 2018, await readPovertyVillageFile(list))).toEqual({ year: 2018, replaced: 0, count: 2, exited: 1 });
    const again = file('villages2.csv', `村代码\n${villages[2]!.code}\n`);
    expect(await replacePovertyVillages(harness.ctx, OFFICE, 2018, await readPovertyVillageFile(again))).toMatchObject({ replaced: 2, count: 1 });
    const flagged = await harness.ctx.db.selectFrom('poverty_villages').select('village_code').where('year', '=', 2018).execute();
    expect(flagged).toEqual([{ village_code: villages[2]!.code }]);

    await expect(replacePovertyVillages(harness.ctx, OFFICE, 2018, [{ villageCode: '441324000000', exitYear: null }])).rejects.toThrow(
      '「村代码」（441324000000）：不是已载入区划中的村（居）委会；贫困村名单未改动',
    );
    await expect(readPovertyVillageFile(file('wrong.csv', '村代码\n4413\n'))).rejects.toThrow('第 2 行「村代码」（4413）：须为 12 位村（居）委会代码');
    expect(await harness.ctx.db.selectFrom('poverty_villages').select('village_code').where('year', '=', 2018).execute()).toEqual(flagged);
  });
});
