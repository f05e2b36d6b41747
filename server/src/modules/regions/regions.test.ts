import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';

type RegionView = { code: string; name: string; level: string; childCount: number; isPovertyVillage: boolean };

describe('regions and scope', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await createTestApp();
  });
  afterAll(() => harness.close());

  it('loads Huizhou from the real division data: 5 county-level divisions, every town and village', async () => {
    const admin = await harness.login('admin');
    const city = (await admin.get('/api/regions/4413')).json() as { region: RegionView; children: RegionView[] };
    expect(city.region.name).toBe('惠州市');
    expect(city.children.map((child) => `${child.code} ${child.name}`)).toEqual([
      '441302 惠城区',
      '441303 惠阳区',
      '441322 博罗县',
      '441323 惠东县',
      '441324 龙门县',
    ]);
    const counts = await harness.ctx.db.selectFrom('regions').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute();
    const byLevel = Object.fromEntries(counts.map((row) => [row.level, Number(row.n)]));
    expect(byLevel).toMatchObject({ county: 5, town: 84, village: 1364 });
    const town = (await admin.get('/api/regions/441323118')).json() as { region: RegionView; ancestors: RegionView[] };
    expect(town.region.name).toBe('高潭镇');
    expect(town.ancestors.map((ancestor) => ancestor.name)).toEqual(['广东省', '惠州市', '惠东县']);
  });

  it('flags 46 poverty villages on real village records of 惠东, 博罗 and 龙门', async () => {
    const rows = await harness.ctx.db
      .selectFrom('poverty_villages as pv')
      .innerJoin('regions as r', 'r.code', 'pv.village_code')
      .select(['r.county_code', 'r.level', 'pv.is_demo'])
      .execute();
    expect(rows).toHaveLength(46);
    expect(new Set(rows.map((row) => row.county_code))).toEqual(new Set(['441322', '441323', '441324']));
    expect(rows.every((row) => row.level === 'village' && row.is_demo)).toBe(true);
  });

  it('answers 404 to huidong for a town of 博罗, and shows it only its own county', async () => {
    const huidong = await harness.login('huidong');
    const boluoTown = await huidong.get('/api/regions/441322001');
    expect(boluoTown.statusCode).toBe(404);
    expect(boluoTown.json().error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await huidong.get('/api/regions/441322')).statusCode).toBe(404);
    const city = (await huidong.get('/api/regions/4413')).json() as { children: RegionView[] };
    expect(city.children.map((child) => child.name)).toEqual(['惠东县']);
    const county = (await huidong.get('/api/regions/441323')).json() as { children: RegionView[] };
    expect(county.children.length).toBe(21);
    expect((await huidong.get('/api/regions/441323118')).statusCode).toBe(200);
    const search = (await huidong.get(`/api/regions/search?q=${encodeURIComponent('罗阳')}`)).json() as { items: RegionView[] };
    expect(search.items).toEqual([]);
  });

  it('splits 惠城 between 惠城区 and 仲恺高新区 as the assessment units say (R-O2)', async () => {
    const huicheng = await harness.login('huicheng');
    const zhongkai = await harness.login('zhongkai');
    expect((await huicheng.get('/api/regions/441302007')).statusCode).toBe(404);
    expect((await zhongkai.get('/api/regions/441302007')).statusCode).toBe(200);
    expect((await zhongkai.get('/api/regions/441302001')).statusCode).toBe(404);
    const huichengTowns = ((await huicheng.get('/api/regions/441302')).json() as { children: RegionView[] }).children.map((child) => child.name);
    const zhongkaiTowns = ((await zhongkai.get('/api/regions/441302')).json() as { children: RegionView[] }).children.map((child) => child.name);
    expect(zhongkaiTowns).toEqual(['惠环街道', '陈江街道', '潼湖镇', '沥林镇', '潼侨镇', '东江高新科技产业园']);
    expect(huichengTowns).toContain('桥东街道');
    expect(huichengTowns.some((name) => zhongkaiTowns.includes(name))).toBe(false);
    const dayawan = await harness.login('dayawan');
    const dayawanTowns = ((await dayawan.get('/api/regions/441303')).json() as { children: RegionView[] }).children.map((child) => child.name);
    expect(dayawanTowns).toEqual(['大亚湾澳头街道', '大亚湾霞涌街道', '大亚湾西区街道']);
  });

  it('limits a town user to its town', async () => {
    const gaotan = await harness.login('gaotan');
    expect((await gaotan.get('/api/regions/441323118')).statusCode).toBe(200);
    expect((await gaotan.get('/api/regions/441323001')).statusCode).toBe(404);
    const county = (await gaotan.get('/api/regions/441323')).json() as { children: RegionView[] };
    expect(county.children.map((child) => child.name)).toEqual(['高潭镇']);
  });

  it('lists the 7 assessment units of 考2 with their towns; a county user sees its own', async () => {
    const admin = await harness.login('admin');
    const body = (await admin.get('/api/assessment-units')).json() as { year: number; items: { name: string; category: string; towns: unknown[] }[] };
    expect(body.year).toBe(2017);
    expect(body.items.map((unit) => unit.name)).toEqual(['惠东县', '博罗县', '龙门县', '惠城区', '惠阳区', '大亚湾区', '仲恺高新区']);
    expect(body.items.filter((unit) => unit.category === 'poverty_task').map((unit) => unit.name)).toEqual(['惠东县', '博罗县', '龙门县']);
    const allTowns = body.items.reduce((sum, unit) => sum + unit.towns.length, 0);
    expect(allTowns).toBe(84);
    const boluo = await harness.login('boluo');
    const own = (await boluo.get('/api/assessment-units')).json() as { items: { name: string }[] };
    expect(own.items.map((unit) => unit.name)).toEqual(['博罗县']);
  });

  it('searches by name and by code within scope', async () => {
    const admin = await harness.login('admin');
    const byName = (await admin.get(`/api/regions/search?q=${encodeURIComponent('高潭')}`)).json() as { items: (RegionView & { pathName: string })[] };
    expect(byName.items[0]).toMatchObject({ code: '441323118', name: '高潭镇', pathName: '惠东县 / 高潭镇' });
    const byCode = (await admin.get('/api/regions/search?q=441324&level=county')).json() as { items: RegionView[] };
    expect(byCode.items.map((item) => item.name)).toEqual(['龙门县']);
  });
});
