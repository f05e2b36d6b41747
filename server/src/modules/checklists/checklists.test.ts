import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

type Checklist = {
  year: number;
  templateYear: number | null;
  isOwnTemplate: boolean;
  actions: string[];
  groups: { group: number; code: string; title: string; items: { id: number; code: string; title: string; usageCount: number; isEditable: boolean }[] }[];
};

// The checklists are templates shared by every test of a database: this suite gets a database of its own.
describe('责任清单 per year (R-S5, R-I3)', () => {
  let harness: TestApp;
  let staff: Session;
  let leader: Session;
  let longmen: Session;

  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
    [staff, leader, longmen] = await Promise.all([harness.login('staff'), harness.login('leader'), harness.login('longmen')]);
  });
  afterAll(() => harness.close());

  const read = async (session: Session, kind: string, year: number) => {
    const response = await session.get(`/api/checklists?kind=${kind}&year=${year}`);
    expect(response.statusCode).toBe(200);
    return response.json() as Checklist;
  };

  async function eventsOf(action: string) {
    return harness.ctx.db.selectFrom('audit_events').select(['entity_id', 'before', 'after']).where('action', '=', action).orderBy('seq').execute();
  }

  it('the 2017 templates carry the 8 areas of 督9 and the 4 categories of 督15 with their sub-items', async () => {
    const supervision = await read(staff, 'supervision', 2017);
    expect(supervision.groups.map((group) => group.code)).toEqual(['9.1', '9.2', '9.3', '9.4', '9.5', '9.6', '9.7', '9.8']);
    expect(supervision.groups[3]).toMatchObject({ title: '精准识别、精准退出情况' });
    expect(supervision.groups[3]!.items.map((item) => item.code)).toEqual(['9.4.1', '9.4.2']);
    const inspection = await read(staff, 'inspection', 2017);
    expect(inspection.groups.map((group) => group.items.length)).toEqual([5, 6, 6, 3]);
    expect(inspection.groups[2]!.items[4]).toMatchObject({ code: '15.3.5', title: '严重失实，弄虚作假搞“数字脱贫”' });
    expect(inspection).toMatchObject({ isOwnTemplate: true, actions: ['addItem', 'editItem', 'deleteItem'] });
  });

  it('a later year works from the latest earlier template until the office makes its own', async () => {
    const before = await read(staff, 'supervision', 2031);
    expect(before).toMatchObject({ year: 2031, templateYear: 2017, isOwnTemplate: false, actions: ['copyTemplate'] });
    expect(before.groups.every((group) => group.items.every((item) => !item.isEditable))).toBe(true);
    expect((await staff.post('/api/checklists/items', { kind: 'supervision', year: 2031, group: 4, title: '新增事项' })).statusCode).toBe(409);

    expect((await leader.post('/api/checklists/copy', { kind: 'supervision', year: 2031 })).statusCode).toBe(403);
    const copied = await staff.post('/api/checklists/copy', { kind: 'supervision', year: 2031 });
    expect(copied.statusCode).toBe(201);
    expect(copied.json()).toMatchObject({ templateYear: 2031, isOwnTemplate: true });
    expect((copied.json() as Checklist).groups.flatMap((group) => group.items)).toHaveLength(27);
    expect((await staff.post('/api/checklists/copy', { kind: 'supervision', year: 2031 })).statusCode).toBe(409);
    expect((await eventsOf('checklist.copy')).at(-1)).toMatchObject({ entity_id: '2031', after: { fromYear: 2017, items: 35 } });

    // 2032 now inherits 2031's template, 2017's is untouched.
    expect(await read(staff, 'supervision', 2032)).toMatchObject({ templateYear: 2031 });
    expect((await read(staff, 'supervision', 2017)).groups.flatMap((group) => group.items)).toHaveLength(27);
  });

  it('adds, rewords and removes sub-items of the year’s own template; audited', async () => {
    const added = await staff.post('/api/checklists/items', { kind: 'supervision', year: 2031, group: 4, title: '“数字脱贫”核查情况' });
    expect(added.statusCode).toBe(201);
    const area4 = (added.json() as Checklist).groups[3]!;
    expect(area4.items.map((item) => item.code)).toEqual(['9.4.1', '9.4.2', '9.4.3']);
    const newItem = area4.items[2]!;
    expect(newItem).toMatchObject({ title: '“数字脱贫”核查情况', isEditable: true });
    // The order stays by area: area 5 still follows the new item.
    const rows = await harness.ctx.db.selectFrom('supervision_checklist_items').select(['code']).where('year', '=', 2031).orderBy('sort_order').execute();
    expect(rows.map((row) => row.code).slice(16, 19)).toEqual(['9.4.2', '9.4.3', '9.5']);

    const edited = await staff.request({ method: 'PATCH', url: `/api/checklists/items/${newItem.id}`, payload: { kind: 'supervision', title: '“数字脱贫”专项核查情况' } });
    expect(edited.statusCode).toBe(200);
    expect((edited.json() as Checklist).groups[3]!.items[2]!.title).toBe('“数字脱贫”专项核查情况');
    expect((await eventsOf('checklist_item.edit')).at(-1)).toMatchObject({ before: { title: '“数字脱贫”核查情况' }, after: { title: '“数字脱贫”专项核查情况' } });

    expect((await longmen.request({ method: 'DELETE', url: `/api/checklists/items/${newItem.id}?kind=supervision` })).statusCode).toBe(403);
    const removed = await staff.request({ method: 'DELETE', url: `/api/checklists/items/${newItem.id}?kind=supervision` });
    expect(removed.statusCode).toBe(200);
    expect((removed.json() as Checklist).groups[3]!.items).toHaveLength(2);
    expect((await eventsOf('checklist_item.delete')).at(-1)).toMatchObject({ entity_id: String(newItem.id), before: { code: '9.4.3' } });
  });

  it('the areas of 督9 themselves and items already cited stay as they are', async () => {
    const area = await harness.ctx.db.selectFrom('supervision_checklist_items').select('id').where('year', '=', 2017).where('code', '=', '9.4').executeTakeFirstOrThrow();
    const refused = await staff.request({ method: 'PATCH', url: `/api/checklists/items/${area.id}`, payload: { kind: 'supervision', title: '改名' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('第九条');

    const cited = await harness.ctx.db.selectFrom('checklist_items').select('id').where('year', '=', 2017).where('code', '=', '15.3.5').executeTakeFirstOrThrow();
    const inspection = await harness.ctx.db
      .insertInto('inspections')
      .values({ year: 2017, title: '测试巡查', assessment_unit_code: 'LM', reason: '测试', rectification_months: 2, status: 'proposed', proposed_by: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await harness.ctx.db
      .insertInto('inspection_records')
      .values({ inspection_id: inspection.id, method: 'interview', record_date: '2017-05-02', place: '龙门县', notes: '访谈', checklist_item_id: cited.id, recorded_by: 1 })
      .execute();
    const inUse = await staff.request({ method: 'DELETE', url: `/api/checklists/items/${cited.id}?kind=inspection` });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.message).toContain('已被 1 条工作记录或问题引用');
    expect((await read(staff, 'inspection', 2017)).groups[2]!.items[4]).toMatchObject({ usageCount: 1, isEditable: false });
  });

  it('bad input names the field', async () => {
    const badKind = await staff.get('/api/checklists?kind=assessment&year=2017');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.message).toContain('kind');
    const badGroup = await staff.post('/api/checklists/items', { kind: 'inspection', year: 2017, group: 6, title: '第六类' });
    expect(badGroup.statusCode).toBe(400);
    expect(badGroup.json().error.message).toContain('group');
    const empty = await staff.post('/api/checklists/items', { kind: 'inspection', year: 2017, group: 1, title: '  ' });
    expect(empty.statusCode).toBe(400);
    expect((await staff.request({ method: 'DELETE', url: '/api/checklists/items/999999?kind=inspection' })).statusCode).toBe(404);
  });
});
