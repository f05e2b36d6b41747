import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../../testing/factories.ts';
import { createTestApp, fixedClock, type Session, type TestApp } from '../../testing/harness.ts';
import { readThroughLibreOffice } from '../../testing/libreoffice.ts';


describe('supervision documents (R-X3, 督10(3), 督12)', () => {
  let harness: TestApp;
  let staff: Session;
  let longmen: Session;
  let supervisionId: number;
  let unreported: number;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-supervision-docs-'));

  beforeAll(async () => {
    // A database of its own on PostgreSQL: this file makes the 2017 plan, which is one per year.
    harness = await createTestApp({ clock: fixedClock(new Date('2017-04-20T02:00:00Z')), isolated: true });
    staff = await harness.login('staff');
    longmen = await harness.login('longmen');
    const admin = await harness.login('admin');
    const plan = await staff.post('/api/supervision-plans', { year: 2017, title: '2017年度脱贫攻坚督查计划' });
    expect(plan.statusCode).toBe(201);
    const planId = plan.json().id as number;
    expect((await admin.post(`/api/supervision-plans/${planId}/approve`, {})).statusCode).toBe(200);
    const propose = async () => {
      const proposed = await staff.post('/api/supervisions', { planId, type: 'comprehensive', targetAssessmentUnitCode: 'LM', topic: '2017年度龙门县脱贫攻坚综合督查' });
      expect(proposed.statusCode).toBe(201);
      const id = proposed.json().supervision.id as number;
      expect((await admin.post(`/api/supervisions/${id}/approve`, {})).statusCode).toBe(200);
      return id;
    };
    supervisionId = await propose();
    unreported = await propose();
    const chief = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441323' });
    expect((await staff.post(`/api/supervisions/${supervisionId}/form-team`, { leaderId: chief.id, memberIds: [] })).statusCode).toBe(200);
    await harness.ctx.db.updateTable('users').set({ person_id: chief.id }).where('username', '=', 'teamleader').execute();
    const teamLeader = await harness.login('teamleader');
    expect((await teamLeader.post(`/api/supervisions/${supervisionId}/start-field-work`, {})).statusCode).toBe(200);
    const areas = (await staff.get('/api/supervision-checklist-items?year=2017')).json().areas as { items: { id: number; code: string }[] }[];
    const item = areas.flatMap((area) => area.items).find((candidate) => candidate.code === '9.7.4')!;
    const finding = await teamLeader.post(`/api/supervisions/${supervisionId}/findings`, {
      checklistItemId: item.id,
      description: '龙田镇产业帮扶资金结余未按期使用',
      evidence: '镇财政所账目',
      requirement: '三个月内完成拨付并公示',
    });
    expect(finding.statusCode).toBe(201);
    const draft = (await teamLeader.get(`/api/supervisions/${supervisionId}/report-draft`)).json().draft as string;
    expect((await teamLeader.post(`/api/supervisions/${supervisionId}/submit-report`, { report: draft })).statusCode).toBe(200);
    const notified = await staff.post(`/api/supervisions/${supervisionId}/notify-result`, {
      notifiedOn: '2017-04-18',
      resultText: '龙门县脱贫攻坚责任总体落实到位。\n财政扶贫资金使用效益有待提高。',
      rectificationMonths: 2,
    });
    expect(notified.statusCode).toBe(200);
  });
  afterAll(async () => {
    await harness.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function download(session: Session, url: string, name: string) {
    const response = await session.get(url);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const file = path.join(workDir, name);
    fs.writeFileSync(file, response.rawPayload);
    return file;
  }

  it('writes the supervision report and the 督查结果通报 as DOCX in official layout, read back through LibreOffice', async () => {
    const report = await download(staff, `/api/documents/supervisions/${supervisionId}/report.docx`, 'supervision-report.docx');
    const notice = await download(staff, `/api/documents/supervisions/${supervisionId}/result-notice.docx`, 'result-notice.docx');
    const rendered = await readThroughLibreOffice([report, notice]);
    if (!rendered) return;
    const reportText = rendered.get('supervision-report');
    expect(reportText).toContain('惠州市脱贫攻坚督查组');
    expect(reportText).toContain('关于对龙门县脱贫攻坚工作开展综合督查情况的报告');
    expect(reportText).toContain('一、基本情况');
    expect(reportText).toContain('二、存在问题');
    expect(reportText).toContain('财政扶贫资金筹集使用情况');
    expect(reportText).toContain('龙田镇产业帮扶资金结余未按期使用');
    expect(reportText).toContain('三、意见建议');
    const noticeText = rendered.get('result-notice');
    expect(noticeText).toContain('惠州市扶贫开发领导小组办公室文件');
    // The first document of this database's 2017 register.
    expect(noticeText).toContain('惠扶办〔2017〕1号');
    expect(noticeText).toContain('关于龙门县脱贫攻坚综合督查结果的通报');
    expect(noticeText).toContain('中共龙门县委、龙门县人民政府');
    expect(noticeText).toContain('财政扶贫资金使用效益有待提高');
    expect(noticeText).toContain('2017年6月18日前');
    expect(noticeText).toContain('三个月内完成拨付并公示');
  }, 240_000);

  it('refuses the report to the supervised county, the notice to anyone but the office, and both before their time', async () => {
    const report = await longmen.get(`/api/documents/supervisions/${supervisionId}/report.docx`);
    expect(report.statusCode).toBe(403);
    expect(report.json().error.message).toContain('被督查单位不能查阅');
    expect((await longmen.get(`/api/documents/supervisions/${supervisionId}/result-notice.docx`)).statusCode).toBe(403);
    const noReport = await staff.get(`/api/documents/supervisions/${unreported}/report.docx`);
    expect(noReport.statusCode).toBe(409);
    expect(noReport.json().error.message).toContain('督10(3)');
    const noResult = await staff.get(`/api/documents/supervisions/${unreported}/result-notice.docx`);
    expect(noResult.statusCode).toBe(409);
    expect(noResult.json().error.message).toContain('督12');
    expect((await (await harness.login('huidong')).get(`/api/documents/supervisions/${supervisionId}/report.docx`)).statusCode).toBe(404);
  });
});
