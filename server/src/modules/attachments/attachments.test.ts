import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUser, uniqueSuffix } from '../../testing/factories.ts';
import { createTestApp, fixedClock, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';

// 10:00 Beijing time, 10 March 2017.
const clock = fixedClock(new Date('2017-03-10T02:00:00Z'));
const MiB = 1024 * 1024;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A real PNG: `size`×`size` pixels of one colour, 8-bit RGB. */
function png(size = 4, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real one-page PDF with a correct cross-reference table. */
function pdf(text = 'Rectification evidence'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 18 Tf 20 70 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 18 Tf 20 70 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function docx(): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('座谈会签到表：参加人员 12 人')] }] }));
}

async function xlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('台账').addRow(['户主', '帮扶措施']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type AttachmentView = {
  id: number;
  fileName: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  isImage: boolean;
  uploaderName: string;
  canDelete: boolean;
  contentUrl: string;
};

describe('attachments: photos and documents on field records and rectification evidence (R-S6)', () => {
  let harness: TestApp;
  let staff: Session;
  let leader: Session;
  let longmen: Session;
  let huidong: Session;

  beforeAll(async () => {
    harness = await createTestApp({ clock });
    [staff, leader, longmen, huidong] = await Promise.all([harness.login('staff'), harness.login('leader'), harness.login('longmen'), harness.login('huidong')]);
  });
  afterAll(() => harness.close());

  function upload(session: Session, owner: string, ownerId: number, fileName: string, body: Buffer, contentType = 'application/octet-stream') {
    const query = new URLSearchParams({ ownerType: owner, ownerId: String(ownerId), fileName });
    return session.request({ method: 'POST', url: `/api/attachments?${query.toString()}`, headers: { 'content-type': contentType }, payload: body });
  }

  function list(session: Session, owner: string, ownerId: number) {
    return session.get(`/api/attachments?ownerType=${owner}&ownerId=${ownerId}`);
  }

  async function storedCount(ownerType: 'inspection_record' | 'supervision_record' | 'problem', ownerId: number): Promise<number> {
    const row = await harness.ctx.db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('owner_type', '=', ownerType)
      .where('owner_id', '=', ownerId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async function eventsOf(id: number) {
    return harness.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_name', 'before', 'after'])
      .where('entity_type', '=', 'attachment')
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();
  }

  /** An inspection of 龙门县 in field work with one record; the team member's session and the record id. */
  async function inspectionInField() {
    const proposed = await staff.post('/api/inspections', { year: 2017, title: `附件测试巡查-${uniqueSuffix()}`, assessmentUnitCode: 'LM', reason: '测试' });
    const id = proposed.json().inspection.id as number;
    expect((await leader.post(`/api/inspections/${id}/approve`, {})).statusCode).toBe(200);
    const leaderPerson = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441302' });
    const memberPerson = await createPerson(harness.ctx, { homeRegionCode: '441302' });
    expect((await staff.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] })).statusCode).toBe(200);
    expect((await staff.post(`/api/inspections/${id}/start-field-work`, {})).statusCode).toBe(200);
    const member = await harness.login((await createUser(harness.ctx, { role: 'team_member', personId: memberPerson.id })).username);
    const teamLeader = await harness.login((await createUser(harness.ctx, { role: 'team_leader', personId: leaderPerson.id })).username);
    const recorded = await member.post(`/api/inspections/${id}/records`, { method: 'symposium', recordDate: '2017-03-08', place: '龙门县扶贫办', notes: '召开座谈会' });
    expect(recorded.statusCode).toBe(201);
    const recordId = recorded.json().records.at(-1).id as number;
    return { inspectionId: id, recordId, member, teamLeader };
  }

  /** Takes the inspection on to feedback with one finding: the problem is notified to 龙门县 (or to `unit`). */
  async function notifiedProblem(unit = 'LM'): Promise<number> {
    const proposed = await staff.post('/api/inspections', { year: 2017, title: `附件测试问题-${uniqueSuffix()}`, assessmentUnitCode: unit, reason: '测试' });
    const id = proposed.json().inspection.id as number;
    expect((await leader.post(`/api/inspections/${id}/approve`, {})).statusCode).toBe(200);
    const leaderPerson = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441302' });
    const memberPerson = await createPerson(harness.ctx, { homeRegionCode: '441302' });
    expect((await staff.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] })).statusCode).toBe(200);
    expect((await staff.post(`/api/inspections/${id}/start-field-work`, {})).statusCode).toBe(200);
    const items = (await staff.get('/api/checklist-items?year=2017')).json().items as { id: number; code: string }[];
    const finding = await staff.post(`/api/inspections/${id}/findings`, { checklistItemId: items.find((item) => item.code === '15.3.4')!.id, description: '部分贫困户“被脱贫”' });
    expect(finding.statusCode).toBe(201);
    const problemId = finding.json().findings[0].id as number;
    const teamLeader = await harness.login((await createUser(harness.ctx, { role: 'team_leader', personId: leaderPerson.id })).username);
    expect((await teamLeader.post(`/api/inspections/${id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
    expect((await staff.post(`/api/inspections/${id}/issue-feedback`, { feedbackDate: '2017-03-03', feedbackText: '反馈' })).statusCode).toBe(200);
    return problemId;
  }

  it('stores a PNG, a PDF and a DOCX on a field record and gives each back byte for byte', async () => {
    const { recordId, member } = await inspectionInField();
    const files = [
      { name: '座谈会现场.png', type: 'image/png', bytes: png(8) },
      { name: '会议纪要.pdf', type: 'application/pdf', bytes: pdf() },
      { name: '签到表.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: await docx() },
    ];
    const stored: AttachmentView[] = [];
    for (const file of files) {
      const response = await upload(member, 'inspection_record', recordId, file.name, file.bytes, file.type);
      expect(response.statusCode, response.body).toBe(201);
      const attachment = response.json().attachment as AttachmentView;
      expect(attachment).toMatchObject({ fileName: file.name, contentType: file.type, byteSize: file.bytes.length, sha256: sha256(file.bytes), canDelete: true });
      stored.push(attachment);
    }
    expect(stored.map((attachment) => attachment.isImage)).toEqual([true, false, false]);

    const listed = await list(staff, 'inspection_record', recordId);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((item: AttachmentView) => item.fileName)).toEqual(files.map((file) => file.name));
    expect(listed.json().items[0].uploaderName).toMatch(/^测试用户/);
    // The office did not upload them, so it cannot delete them; it may add its own.
    expect(listed.json().items.every((item: AttachmentView) => item.canDelete === false)).toBe(true);
    expect(listed.json().canUpload).toBe(true);

    for (const [index, file] of files.entries()) {
      const content = await staff.get(stored[index]!.contentUrl);
      expect(content.statusCode).toBe(200);
      expect(content.rawPayload.equals(file.bytes)).toBe(true);
      expect(sha256(content.rawPayload)).toBe(stored[index]!.sha256);
      expect(content.headers['content-type']).toBe(file.type);
      expect(content.headers['x-content-type-options']).toBe('nosniff');
      expect(content.headers['content-security-policy']).toContain("default-src 'none'");
    }
    const image = await staff.get(stored[0]!.contentUrl);
    expect(image.headers['content-disposition']).toBe(`inline; filename="_____.png"; filename*=UTF-8''${encodeURIComponent('座谈会现场.png')}`);
    const document = await staff.get(stored[1]!.contentUrl);
    expect(document.headers['content-disposition']).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('会议纪要.pdf')}`);

    // A second read with the tag the browser kept answers 304 without the bytes.
    const cached = await staff.request({ method: 'GET', url: stored[0]!.contentUrl, headers: { 'if-none-match': `"${stored[0]!.sha256}"` } });
    expect(cached.statusCode).toBe(304);
    expect(cached.rawPayload.length).toBe(0);

    const events = await eventsOf(stored[0]!.id);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'attachment.upload',
        after: { ownerType: 'inspection_record', ownerId: recordId, fileName: '座谈会现场.png', contentType: 'image/png', byteSize: files[0]!.bytes.length, sha256: sha256(files[0]!.bytes) },
      }),
    ]);
  });

  it('refuses files that are not what they claim, empty, too large or unknown — and stores nothing', async () => {
    const { recordId, member } = await inspectionInField();
    const refusals = [
      { name: '照片.png', type: 'image/png', bytes: pdf(), status: 400, field: 'file', text: '文件内容与扩展名不符' },
      { name: '照片.jpg', type: 'application/octet-stream', bytes: Buffer.from('<html><script>alert(1)</script></html>'), status: 400, field: 'file', text: '无法识别文件内容' },
      { name: '照片.png', type: 'image/jpeg', bytes: png(), status: 400, field: 'file', text: '声明的文件类型（image/jpeg）与文件内容' },
      { name: '表格.xlsx', type: 'application/octet-stream', bytes: await docx(), status: 400, field: 'file', text: '不是有效的Excel 表格' },
      { name: '空白.png', type: 'image/png', bytes: Buffer.alloc(0), status: 400, field: 'file', text: '文件为空' },
      { name: '脚本.svg', type: 'application/octet-stream', bytes: Buffer.from('<svg/>'), status: 415, field: 'fileName', text: '不支持扩展名为「.svg」' },
      { name: '说明.txt', type: 'text/plain', bytes: Buffer.from('hello'), status: 415, field: 'file', text: '不支持的文件类型（text/plain）' },
      { name: '大照片.png', type: 'image/png', bytes: Buffer.concat([png(), Buffer.alloc(10 * MiB + 1 - png().length)]), status: 413, field: 'file', text: '每个附件不能超过 10 MB' },
    ];
    for (const refusal of refusals) {
      const response = await upload(member, 'inspection_record', recordId, refusal.name, refusal.bytes, refusal.type);
      expect(response.statusCode, `${refusal.name}: ${response.body}`).toBe(refusal.status);
      const { error } = response.json() as { error: { message: string; details: { fields: { field: string }[] } } };
      expect(error.message).toContain(`字段「${refusal.field}」无效`);
      expect(error.message).toContain(refusal.text);
      expect(error.details.fields[0]!.field).toBe(refusal.field);
    }
    expect((await upload(member, 'inspection_record', recordId, '说明.txt', Buffer.from('x'), 'text/plain')).json().error.message).toContain(
      '仅支持 JPG、PNG、WebP 图片和 PDF、Word、Excel 文档',
    );
    expect(await storedCount('inspection_record', recordId)).toBe(0);
  });

  it('stops reading a streamed upload without a length once it passes 10 MB', async () => {
    const { recordId, member } = await inspectionInField();
    const megabyte = Buffer.alloc(MiB, 7);
    // Sent in chunks with no Content-Length, as a browser streaming a body would: the limit is counted on the way.
    const chunks = [png(), ...Array.from({ length: 11 }, () => megabyte)];
    const response = await member.request({
      method: 'POST',
      url: `/api/attachments?ownerType=inspection_record&ownerId=${recordId}&fileName=${encodeURIComponent('超大照片.png')}`,
      headers: { 'content-type': 'image/png' },
      payload: Readable.from(chunks),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers.connection).toBe('close');
    expect(response.json().error).toMatchObject({ code: 'BODY_TOO_LARGE', details: { fields: [{ field: 'file' }] } });
    expect(await storedCount('inspection_record', recordId)).toBe(0);
  });

  it('keeps a Chinese file name without its path and control characters', async () => {
    const { recordId, member } = await inspectionInField();
    const response = await upload(member, 'inspection_record', recordId, 'C:\\Users\\张三\\..\\照片\u0007\u202e 一.png', png());
    expect(response.statusCode).toBe(201);
    expect(response.json().attachment.fileName).toBe('照片 一.png');
    // A NUL is refused outright, as in every other field (PostgreSQL could not store it).
    const withNul = await upload(member, 'inspection_record', recordId, '照片\u0000.png', png());
    expect(withNul.statusCode).toBe(400);
    expect(withNul.json().error.details.fields).toEqual([expect.objectContaining({ field: 'fileName' })]);
    const long = await upload(member, 'inspection_record', recordId, `${'很'.repeat(300)}.jpg`, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]));
    expect(long.statusCode).toBe(201);
    expect([...long.json().attachment.fileName]).toHaveLength(200);
    expect(long.json().attachment.fileName.endsWith('很.jpg')).toBe(true);
  });

  it('takes at most 20 files per record', async () => {
    const { recordId, member } = await inspectionInField();
    for (let index = 1; index <= 20; index += 1) {
      expect((await upload(member, 'inspection_record', recordId, `照片${index}.png`, png(2, [index, index, index]))).statusCode).toBe(201);
    }
    const extra = await upload(member, 'inspection_record', recordId, '照片21.png', png());
    expect(extra.statusCode).toBe(422);
    expect(extra.json().error.message).toContain('字段「file」无效：每条记录最多上传 20 个附件');
    expect(await storedCount('inspection_record', recordId)).toBe(20);
    expect((await list(member, 'inspection_record', recordId)).json().canUpload).toBe(false);
  });

  it('field records: only the office and that team upload, during field work; the inspected county never reads them', async () => {
    const { inspectionId, recordId, member, teamLeader } = await inspectionInField();
    expect((await upload(staff, 'inspection_record', recordId, '办公室.png', png())).statusCode).toBe(201);
    expect((await upload(teamLeader, 'inspection_record', recordId, '组长.png', png())).statusCode).toBe(201);
    const stranger = await harness.login((await createUser(harness.ctx, { role: 'team_member', personId: (await createPerson(harness.ctx)).id })).username);
    // Not on this team: the inspection is not theirs to see at all.
    expect((await upload(stranger, 'inspection_record', recordId, '旁人.png', png())).statusCode).toBe(404);
    expect((await list(stranger, 'inspection_record', recordId)).statusCode).toBe(404);
    // 市领导 reads the working papers but does not add to them.
    const refused = await upload(leader, 'inspection_record', recordId, '领导.png', png());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('只有市扶贫办或本巡查组成员可以上传附件');
    expect((await list(leader, 'inspection_record', recordId)).json().items).toHaveLength(2);
    expect((await upload(staff, 'inspection_record', 2147483647, '无.png', png())).statusCode).toBe(404);

    // After the report and the feedback the county sees the inspection, never its working papers.
    expect((await teamLeader.post(`/api/inspections/${inspectionId}/submit-report`, { report: '报告' })).statusCode).toBe(200);
    const late = await upload(member, 'inspection_record', recordId, '迟到.png', png());
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('只有在实地巡查期间才能上传附件');
    expect((await staff.post(`/api/inspections/${inspectionId}/issue-feedback`, { feedbackDate: '2017-03-09', feedbackText: '反馈' })).statusCode).toBe(200);
    expect((await longmen.get(`/api/inspections/${inspectionId}`)).statusCode).toBe(200);
    expect((await list(longmen, 'inspection_record', recordId)).statusCode).toBe(404);
    const firstId = (await list(staff, 'inspection_record', recordId)).json().items[0].id as number;
    expect((await longmen.get(`/api/attachments/${firstId}/content`)).statusCode).toBe(404);
    expect(await storedCount('inspection_record', recordId)).toBe(2);
  });

  it('supervision records follow the supervision: its team uploads in the field, the supervised county reads nothing', async () => {
    const db = harness.ctx.db;
    const office = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const plan = await db
      .insertInto('supervision_plans')
      .values({ year: 2099, title: '附件测试计划', status: 'draft', created_by: office.id })
      .onConflict((conflict) => conflict.column('year').doUpdateSet({ updated_at: clock.now() }))
      .returning('id')
      .executeTakeFirstOrThrow();
    const supervision = await db
      .insertInto('supervisions')
      .values({
        plan_id: plan.id,
        type: 'special',
        target_assessment_unit_code: 'LM',
        topic: `附件测试督查-${uniqueSuffix()}`,
        status: 'in_field',
        proposed_by: office.id,
        approved_by: office.id,
        approved_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = await createPerson(harness.ctx);
    await db.insertInto('supervision_team_members').values({ supervision_id: supervision.id, person_id: person.id, role: 'member' }).execute();
    const member = await harness.login((await createUser(harness.ctx, { role: 'team_member', personId: person.id })).username);
    const record = await db
      .insertInto('supervision_records')
      .values({ supervision_id: supervision.id, method: 'field_survey', record_date: '2017-03-09', place: '龙门县龙华镇', notes: '实地查看', recorded_by: office.id })
      .returning('id')
      .executeTakeFirstOrThrow();

    const uploaded = await upload(member, 'supervision_record', record.id, '实地照片.png', png());
    expect(uploaded.statusCode).toBe(201);
    expect((await list(staff, 'supervision_record', record.id)).json().items).toHaveLength(1);
    expect((await list(longmen, 'supervision_record', record.id)).statusCode).toBe(404);
    expect((await longmen.get(uploaded.json().attachment.contentUrl)).statusCode).toBe(404);
    expect((await upload(longmen, 'supervision_record', record.id, '县里.png', png())).statusCode).toBe(404);
    expect((await upload(leader, 'supervision_record', record.id, '领导.png', png())).statusCode).toBe(403);
    await db.updateTable('supervisions').set({ status: 'report_submitted', report: '报告' }).where('id', '=', supervision.id).execute();
    expect((await upload(member, 'supervision_record', record.id, '迟到.png', png())).statusCode).toBe(409);
    expect(await storedCount('supervision_record', record.id)).toBe(1);
  });

  it('rectification evidence: the county attaches to its own notified problem until it reports; the office reads and verifies', async () => {
    const problemId = await notifiedProblem('LM');
    const photo = png(6, [20, 160, 60]);
    const uploaded = await upload(longmen, 'problem', problemId, '整改后入户照片.png', photo, 'image/png');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json().attachment).toMatchObject({ isImage: true, canDelete: true, sha256: sha256(photo) });
    expect((await upload(huidong, 'problem', problemId, '越界.png', png())).statusCode).toBe(404);
    expect((await list(huidong, 'problem', problemId)).statusCode).toBe(404);
    expect((await upload(leader, 'problem', problemId, '领导.png', png())).statusCode).toBe(403);

    const officeView = await list(staff, 'problem', problemId);
    expect(officeView.json().items.map((item: AttachmentView) => item.fileName)).toEqual(['整改后入户照片.png']);
    expect((await staff.get(uploaded.json().attachment.contentUrl)).rawPayload.equals(photo)).toBe(true);

    expect((await longmen.post(`/api/rectifications/${problemId}/submit`, { measures: '逐户核查', evidence: '见附件照片' })).statusCode).toBe(200);
    const late = await upload(longmen, 'problem', problemId, '补充.png', png());
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('该问题当前状态为「已报送整改情况（待核验）」');
    expect((await list(longmen, 'problem', problemId)).json()).toMatchObject({ canUpload: false, items: [{ canDelete: false }] });
    // The office may add its verification photos at any time.
    expect((await upload(staff, 'problem', problemId, '核验照片.png', png())).statusCode).toBe(201);
    expect(await storedCount('problem', problemId)).toBe(2);

    // Returned for rework: the county may add evidence again.
    expect((await staff.post(`/api/rectifications/${problemId}/return`, { reason: '照片不清晰' })).statusCode).toBe(200);
    expect((await upload(longmen, 'problem', problemId, '补充照片.png', png())).statusCode).toBe(201);
  });

  it("an assistance unit's user attaches evidence to its own unit's notified problem, not to a county's", async () => {
    const db = harness.ctx.db;
    const assistUser = await db.selectFrom('users').select(['id', 'unit_id']).where('username', '=', 'assist').executeTakeFirstOrThrow();
    const office = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const plan = await db
      .insertInto('supervision_plans')
      .values({ year: 2099, title: '附件测试计划', status: 'draft', created_by: office.id })
      .onConflict((conflict) => conflict.column('year').doUpdateSet({ updated_at: clock.now() }))
      .returning('id')
      .executeTakeFirstOrThrow();
    const supervision = await db
      .insertInto('supervisions')
      .values({
        plan_id: plan.id,
        type: 'special',
        target_unit_id: assistUser.unit_id!,
        topic: `帮扶单位附件测试-${uniqueSuffix()}`,
        status: 'report_submitted',
        report: '报告',
        proposed_by: office.id,
        approved_by: office.id,
        approved_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const problem = await db
      .insertInto('problems')
      .values({
        source: 'supervision',
        source_id: supervision.id,
        supervision_id: supervision.id,
        category: '9.4',
        responsible_unit_id: assistUser.unit_id!,
        description: '驻村工作队台账不全',
        notified_on: '2017-03-09',
        deadline: '2017-04-09',
        recorded_by: office.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const assist = await harness.login('assist');
    const uploaded = await upload(assist, 'problem', problem.id, '工作队台账.xlsx', await xlsx());
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json().attachment.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await upload(longmen, 'problem', problem.id, '县里.png', png())).statusCode).toBe(404);
    const countyProblem = await notifiedProblem('LM');
    expect((await upload(assist, 'problem', countyProblem, '越界.png', png())).statusCode).toBe(404);
    expect(await storedCount('problem', problem.id)).toBe(1);
  });

  it('the uploader deletes their own file while the owner still takes files; the deletion is audited', async () => {
    const problemId = await notifiedProblem('LM');
    const uploaded = (await upload(longmen, 'problem', problemId, '草稿.pdf', pdf('draft'), 'application/pdf')).json().attachment as AttachmentView;
    const byOffice = await staff.request({ method: 'DELETE', url: `/api/attachments/${uploaded.id}` });
    expect(byOffice.statusCode).toBe(403);
    expect(byOffice.json().error.message).toBe('只能删除自己上传的附件');
    expect((await huidong.request({ method: 'DELETE', url: `/api/attachments/${uploaded.id}` })).statusCode).toBe(404);

    const deleted = await longmen.request({ method: 'DELETE', url: `/api/attachments/${uploaded.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(await storedCount('problem', problemId)).toBe(0);
    expect((await staff.get(`/api/attachments/${uploaded.id}/content`)).statusCode).toBe(404);
    expect((await longmen.request({ method: 'DELETE', url: `/api/attachments/${uploaded.id}` })).statusCode).toBe(404);
    const events = await eventsOf(uploaded.id);
    expect(events.map((event) => event.action)).toEqual(['attachment.upload', 'attachment.delete']);
    expect(events[1]).toMatchObject({
      actor_name: '龙门县联络员（演示）',
      after: null,
      before: { ownerType: 'problem', ownerId: problemId, fileName: '草稿.pdf', contentType: 'application/pdf', sha256: uploaded.sha256 },
    });

    const kept = (await upload(longmen, 'problem', problemId, '保留.png', png())).json().attachment as AttachmentView;
    expect((await longmen.post(`/api/rectifications/${problemId}/submit`, { measures: '已整改', evidence: '见附件' })).statusCode).toBe(200);
    const tooLate = await longmen.request({ method: 'DELETE', url: `/api/attachments/${kept.id}` });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().error.message).toContain('才能删除附件');
    expect(await storedCount('problem', problemId)).toBe(1);
  });

  it('validates the owner parameters with the field named', async () => {
    const response = await upload(staff, 'household', 1, '照片.png', png());
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('字段「ownerType」');
    const missing = await staff.get('/api/attachments?ownerType=problem');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('字段「ownerId」');
    expect((await staff.get('/api/attachments/abc/content')).statusCode).toBe(400);
  });

  it.runIf(isPostgres)('concurrent uploads cannot pass 20 files, and of two deletes exactly one succeeds (PostgreSQL)', async () => {
    const { recordId, member } = await inspectionInField();
    for (let index = 1; index <= 19; index += 1) {
      expect((await upload(member, 'inspection_record', recordId, `照片${index}.png`, png())).statusCode).toBe(201);
    }
    const racing = await Promise.all([upload(member, 'inspection_record', recordId, '甲.png', png()), upload(staff, 'inspection_record', recordId, '乙.png', png())]);
    expect(racing.map((response) => response.statusCode).sort()).toEqual([201, 422]);
    expect(await storedCount('inspection_record', recordId)).toBe(20);

    const problemId = await notifiedProblem('LM');
    for (let round = 0; round < 3; round += 1) {
      const { id } = (await upload(longmen, 'problem', problemId, `删除${round}.png`, png())).json().attachment as AttachmentView;
      const secondSession = await harness.login('longmen');
      const deletes = await Promise.all([
        longmen.request({ method: 'DELETE', url: `/api/attachments/${id}` }),
        secondSession.request({ method: 'DELETE', url: `/api/attachments/${id}` }),
      ]);
      expect(deletes.map((response) => response.statusCode).sort()).toEqual([204, 404]);
      expect((await eventsOf(id)).filter((event) => event.action === 'attachment.delete')).toHaveLength(1);
    }
  });
});
