import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../../testing/factories.ts';
import { createTestApp, fixedClock, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';
import { readThroughLibreOffice } from '../../testing/libreoffice.ts';


describe('official documents (R-X3)', () => {
  let harness: TestApp;
  let staff: Session;
  let inspectionId: number;
  let problemId: number;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-docs-'));

  beforeAll(async () => {
    harness = await createTestApp({ clock: fixedClock(new Date('2017-03-10T02:00:00Z')) });
    staff = await harness.login('staff');
    const leader = await harness.login('leader');
    const proposed = await staff.post('/api/inspections', {
      year: 2017,
      title: `2017年第一轮脱贫攻坚巡查（龙门县）${Math.random().toString(36).slice(2, 6)}`,
      assessmentUnitCode: 'LM',
      reason: '群众反映部分村扶贫项目资金拨付迟缓',
      plannedStart: '2017-03-01',
      plannedEnd: '2017-03-31',
    });
    inspectionId = proposed.json().inspection.id;
    expect((await leader.post(`/api/inspections/${inspectionId}/approve`, {})).statusCode).toBe(200);
    const chief = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441323' });
    const member = await createPerson(harness.ctx, { rank: 'section', homeRegionCode: '441302' });
    expect((await staff.post(`/api/inspections/${inspectionId}/form-team`, { leaderId: chief.id, memberIds: [member.id] })).statusCode).toBe(200);
    await harness.ctx.db.updateTable('users').set({ person_id: chief.id }).where('username', '=', 'teamleader').execute();
    const teamLeader = await harness.login('teamleader');
    expect((await teamLeader.post(`/api/inspections/${inspectionId}/start-field-work`, {})).statusCode).toBe(200);
    const items = (await staff.get('/api/checklist-items?year=2017')).json().items as { id: number; code: string }[];
    const finding = await teamLeader.post(`/api/inspections/${inspectionId}/findings`, {
      checklistItemId: items.find((item) => item.code === '15.2.5')!.id,
      description: '龙潭镇2016年产业帮扶资金拨付滞后半年',
      evidence: '镇财政所拨付凭证',
      severity: 'serious',
    });
    expect(finding.statusCode).toBe(201);
    problemId = finding.json().findings.at(-1).id;
    const report = '一、基本情况\n巡查组于2017年3月进驻龙门县，采取座谈会、查阅资料、实地调查等方式开展巡查。\n二、存在问题\n产业帮扶资金拨付滞后。\n三、处理建议\n督促县财政局限期拨付。';
    expect((await teamLeader.post(`/api/inspections/${inspectionId}/submit-report`, { report })).statusCode).toBe(200);
    expect((await staff.post(`/api/inspections/${inspectionId}/issue-feedback`, { feedbackDate: '2017-03-03', feedbackText: '请于两个月内完成整改' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await harness.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function download(session: Session, url: string, name: string) {
    const response = await session.get(url);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    const file = path.join(workDir, name);
    fs.writeFileSync(file, response.rawPayload);
    return { response, file };
  }

  it('writes the 整改通知书 and the inspection report as DOCX in official layout, with the deadline two months after feedback', async () => {
    const notice = await download(staff, `/api/documents/inspections/${inspectionId}/rectification-notice.docx`, 'notice.docx');
    const issued = (await staff.get(`/api/inspections/${inspectionId}`)).json().documents as { kind: string; documentNumber: string | null; sha256: string }[];
    const noticeNumber = issued.find((document) => document.kind === 'rectification_notice')!.documentNumber!;
    expect(noticeNumber).toMatch(/^惠扶办〔2017〕\d+号$/);
    expect(notice.response.headers['content-type']).toContain('wordprocessingml');
    expect(notice.response.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const report = await download(staff, `/api/documents/inspections/${inspectionId}/report.docx`, 'report.docx');
    expect(report.response.rawPayload.length).toBeGreaterThan(5000);
    const recipients = (await staff.get('/api/transfers/recipients')).json().items as { id: number }[];
    const transfer = await staff.post('/api/transfers', { problemId, recipientBody: 'discipline_inspection', recipientUserId: recipients[0]!.id, summary: '经查，涉嫌截留挪用产业帮扶资金。' });
    expect(transfer.statusCode).toBe(201);
    const letter = await download(staff, `/api/documents/transfers/${transfer.json().transfer.id}/referral-letter.docx`, 'letter.docx');

    const rendered = await readThroughLibreOffice([notice.file, report.file, letter.file]);
    if (!rendered) return;
    const noticeText = rendered.get('notice');
    expect(noticeText).toContain('惠州市扶贫开发领导小组办公室文件');
    expect(noticeText).toContain(noticeNumber);
    expect(noticeText).toContain('关于龙门县脱贫攻坚巡查反馈问题限期整改的通知');
    expect(noticeText).toContain('2017年5月3日前');
    expect(noticeText).toContain('龙潭镇2016年产业帮扶资金拨付滞后半年');
    const reportText = rendered.get('report');
    expect(reportText).toContain('关于对龙门县脱贫攻坚工作巡查情况的报告');
    expect(reportText).toContain('二、存在问题');
    const letterText = rendered.get('letter');
    expect(letterText).toContain('关于移交龙门县脱贫攻坚巡查发现问题线索的函');
    expect(letterText).toContain('中共惠州市纪律检查委员会');
    expect(letterText).toContain('经查，涉嫌截留挪用产业帮扶资金。');
  }, 240_000);

  it('exports the ledger as XLSX within the caller’s scope', async () => {
    const ledger = await download(staff, '/api/documents/rectifications/ledger.xlsx', 'ledger.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(ledger.file);
    const sheet = workbook.getWorksheet('整改台账')!;
    expect(sheet.getRow(1).getCell(6).value).toBe('问题描述');
    const descriptions = sheet.getColumn(6).values.slice(2);
    expect(descriptions).toContain('龙潭镇2016年产业帮扶资金拨付滞后半年');
    const huidong = await harness.login('huidong');
    const own = await download(huidong, '/api/documents/rectifications/ledger.xlsx', 'ledger-huidong.xlsx');
    const ownBook = new ExcelJS.Workbook();
    await ownBook.xlsx.readFile(own.file);
    expect(ownBook.getWorksheet('整改台账')!.getColumn(6).values.slice(2)).not.toContain('龙潭镇2016年产业帮扶资金拨付滞后半年');
  });

  it('gives the county it was sent to the notice as sent, nobody else; refuses an inspection without feedback', async () => {
    const longmen = await harness.login('longmen');
    const sent = await longmen.get(`/api/documents/inspections/${inspectionId}/rectification-notice.docx`);
    expect(sent.statusCode).toBe(200);
    const asKept = await staff.get(`/api/documents/inspections/${inspectionId}/rectification-notice.docx`);
    expect(sent.headers.etag).toBe(asKept.headers.etag);
    expect((await (await harness.login('huidong')).get(`/api/documents/inspections/${inspectionId}/rectification-notice.docx`)).statusCode).toBe(404);
    const fresh = await staff.post('/api/inspections', { year: 2017, title: `未反馈的巡查${isPostgres ? 'pg' : 'lite'}${Math.random().toString(36).slice(2, 6)}`, assessmentUnitCode: 'BL', reason: '专项巡查', plannedStart: '2017-04-01', plannedEnd: '2017-04-30' });
    const refused = await staff.get(`/api/documents/inspections/${fresh.json().inspection.id}/rectification-notice.docx`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('督18');
  });
});
