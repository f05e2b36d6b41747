import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../../testing/factories.ts';
import { createTestApp, fixedClock, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';
import { readThroughLibreOffice } from '../../testing/libreoffice.ts';

type IssuedDocument = { kind: string; documentNumber: string | null; sequence: number | null; sha256: string; title: string; issuedOn: string; byteSize: number };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the register of issued documents (issue 9 §5.12, R-X3)', () => {
  let harness: TestApp;
  let staff: Session;
  let admin: Session;
  let leader: Session;
  let longmen: Session;
  const clock = fixedClock(new Date('2017-03-10T02:00:00Z'));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-register-'));
  let longmenInspection: number;
  let supervisionId: number;
  let summaryId: number;
  let transferId: number;
  let problemId: number;

  /** An inspection of one county played up to the submitted report, with one finding. */
  async function inspectionWithReport(unitCode: string, homeRegionCode: string): Promise<{ id: number; problemId: number }> {
    const proposed = await staff.post('/api/inspections', {
      year: 2017,
      title: `2017年脱贫攻坚巡查（${unitCode}）${Math.random().toString(36).slice(2, 8)}`,
      assessmentUnitCode: unitCode,
      reason: '群众反映部分村扶贫项目资金拨付迟缓',
      plannedStart: '2017-03-01',
      plannedEnd: '2017-03-31',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const id = proposed.json().inspection.id as number;
    expect((await leader.post(`/api/inspections/${id}/approve`, {})).statusCode).toBe(200);
    const chief = await createPerson(harness.ctx, { rank: 'division', homeRegionCode });
    const member = await createPerson(harness.ctx, { rank: 'section', homeRegionCode });
    expect((await staff.post(`/api/inspections/${id}/form-team`, { leaderId: chief.id, memberIds: [member.id] })).statusCode).toBe(200);
    await harness.ctx.db.updateTable('users').set({ person_id: chief.id }).where('username', '=', 'teamleader').execute();
    const teamLeader = await harness.login('teamleader');
    expect((await teamLeader.post(`/api/inspections/${id}/start-field-work`, {})).statusCode).toBe(200);
    const items = (await staff.get('/api/checklist-items?year=2017')).json().items as { id: number; code: string }[];
    const finding = await teamLeader.post(`/api/inspections/${id}/findings`, {
      checklistItemId: items.find((item) => item.code === '15.2.5')!.id,
      description: '龙潭镇2016年产业帮扶资金拨付滞后半年',
      evidence: '镇财政所拨付凭证',
      severity: 'serious',
    });
    expect(finding.statusCode, finding.body).toBe(201);
    const report = '一、基本情况\n巡查组进驻开展巡查。\n二、存在问题\n产业帮扶资金拨付滞后。\n三、处理建议\n督促县财政局限期拨付。';
    expect((await teamLeader.post(`/api/inspections/${id}/submit-report`, { report })).statusCode).toBe(200);
    return { id, problemId: finding.json().findings.at(-1).id as number };
  }

  async function documentsOf(url: string, pick: (body: Record<string, unknown>) => unknown = (body) => body.documents): Promise<IssuedDocument[]> {
    const response = await staff.get(url);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    return pick(response.json()) as IssuedDocument[];
  }

  async function download(session: Session, url: string, name?: string) {
    const response = await session.get(url);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
    if (name) fs.writeFileSync(path.join(workDir, name), response.rawPayload);
    return response;
  }

  /** Moves the clock, and signs everyone in again: sessions end after a while idle. */
  async function moveClockTo(instant: string) {
    clock.set(new Date(instant));
    staff = await harness.login('staff');
    admin = await harness.login('admin');
    leader = await harness.login('leader');
    longmen = await harness.login('longmen');
  }

  beforeAll(async () => {
    // A database of its own on PostgreSQL: the numbers asserted are this database's register.
    harness = await createTestApp({ clock, isolated: true });
    await moveClockTo('2017-03-10T02:00:00Z');

    // 1. The 龙门 inspection: feedback issues the 整改通知书.
    const inspection = await inspectionWithReport('LM', '441323');
    longmenInspection = inspection.id;
    problemId = inspection.problemId;
    const draft = await download(staff, `/api/documents/inspections/${longmenInspection}/rectification-notice.docx`, 'notice-draft.docx');
    expect(draft.headers['x-document-status']).toBe('draft');
    expect((await staff.post(`/api/inspections/${longmenInspection}/issue-feedback`, { feedbackDate: '2017-03-03', feedbackText: '请于两个月内完成整改' })).statusCode).toBe(200);

    // 2. A supervision of 龙门: notifying the result issues the 督查结果通报.
    const plan = await staff.post('/api/supervision-plans', { year: 2017, title: '2017年度脱贫攻坚督查计划' });
    expect(plan.statusCode, plan.body).toBe(201);
    expect((await admin.post(`/api/supervision-plans/${plan.json().id}/approve`, {})).statusCode).toBe(200);
    const proposed = await staff.post('/api/supervisions', { planId: plan.json().id, type: 'comprehensive', targetAssessmentUnitCode: 'LM', topic: '2017年度龙门县脱贫攻坚综合督查' });
    supervisionId = proposed.json().supervision.id as number;
    expect((await admin.post(`/api/supervisions/${supervisionId}/approve`, {})).statusCode).toBe(200);
    const chief = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441323' });
    expect((await staff.post(`/api/supervisions/${supervisionId}/form-team`, { leaderId: chief.id, memberIds: [] })).statusCode).toBe(200);
    await harness.ctx.db.updateTable('users').set({ person_id: chief.id }).where('username', '=', 'teamleader').execute();
    const teamLeader = await harness.login('teamleader');
    expect((await teamLeader.post(`/api/supervisions/${supervisionId}/start-field-work`, {})).statusCode).toBe(200);
    expect((await teamLeader.post(`/api/supervisions/${supervisionId}/submit-report`, { report: '一、基本情况\n督查组进驻龙门县。' })).statusCode).toBe(200);
    await moveClockTo('2017-04-20T02:00:00Z');
    const notified = await staff.post(`/api/supervisions/${supervisionId}/notify-result`, { notifiedOn: '2017-04-18', resultText: '龙门县脱贫攻坚责任总体落实到位。', rectificationMonths: 2 });
    expect(notified.statusCode, notified.body).toBe(200);

    // 3. The referral of the 龙门 problem: the 移交函, from the letters' register.
    const recipients = (await staff.get('/api/transfers/recipients')).json().items as { id: number }[];
    const transfer = await staff.post('/api/transfers', { problemId, recipientBody: 'discipline_inspection', recipientUserId: recipients[0]!.id, summary: '经查，涉嫌截留挪用产业帮扶资金。' });
    expect(transfer.statusCode, transfer.body).toBe(201);
    transferId = transfer.json().transfer.id as number;

    // 4. The year's summary, reported by the office head at year end.
    await moveClockTo('2017-12-28T02:00:00Z');
    const summary = await staff.post('/api/supervision-summaries', { year: 2017, title: '关于2017年全市脱贫攻坚督查工作情况的报告', body: '一、基本情况\n全年开展督查。' });
    summaryId = summary.json().summary.id as number;
    const summaryDraft = await download(staff, `/api/documents/supervision-summaries/${summaryId}/summary.docx`, 'summary-draft.docx');
    expect(summaryDraft.headers['x-document-status']).toBe('draft');
    expect(summaryDraft.headers['etag']).toBeUndefined();
    expect((await admin.post(`/api/supervision-summaries/${summaryId}/submit`, {})).statusCode).toBe(200);
  }, 240_000);
  afterAll(async () => {
    await harness.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('numbers the 龙门 整改通知书, the first 督查结果通报 and the year’s 督查工作总结 apart, and the 移交函 in the letters’ register', async () => {
    const inspectionDocs = await documentsOf(`/api/inspections/${longmenInspection}`);
    const supervisionDocs = await documentsOf(`/api/supervisions/${supervisionId}`);
    const summaryDocs = await documentsOf(`/api/supervision-summaries/${summaryId}`, (body) => (body.summary as { documents: unknown }).documents);
    const transferDocs = await documentsOf(`/api/transfers/${transferId}`, (body) => (body.transfer as { documents: unknown }).documents);
    const number = (documents: IssuedDocument[], kind: string) => documents.find((document) => document.kind === kind)?.documentNumber;
    expect(number(inspectionDocs, 'rectification_notice')).toBe('惠扶办〔2017〕1号');
    expect(number(supervisionDocs, 'supervision_result_notice')).toBe('惠扶办〔2017〕2号');
    expect(number(summaryDocs, 'supervision_summary')).toBe('惠扶办〔2017〕3号');
    expect(number(transferDocs, 'referral_letter')).toBe('惠扶办函〔2017〕1号');
    // The teams' reports are kept too, without a number.
    expect(inspectionDocs.find((document) => document.kind === 'inspection_report')).toMatchObject({ documentNumber: null, sequence: null });
    expect(supervisionDocs.find((document) => document.kind === 'supervision_report')).toMatchObject({ documentNumber: null });
    for (const document of [...inspectionDocs, ...supervisionDocs, ...summaryDocs, ...transferDocs]) expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);

    const register = await staff.get('/api/documents/register?year=2017');
    expect(register.statusCode).toBe(200);
    const items = register.json().items as (IssuedDocument & { registerCode: string | null })[];
    expect(items.map((item) => item.documentNumber)).toEqual(['惠扶办〔2017〕1号', '惠扶办〔2017〕2号', '惠扶办〔2017〕3号', '惠扶办函〔2017〕1号', null, null]);
    expect((await staff.get(`/api/documents/register?year=2017&registerCode=${encodeURIComponent('惠扶办函')}`)).json().items).toHaveLength(1);
    expect((await longmen.get('/api/documents/register?year=2017')).statusCode).toBe(403);
    expect((await staff.get('/api/documents/register')).statusCode).toBe(400);
  });

  it('writes one audit event per issue, with the number and the hash', async () => {
    const events = await harness.ctx.db.selectFrom('audit_events').select(['actor_name', 'after']).where('action', '=', 'document.issue').orderBy('seq').execute();
    expect(events).toHaveLength(6);
    const register = (await staff.get('/api/documents/register?year=2017')).json().items as IssuedDocument[];
    expect(new Set(events.map((event) => (event.after as { sha256: string }).sha256))).toEqual(new Set(register.map((item) => item.sha256)));
    expect(events.map((event) => (event.after as { documentNumber: string | null }).documentNumber)).toContain('惠扶办〔2017〕3号');
    expect((await admin.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('returns the kept bytes at every download: the same SHA-256, whatever changed since', async () => {
    const inspectionDocs = await documentsOf(`/api/inspections/${longmenInspection}`);
    const notice = inspectionDocs.find((document) => document.kind === 'rectification_notice')!;
    const first = await download(staff, `/api/documents/inspections/${longmenInspection}/rectification-notice.docx`, 'notice.docx');
    // Later edits of the record do not touch what was sent: the problem's requirement changes.
    await harness.ctx.db.updateTable('problems').set({ requirement: '改过的整改要求' }).where('id', '=', problemId).execute();
    await moveClockTo('2018-01-05T02:00:00Z');
    const second = await download(staff, `/api/documents/inspections/${longmenInspection}/rectification-notice.docx`);
    expect(Buffer.compare(first.rawPayload, second.rawPayload)).toBe(0);
    expect(sha256(second.rawPayload)).toBe(notice.sha256);
    expect(second.headers['etag']).toBe(`"${notice.sha256}"`);
    expect(second.headers['x-document-status']).toBe('issued');
    expect(decodeURIComponent(String(second.headers['x-document-number']))).toBe('惠扶办〔2017〕1号');
    expect(second.rawPayload.length).toBe(notice.byteSize);

    for (const [url, name] of [
      [`/api/documents/inspections/${longmenInspection}/report.docx`, 'inspection-report.docx'],
      [`/api/documents/supervisions/${supervisionId}/result-notice.docx`, 'result-notice.docx'],
      [`/api/documents/supervisions/${supervisionId}/report.docx`, 'supervision-report.docx'],
      [`/api/documents/supervision-summaries/${summaryId}/summary.docx`, 'summary.docx'],
      [`/api/documents/transfers/${transferId}/referral-letter.docx`, 'letter.docx'],
    ] as const) {
      const once = await download(staff, url, name);
      const again = await download(staff, url);
      expect(sha256(again.rawPayload), url).toBe(sha256(once.rawPayload));
      expect(once.headers['etag'], url).toBe(`"${sha256(once.rawPayload)}"`);
    }
  });

  it('keeps what was issued: the database refuses to change or delete it', async () => {
    await expect(sql`UPDATE issued_documents SET title = 'x'`.execute(harness.ctx.db)).rejects.toThrow(/issued_documents/);
    await expect(sql`DELETE FROM issued_documents`.execute(harness.ctx.db)).rejects.toThrow(/issued_documents/);
  });

  it('shows the county the 文号 of what it was sent, but not the team’s report', async () => {
    const response = await longmen.get(`/api/inspections/${longmenInspection}`);
    expect(response.statusCode).toBe(200);
    const documents = response.json().documents as IssuedDocument[];
    expect(documents.map((document) => document.kind)).toEqual(['rectification_notice']);
    const supervision = (await longmen.get(`/api/supervisions/${supervisionId}`)).json().documents as IssuedDocument[];
    expect(supervision.map((document) => document.kind)).toEqual(['supervision_result_notice']);
  });

  it('issues a record sent before the register existed at its first download, once', async () => {
    const legacy = await inspectionWithReport('BL', '441302');
    // As an installation migrated from before 0011 has it: feedback issued, no document.
    const feedbackBy = await harness.ctx.db.selectFrom('users').select('id').where('username', '=', 'staff').executeTakeFirstOrThrow();
    await harness.ctx.db
      .updateTable('inspections')
      .set({ status: 'feedback_issued', feedback_date: '2017-12-20', feedback_text: '请整改', feedback_by: feedbackBy.id })
      .where('id', '=', legacy.id)
      .execute();
    const url = `/api/documents/inspections/${legacy.id}/rectification-notice.docx`;
    const first = await download(staff, url);
    const second = await download(staff, url);
    expect(sha256(second.rawPayload)).toBe(sha256(first.rawPayload));
    expect(decodeURIComponent(String(first.headers['x-document-number']))).toBe('惠扶办〔2017〕4号');
    expect((await documentsOf(`/api/inspections/${legacy.id}`)).map((document) => document.documentNumber)).toEqual([null, '惠扶办〔2017〕4号']);
  });

  it('opens in LibreOffice: the issued documents carry their numbers, the drafts say 草稿 and leave the number blank', async () => {
    const rendered = await readThroughLibreOffice(['notice', 'notice-draft', 'summary', 'summary-draft', 'letter', 'result-notice'].map((name) => path.join(workDir, `${name}.docx`)));
    if (!rendered) return;
    expect(rendered.get('notice')).toContain('惠扶办〔2017〕1号');
    expect(rendered.get('notice')).toContain('关于龙门县脱贫攻坚巡查反馈问题限期整改的通知');
    expect(rendered.get('notice')).not.toContain('草稿');
    expect(rendered.get('notice-draft')).toContain('草稿');
    expect(rendered.get('notice-draft')).toContain('惠扶办〔2017〕号');
    expect(rendered.get('result-notice')).toContain('惠扶办〔2017〕2号');
    expect(rendered.get('summary')).toContain('惠扶办〔2017〕3号');
    expect(rendered.get('summary')).toContain('关于2017年全市脱贫攻坚督查工作情况的报告');
    expect(rendered.get('summary-draft')).toContain('草稿');
    expect(rendered.get('summary-draft')).not.toContain('惠扶办〔2017〕3号');
    expect(rendered.get('letter')).toContain('惠扶办函〔2017〕1号');
  }, 240_000);

  it.runIf(isPostgres)('two feedbacks issued at once take two numbers (PostgreSQL)', async () => {
    const [first, second] = [await inspectionWithReport('HD', '441302'), await inspectionWithReport('HY', '441324')];
    const [a, b] = await Promise.all(
      [first.id, second.id].map((id) => staff.post(`/api/inspections/${id}/issue-feedback`, { feedbackDate: '2018-01-04', feedbackText: '请于两个月内完成整改' })),
    );
    expect([a!.statusCode, b!.statusCode]).toEqual([200, 200]);
    const numbers = [a!, b!].map((response) => (response.json().documents as IssuedDocument[]).find((document) => document.kind === 'rectification_notice')!.documentNumber);
    expect(new Set(numbers).size).toBe(2);
    expect(numbers.sort()).toEqual(['惠扶办〔2018〕1号', '惠扶办〔2018〕2号']);
  });

  it.runIf(isPostgres)('concurrent first downloads of a record sent before the register take one number (PostgreSQL)', async () => {
    const legacy = await inspectionWithReport('HC', '441324');
    const feedbackBy = await harness.ctx.db.selectFrom('users').select('id').where('username', '=', 'staff').executeTakeFirstOrThrow();
    await harness.ctx.db
      .updateTable('inspections')
      .set({ status: 'feedback_issued', feedback_date: '2018-01-04', feedback_text: '请整改', feedback_by: feedbackBy.id })
      .where('id', '=', legacy.id)
      .execute();
    const responses = await Promise.all(Array.from({ length: 4 }, () => staff.get(`/api/documents/inspections/${legacy.id}/rectification-notice.docx`)));
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
    expect(new Set(responses.map((response) => sha256(response.rawPayload))).size).toBe(1);
    const notices = (await documentsOf(`/api/inspections/${legacy.id}`)).filter((document) => document.kind === 'rectification_notice');
    expect(notices).toHaveLength(1);
  });
});
