import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUser } from '../../testing/factories.ts';
import { createTestApp, fixedClock, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';

const clock = fixedClock(new Date('2017-03-10T02:00:00Z'));

describe('transfers 移交 to 纪检监察 / 检察机关 (督17, R-I6)', () => {
  let harness: TestApp;
  let staff: Session;
  let leader: Session;
  let longmen: Session;
  let jiwei: Session;
  let otherLiaison: Session;
  let jiweiId: number;

  beforeAll(async () => {
    harness = await createTestApp({ clock });
    [staff, leader, longmen, jiwei] = await Promise.all([harness.login('staff'), harness.login('leader'), harness.login('longmen'), harness.login('jiwei')]);
    const other = await createUser(harness.ctx, { role: 'discipline' });
    otherLiaison = await harness.login(other.username);
    jiweiId = (await harness.ctx.db.selectFrom('users').select('id').where('username', '=', 'jiwei').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => harness.close());

  /** An inspection of 龙门县 in the field with two field records and two findings; returns the ids. */
  async function inspectionWithFindings() {
    const proposed = await staff.post('/api/inspections', { year: 2017, title: '移交测试巡查', assessmentUnitCode: 'LM', reason: '群众反映强烈' });
    const id = proposed.json().inspection.id as number;
    await leader.post(`/api/inspections/${id}/approve`, {});
    const leaderPerson = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441302' });
    const memberPerson = await createPerson(harness.ctx, { homeRegionCode: '441302' });
    expect((await staff.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] })).statusCode).toBe(200);
    expect((await staff.post(`/api/inspections/${id}/start-field-work`, {})).statusCode).toBe(200);
    const items = (await staff.get('/api/checklist-items?year=2017')).json().items as { id: number; code: string }[];
    const item = items.find((candidate) => candidate.code === '15.2.6')!;
    const recordIds: number[] = [];
    for (const notes of ['查阅资金拨付台账，发现虚报冒领', '走访农户，证实未领到补助']) {
      const record = await staff.post(`/api/inspections/${id}/records`, { method: 'document_review', recordDate: '2017-03-08', place: '麻榨镇', notes, checklistItemId: item.id });
      expect(record.statusCode, record.body).toBe(201);
    }
    const detail = (await staff.get(`/api/inspections/${id}`)).json();
    recordIds.push(...detail.records.map((record: { id: number }) => record.id));
    const findingIds: number[] = [];
    for (const description of ['村干部虚报冒领扶贫资金 3 万元', '镇财政所拨付迟缓']) {
      const finding = await staff.post(`/api/inspections/${id}/findings`, { checklistItemId: item.id, description, severity: 'serious' });
      expect(finding.statusCode).toBe(201);
      findingIds.push(finding.json().findings.at(-1).id as number);
    }
    return { inspectionId: id, recordIds, findingIds };
  }

  async function eventsFor(entityType: string, id: number) {
    return harness.ctx.db.selectFrom('audit_events').select(['action', 'before', 'after']).where('entity_type', '=', entityType).where('entity_id', '=', String(id)).orderBy('seq').execute();
  }

  async function transfer(problemId: number, extra: Record<string, unknown> = {}) {
    return staff.post('/api/transfers', { problemId, recipientBody: 'discipline_inspection', recipientUserId: jiweiId, summary: '涉嫌虚报冒领扶贫资金，移交审查', ...extra });
  }

  it('the office transfers a problem with its evidence bundle; the problem becomes transferred; both are audited', async () => {
    const { inspectionId, recordIds, findingIds } = await inspectionWithFindings();
    const [problemId, otherFinding] = findingIds as [number, number];
    expect((await longmen.get('/api/transfers/recipients')).statusCode).toBe(403);
    const recipients = (await staff.get('/api/transfers/recipients')).json().items;
    expect(recipients).toContainEqual({ id: jiweiId, displayName: '市纪委监委联络员（演示）' });

    expect((await leader.post('/api/transfers', { problemId, recipientBody: 'procuratorate', recipientUserId: jiweiId, summary: '越权' })).statusCode).toBe(403);
    const created = await transfer(problemId, { recordIds: [recordIds[0]], findingIds: [problemId, otherFinding] });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json().transfer;
    expect(view).toMatchObject({ status: 'sent', statusLabel: '已移交，待签收', recipientBodyLabel: '纪检监察机关', recipientName: '市纪委监委联络员（演示）', inspectionId });
    expect(view.evidence.problem).toMatchObject({ id: problemId, description: '村干部虚报冒领扶贫资金 3 万元' });
    expect(view.evidence.inspection).toMatchObject({ id: inspectionId, title: '移交测试巡查', assessmentUnitName: '龙门县' });
    expect(view.evidence.records.map((record: { id: number }) => record.id)).toEqual([recordIds[0]]);
    expect(view.evidence.findings.map((finding: { id: number }) => finding.id)).toEqual([problemId, otherFinding]);

    const problem = (await staff.get(`/api/rectifications/${problemId}`)).json().problem;
    expect(problem).toMatchObject({ status: 'transferred', statusLabel: '已移交' });
    expect((await eventsFor('problem', problemId)).at(-1)).toMatchObject({ action: 'problem.transfer', after: { status: 'transferred' } });
    expect((await eventsFor('transfer', view.id))[0]).toMatchObject({ action: 'transfer.create', after: { problemId, recipientUserId: jiweiId, status: 'sent' } });

    // Once transferred, a problem is not transferred again.
    const again = await transfer(problemId);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_STATE');
  });

  it('refuses evidence from another inspection and a recipient who is not a discipline liaison, with 400 naming the field', async () => {
    const first = await inspectionWithFindings();
    const second = await inspectionWithFindings();
    const foreignRecord = await transfer(first.findingIds[0]!, { recordIds: [second.recordIds[0]] });
    expect(foreignRecord.statusCode).toBe(400);
    expect(foreignRecord.json().error.details.fields[0].field).toBe('recordIds');
    const staffUser = await harness.ctx.db.selectFrom('users').select('id').where('username', '=', 'staff').executeTakeFirstOrThrow();
    const notLiaison = await transfer(first.findingIds[0]!, { recipientUserId: staffUser.id });
    expect(notLiaison.statusCode).toBe(400);
    expect(notLiaison.json().error.message).toContain('recipientUserId');
    const badBody = await transfer(first.findingIds[0]!, { recipientBody: 'police' });
    expect(badBody.statusCode).toBe(400);
    expect((await staff.get(`/api/rectifications/${first.findingIds[0]}`)).json().problem.status).toBe('open');
  });

  it('the liaison acknowledges and reports 受理 / 立案 / 处理完毕; other roles are refused; wrong states are 409; all audited', async () => {
    const { findingIds } = await inspectionWithFindings();
    const id = (await transfer(findingIds[0]!)).json().transfer.id as number;

    // Addressed to jiwei: another liaison and the county do not even see it.
    expect((await otherLiaison.get(`/api/transfers/${id}`)).statusCode).toBe(404);
    expect((await otherLiaison.post(`/api/transfers/${id}/acknowledge`, {})).statusCode).toBe(404);
    expect((await longmen.get(`/api/transfers/${id}`)).statusCode).toBe(404);
    expect((await otherLiaison.get('/api/transfers')).json().items.map((item: { id: number }) => item.id)).not.toContain(id);

    const inbox = (await jiwei.get('/api/transfers')).json().items as { id: number; actions: string[] }[];
    expect(inbox.find((item) => item.id === id)?.actions).toEqual(['acknowledge']);
    // The office sees it but does not report for the recipient.
    expect((await staff.post(`/api/transfers/${id}/acknowledge`, {})).statusCode).toBe(403);
    expect((await jiwei.post(`/api/transfers/${id}/accept`, { note: '受理' })).statusCode).toBe(409);

    expect((await jiwei.post(`/api/transfers/${id}/acknowledge`, {})).statusCode).toBe(200);
    expect((await jiwei.post(`/api/transfers/${id}/accept`, {})).statusCode).toBe(400);
    expect((await jiwei.post(`/api/transfers/${id}/accept`, { note: '已受理，转第三审查调查室' })).statusCode).toBe(200);
    expect((await staff.post(`/api/transfers/${id}/file`, { note: '立案' })).statusCode).toBe(403);
    expect((await jiwei.post(`/api/transfers/${id}/file`, { note: '已立案审查' })).statusCode).toBe(200);
    const concluded = await jiwei.post(`/api/transfers/${id}/conclude`, { note: '给予党内严重警告处分，追缴资金 3 万元' });
    expect(concluded.statusCode).toBe(200);
    expect(concluded.json().transfer).toMatchObject({ status: 'concluded', actions: [] });
    expect((await jiwei.post(`/api/transfers/${id}/conclude`, { note: '再次' })).statusCode).toBe(409);

    // The office sees the status reported back.
    const officeView = (await staff.get(`/api/transfers/${id}`)).json().transfer;
    expect(officeView).toMatchObject({ status: 'concluded', statusLabel: '处理完毕', acceptedNote: '已受理，转第三审查调查室', filedNote: '已立案审查', concludedNote: '给予党内严重警告处分，追缴资金 3 万元' });
    expect((await eventsFor('transfer', id)).map((event) => event.action)).toEqual(['transfer.create', 'transfer.acknowledge', 'transfer.accept', 'transfer.file', 'transfer.conclude']);
  });

  it('a matter can be concluded straight after receipt', async () => {
    const { findingIds } = await inspectionWithFindings();
    const id = (await transfer(findingIds[1]!, { recipientBody: 'procuratorate' })).json().transfer.id as number;
    await jiwei.post(`/api/transfers/${id}/acknowledge`, {});
    const concluded = await jiwei.post(`/api/transfers/${id}/conclude`, { note: '经审查不构成犯罪，退回' });
    expect(concluded.json().transfer).toMatchObject({ status: 'concluded', recipientBodyLabel: '检察机关' });
  });

  it.runIf(isPostgres)('two concurrent transfers of one problem: exactly one referral (PostgreSQL)', async () => {
    const { findingIds } = await inspectionWithFindings();
    const responses = await Promise.all([transfer(findingIds[0]!), transfer(findingIds[0]!, { recipientBody: 'procuratorate' })]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    const rows = await harness.ctx.db.selectFrom('transfers').select('id').where('problem_id', '=', findingIds[0]!).execute();
    expect(rows).toHaveLength(1);
  });
});
