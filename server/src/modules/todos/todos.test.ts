import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../seed/huizhou.data.ts';
import { createPerson, createUser } from '../../testing/factories.ts';
import { createTestApp, fixedClock, type Session, type TestApp } from '../../testing/harness.ts';

type Todo = { entityType: string; status: string; statusLabel: string; actions: string[]; count: number; link: string };

// Counts are exact, so this suite has a database of its own.
describe('我的待办 — derived from the workflows', () => {
  let harness: TestApp;
  let staff: Session;
  let leader: Session;
  let longmen: Session;
  let huidong: Session;

  beforeAll(async () => {
    harness = await createTestApp({ clock: fixedClock(new Date('2017-03-10T02:00:00Z')), isolated: true });
    [staff, leader, longmen, huidong] = await Promise.all([harness.login('staff'), harness.login('leader'), harness.login('longmen'), harness.login('huidong')]);
  });
  afterAll(() => harness.close());

  const todosOf = async (session: Session) => {
    const response = await session.get('/api/todos');
    expect(response.statusCode).toBe(200);
    return response.json() as { items: Todo[]; total: number };
  };
  const find = (todos: { items: Todo[] }, entityType: string, status: string) => todos.items.find((item) => item.entityType === entityType && item.status === status);

  it('answers every role, each from its own view of every workflow', async () => {
    for (const account of demoAccounts) {
      const todos = await todosOf(await harness.login(account.username));
      expect(todos.total).toBe(todos.items.reduce((sum, item) => sum + item.count, 0));
    }
  });

  it('follows a record from the leader’s approval to the office’s team and the county’s rectification', async () => {
    expect(find(await todosOf(leader), 'inspection', 'proposed')).toBeUndefined();
    const proposed = await staff.post('/api/inspections', { year: 2017, title: '待办测试巡查', assessmentUnitCode: 'LM', reason: '测试' });
    const id = proposed.json().inspection.id as number;

    // 督13: it waits on 市委、市政府, not on the office that proposed it.
    expect(find(await todosOf(leader), 'inspection', 'proposed')).toMatchObject({ count: 1, actions: ['批准巡查', '不予批准'], link: '/inspections?status=proposed' });
    expect(find(await todosOf(staff), 'inspection', 'proposed')).toBeUndefined();
    expect((await leader.post(`/api/inspections/${id}/approve`, {})).statusCode).toBe(200);
    expect(find(await todosOf(leader), 'inspection', 'proposed')).toBeUndefined();
    expect(find(await todosOf(staff), 'inspection', 'approved')).toMatchObject({ count: 1, actions: ['组建巡查组'] });

    const chief = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441302' });
    const member = await createPerson(harness.ctx, { homeRegionCode: '441302' });
    expect((await staff.post(`/api/inspections/${id}/form-team`, { leaderId: chief.id, memberIds: [member.id] })).statusCode).toBe(200);
    expect((await staff.post(`/api/inspections/${id}/start-field-work`, {})).statusCode).toBe(200);
    const items = (await staff.get('/api/checklist-items?year=2017')).json().items as { id: number; code: string }[];
    const finding = await staff.post(`/api/inspections/${id}/findings`, { checklistItemId: items.find((item) => item.code === '15.3.4')!.id, description: '部分相对贫困户“被脱贫”' });
    expect(finding.statusCode).toBe(201);
    const chiefUser = await createUser(harness.ctx, { role: 'team_leader', personId: chief.id });
    const teamLeader = await harness.login(chiefUser.username);
    expect(find(await todosOf(teamLeader), 'inspection', 'in_field')).toMatchObject({ count: 1, actions: ['提交巡查报告', '填写工作记录、记录发现的问题'] });
    // A member in the field has the working papers to fill in (督4), though no workflow step is theirs.
    const memberUser = await createUser(harness.ctx, { role: 'team_member', personId: member.id });
    expect(find(await todosOf(await harness.login(memberUser.username)), 'inspection', 'in_field')).toMatchObject({ count: 1, actions: ['填写工作记录、记录发现的问题'] });
    expect((await teamLeader.post(`/api/inspections/${id}/submit-report`, { report: '报告' })).statusCode).toBe(200);

    // Before the feedback the county has nothing to do — and sees nothing of it.
    expect(find(await todosOf(longmen), 'problem', 'open')).toBeUndefined();
    expect((await staff.post(`/api/inspections/${id}/issue-feedback`, { feedbackDate: '2017-03-09', feedbackText: '反馈' })).statusCode).toBe(200);
    expect(find(await todosOf(longmen), 'problem', 'open')).toMatchObject({ count: 1, actions: ['开始整改', '报送整改情况', '申请延期'], link: '/rectifications?status=open' });
    expect(find(await todosOf(huidong), 'problem', 'open')).toBeUndefined();

    const problemId = finding.json().findings[0].id as number;
    expect((await longmen.post(`/api/rectifications/${problemId}/submit`, { measures: '逐户核查', evidence: '核查表' })).statusCode).toBe(200);
    expect(find(await todosOf(longmen), 'problem', 'open')).toBeUndefined();
    expect(find(await todosOf(staff), 'problem', 'reported')).toMatchObject({ count: 1, actions: ['核验通过', '退回重新整改'] });
    // Closing (办结) waits on nobody: it is not counted as work.
    expect(find(await todosOf(staff), 'inspection', 'feedback_issued')).toBeUndefined();
  });
});
