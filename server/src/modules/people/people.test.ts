import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit } from '../../testing/factories.ts';
import { createTestApp, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';

describe('person change requests (a workflow on the kernel)', () => {
  let harness: TestApp;
  let admin: Session;
  let staff: Session;
  let leader: Session;

  beforeAll(async () => {
    harness = await createTestApp();
    [admin, staff, leader] = await Promise.all([harness.login('admin'), harness.login('staff'), harness.login('leader')]);
  });
  afterAll(() => harness.close());

  async function submit(session: Session, body: Record<string, unknown> = { rank: 'division', reason: '提拔任用' }) {
    const person = await createPerson(harness.ctx, { rank: 'section' });
    const response = await session.post(`/api/people/${person.id}/change-requests`, body);
    expect(response.statusCode).toBe(201);
    return { person, request: response.json().request as { id: number; status: string; actions: string[] } };
  }

  async function eventsFor(id: number) {
    return harness.ctx.db.selectFrom('audit_events').select(['action', 'before', 'after']).where('entity_type', '=', 'person_change_request').where('entity_id', '=', String(id)).orderBy('seq').execute();
  }

  it('submit: office staff may, a county user may not; the submission is audited and changes nothing yet', async () => {
    const { person, request } = await submit(staff);
    expect(request.status).toBe('submitted');
    expect(request.actions).toEqual(['withdraw']);
    expect((await eventsFor(request.id)).map((event) => event.action)).toEqual(['person_change_request.submit']);
    const unchanged = await harness.ctx.db.selectFrom('people').select('rank').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(unchanged.rank).toBe('section');
    const refused = await leader.post(`/api/people/${person.id}/change-requests`, { rank: 'bureau', reason: '试图越权' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('无权');
  });

  it('approve: the office head may; the change takes effect with its own audit event', async () => {
    const unit = await createUnit(harness.ctx);
    const { person, request } = await submit(staff, { rank: 'division', unitId: unit.id, reason: '调任' });
    expect((await staff.post(`/api/person-change-requests/${request.id}/approve`, {})).statusCode).toBe(403);
    const approved = await admin.post(`/api/person-change-requests/${request.id}/approve`, { note: '同意' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().request).toMatchObject({ status: 'approved', statusLabel: '已批准', decisionNote: '同意', actions: [] });
    const updated = await harness.ctx.db.selectFrom('people').select(['rank', 'unit_id']).where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(updated).toEqual({ rank: 'division', unit_id: unit.id });
    const events = await eventsFor(request.id);
    expect(events.map((event) => event.action)).toEqual(['person_change_request.submit', 'person_change_request.approve']);
    expect(events[1]).toMatchObject({ before: { status: 'submitted' }, after: { status: 'approved' } });
    const personEvent = await harness.ctx.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'person').where('entity_id', '=', String(person.id)).executeTakeFirstOrThrow();
    expect(personEvent.before).toMatchObject({ rank: 'section' });
    expect(personEvent.after).toMatchObject({ rank: 'division', unit_id: unit.id });
  });

  it('refuses a decision in the wrong state with 409 and writes no event', async () => {
    const { request } = await submit(staff);
    expect((await admin.post(`/api/person-change-requests/${request.id}/reject`, { note: '材料不全' })).statusCode).toBe(200);
    const again = await admin.post(`/api/person-change-requests/${request.id}/approve`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'INVALID_STATE' });
    expect(again.json().error.message).toContain('已驳回');
    expect((await eventsFor(request.id)).map((event) => event.action)).toEqual(['person_change_request.submit', 'person_change_request.reject']);
  });

  it('reject needs a note; withdraw is for the requester', async () => {
    const { request } = await submit(staff);
    const noNote = await admin.post(`/api/person-change-requests/${request.id}/reject`, {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.message).toContain('note');
    const orgdept = await harness.login('orgdept');
    expect((await orgdept.post(`/api/person-change-requests/${request.id}/withdraw`, {})).statusCode).toBe(403);
    const withdrawn = await staff.post(`/api/person-change-requests/${request.id}/withdraw`, {});
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().request.status).toBe('withdrawn');
  });

  it('hides change requests from roles outside the office (404, not 403)', async () => {
    const { request } = await submit(staff);
    const huidong = await harness.login('huidong');
    expect((await huidong.post(`/api/person-change-requests/${request.id}/approve`, {})).statusCode).toBe(404);
    expect((await huidong.get('/api/person-change-requests')).statusCode).toBe(403);
  });

  it('scopes people: a county user sees its county office staff only; third parties see no one', async () => {
    const huidong = await harness.login('huidong');
    const list = (await huidong.get('/api/people?pageSize=200')).json() as { items: { unitName: string }[]; total: number };
    expect(list.total).toBeGreaterThan(0);
    expect(new Set(list.items.map((person) => person.unitName))).toEqual(new Set(['惠东县扶贫开发领导小组办公室']));
    const cityPerson = await createPerson(harness.ctx);
    expect((await huidong.get(`/api/people/${cityPerson.id}`)).statusCode).toBe(404);
    const thirdParty = await harness.login('thirdparty');
    expect(((await thirdParty.get('/api/people')).json() as { total: number }).total).toBe(0);
  });

  it.runIf(isPostgres)('two concurrent approvals of one request: exactly one wins (PostgreSQL)', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { request } = await submit(staff);
      const responses = await Promise.all([
        admin.post(`/api/person-change-requests/${request.id}/approve`, {}),
        admin.post(`/api/person-change-requests/${request.id}/reject`, { note: '并发驳回' }),
        admin.post(`/api/person-change-requests/${request.id}/approve`, {}),
      ]);
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses).toEqual([200, 409, 409]);
      const decisions = (await eventsFor(request.id)).filter((event) => event.action !== 'person_change_request.submit');
      expect(decisions).toHaveLength(1);
    }
  });
});
