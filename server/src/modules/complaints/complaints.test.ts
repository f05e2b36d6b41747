import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fixedClock, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';

// 10:00 Beijing time, 10 March 2017.
const clock = fixedClock(new Date('2017-03-10T02:00:00Z'));

// Identity that must never reach the county: a name, a phone number and a contact.
const AUTHOR = { name: '欧阳明珠', phone: '13912345678', contact: '微信 ouyang_mz_88' };

type Complaint = Record<string, unknown> & { id: number; status: string; actions: string[]; trackingCode?: string };

describe('complaints 群众举报 (督4)', () => {
  let harness: TestApp;
  let staff: Session;
  let admin: Session;
  let longmen: Session;
  let huidong: Session;
  let leader: Session;
  let addressCounter = 0;

  beforeAll(async () => {
    harness = await createTestApp({ clock });
    [staff, admin, longmen, huidong, leader] = await Promise.all([harness.login('staff'), harness.login('admin'), harness.login('longmen'), harness.login('huidong'), harness.login('leader')]);
  });
  afterAll(() => harness.close());

  /** A request without any session, from an address of its own so the public rate limit is not shared between tests. */
  function anonymous(options: InjectOptions, remoteAddress = `10.0.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`) {
    return harness.app.inject({ ...options, remoteAddress });
  }

  async function fileComplaint(body: Record<string, unknown> = {}) {
    const response = await anonymous({
      method: 'POST',
      url: '/api/public/complaints',
      payload: { subject: '扶贫补助被截留', content: `村里的补助没有发到户，举报人${AUTHOR.name}，电话${AUTHOR.phone}`, regionCode: '441324100', isAnonymous: false, ...AUTHOR, ...body },
    });
    expect(response.statusCode, response.body).toBe(201);
    const { trackingCode } = response.json() as { trackingCode: string };
    const row = await harness.ctx.db.selectFrom('complaints').select('id').where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow();
    return { id: row.id, trackingCode };
  }

  async function eventsFor(id: number) {
    return harness.ctx.db.selectFrom('audit_events').select(['action', 'actor_name', 'before', 'after']).where('entity_type', '=', 'complaint').where('entity_id', '=', String(id)).orderBy('seq').execute();
  }

  function expectNoIdentity(text: string) {
    for (const value of [AUTHOR.name, AUTHOR.phone, AUTHOR.contact, 'ouyang']) expect(text).not.toContain(value);
    expect(text).not.toMatch(/complainant|trackingCode|householdId|"household"/);
  }

  describe('the public form, without an account', () => {
    it('files a complaint and answers with a 12-character tracking code; the code shows status, never the identity', async () => {
      const { trackingCode } = await fileComplaint();
      expect(trackingCode).toMatch(/^[A-HJ-NP-Z2-9]{12}$/);
      const tracked = await anonymous({ method: 'GET', url: `/api/public/complaints/${trackingCode.toLowerCase()}` });
      expect(tracked.statusCode).toBe(200);
      expect(tracked.json().complaint).toMatchObject({ status: 'submitted', statusLabel: '待受理', subject: '扶贫补助被截留', regionPath: '龙门县 麻榨镇', actions: [] });
      expect(tracked.body).not.toContain(AUTHOR.name);
      expect(tracked.body).not.toContain(AUTHOR.phone);
    });

    it('records the filing in the audit chain without the author', async () => {
      const { id } = await fileComplaint();
      const [event] = await eventsFor(id);
      expect(event).toMatchObject({ action: 'complaint.file', actor_name: '举报人（凭查询码）' });
      expectNoIdentity(JSON.stringify(event));
    });

    it('gives every complaint a different code', async () => {
      const codes = await Promise.all([fileComplaint(), fileComplaint(), fileComplaint()]);
      expect(new Set(codes.map((code) => code.trackingCode)).size).toBe(3);
    });

    it.each([
      ['a missing subject', { subject: undefined }, 'subject'],
      ['a region outside Huizhou', { regionCode: '440100' }, 'regionCode'],
      ['a phone that is not a number', { phone: '12345' }, 'phone'],
      ['identity on an anonymous complaint', { isAnonymous: true }, 'name'],
      ['an unexpected field', { status: 'answered' }, 'status'],
    ])('refuses %s with 400 naming the field', async (_case, override, field) => {
      const response = await anonymous({
        method: 'POST',
        url: '/api/public/complaints',
        payload: { subject: '事项', content: '内容', regionCode: '441324100', isAnonymous: false, name: '张三', ...override },
      });
      expect(response.statusCode).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toContain(field);
      expect(error.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
    });

    it('refuses an unknown region code in Huizhou with 400 and a Chinese message', async () => {
      const response = await anonymous({ method: 'POST', url: '/api/public/complaints', payload: { subject: '事项', content: '内容', regionCode: '441399999', isAnonymous: true } });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'regionCode' }] } });
      expect(response.json().error.message).toContain('不存在代码为 441399999');
    });

    it('answers a malformed tracking code with 400 and an unknown one with 404, both in the error shape', async () => {
      const malformed = await anonymous({ method: 'GET', url: '/api/public/complaints/abc' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
      const unknown = await anonymous({ method: 'GET', url: '/api/public/complaints/AAAAAAAAAAAA' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error).toMatchObject({ code: 'NOT_FOUND', details: null });
    });

    it('limits how often one address may file', async () => {
      const address = '10.99.0.1';
      const body = { subject: '事项', content: '内容', regionCode: '441324', isAnonymous: true };
      const statuses: number[] = [];
      for (let attempt = 0; attempt < harness.ctx.config.publicRatePerMinute + 1; attempt += 1) {
        statuses.push((await anonymous({ method: 'POST', url: '/api/public/complaints', payload: body }, address)).statusCode);
      }
      expect(statuses.slice(0, -1).every((status) => status === 201)).toBe(true);
      const refused = await anonymous({ method: 'POST', url: '/api/public/complaints', payload: body }, address);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('RATE_LIMITED');
    });

    it('lists Huizhou places for the picker without a session: the 7 assessment units of 考2, their towns, villages', async () => {
      const units = await anonymous({ method: 'GET', url: '/api/public/regions' });
      expect(units.statusCode).toBe(200);
      expect(units.json().items.map((unit: { name: string }) => unit.name)).toEqual(['惠东县', '博罗县', '龙门县', '惠城区', '惠阳区', '大亚湾区', '仲恺高新区']);
      expect(units.json().items).toContainEqual({ code: 'LM', name: '龙门县', level: 'assessment_unit', hasChildren: true, regionCode: '441324' });
      expect(units.json().items).toContainEqual({ code: 'DYW', name: '大亚湾区', level: 'assessment_unit', hasChildren: true, regionCode: null });
      const dayawan = await anonymous({ method: 'GET', url: '/api/public/regions?parentCode=DYW' });
      expect(dayawan.json().items.map((town: { name: string }) => town.name)).toEqual(['大亚湾澳头街道', '大亚湾霞涌街道', '大亚湾西区街道']);
      const huiyang = await anonymous({ method: 'GET', url: '/api/public/regions?parentCode=HY' });
      expect(huiyang.json().items.map((town: { code: string }) => town.code)).not.toContain('441303006');
      const towns = await anonymous({ method: 'GET', url: '/api/public/regions?parentCode=441324' });
      expect(towns.json().items).toContainEqual(expect.objectContaining({ code: '441324100', name: '麻榨镇' }));
      expect((await anonymous({ method: 'GET', url: '/api/public/regions?parentCode=1100' })).statusCode).toBe(400);
    });

    it('does not open the staff inbox without a session', async () => {
      const response = await anonymous({ method: 'GET', url: '/api/complaints' });
      expect(response.statusCode).toBe(401);
    });
  });

  describe('triage by the office', () => {
    it('accept: the office succeeds, a county and the city leader are refused, audited', async () => {
      const { id } = await fileComplaint();
      const view = (await staff.get(`/api/complaints/${id}`)).json().complaint as Complaint;
      expect(view.actions).toEqual(expect.arrayContaining(['accept', 'reject', 'assign', 'link']));
      expect(view).toMatchObject({ suggestedUnitCode: 'LM', complainant: { name: AUTHOR.name, phone: AUTHOR.phone, contact: AUTHOR.contact } });
      // The city leader follows complaints but does not triage them (403), nor does the county concerned.
      expect((await leader.post(`/api/complaints/${id}/accept`, {})).statusCode).toBe(403);
      const accepted = await staff.post(`/api/complaints/${id}/accept`, { note: '属实，受理' });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json().complaint).toMatchObject({ status: 'accepted', statusLabel: '已受理' });
      const again = await admin.post(`/api/complaints/${id}/accept`, {});
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('INVALID_STATE');
      expect((await eventsFor(id)).map((event) => event.action)).toEqual(['complaint.file', 'complaint.accept']);
    });

    it('reject needs a reason, is refused once accepted, and tells the complainant why', async () => {
      const { id, trackingCode } = await fileComplaint();
      const missing = await staff.post(`/api/complaints/${id}/reject`, {});
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.message).toContain('reason');
      expect((await staff.post(`/api/complaints/${id}/reject`, { reason: '不属于扶贫领域，已告知向信访部门反映' })).statusCode).toBe(200);
      expect((await staff.post(`/api/complaints/${id}/accept`, {})).statusCode).toBe(409);
      const tracked = (await anonymous({ method: 'GET', url: `/api/public/complaints/${trackingCode}` })).json().complaint;
      expect(tracked).toMatchObject({ status: 'not_accepted', decisionReason: '不属于扶贫领域，已告知向信访部门反映' });
      expect((await eventsFor(id)).at(-1)).toMatchObject({ action: 'complaint.reject' });
    });

    it('assign: a county user is refused; an unknown unit is 400; the county concerned then sees it, others do not', async () => {
      const { id } = await fileComplaint();
      // Before assignment the county cannot see it at all.
      expect((await longmen.get(`/api/complaints/${id}`)).statusCode).toBe(404);
      expect((await longmen.post(`/api/complaints/${id}/assign`, { unitCode: 'LM' })).statusCode).toBe(404);
      expect((await staff.post(`/api/complaints/${id}/assign`, { unitCode: 'XX' })).statusCode).toBe(400);
      const assigned = await staff.post(`/api/complaints/${id}/assign`, { unitCode: 'LM' });
      expect(assigned.statusCode).toBe(200);
      expect(assigned.json().complaint).toMatchObject({ status: 'assigned', assignedUnitName: '龙门县' });
      expect((await longmen.get(`/api/complaints/${id}`)).statusCode).toBe(200);
      expect((await longmen.post(`/api/complaints/${id}/answer`, { answer: '已处理' })).statusCode).toBe(403);
      expect((await longmen.post(`/api/complaints/${id}/accept`, {})).statusCode).toBe(403);
      expect((await huidong.get(`/api/complaints/${id}`)).statusCode).toBe(404);
      expect((await eventsFor(id)).at(-1)).toMatchObject({ action: 'complaint.assign', after: { status: 'assigned', assigned_unit_code: 'LM' } });
    });

    it('answer, then the complainant reopens with the code; the office answers again and the complainant confirms', async () => {
      const { id, trackingCode } = await fileComplaint();
      expect((await staff.post(`/api/complaints/${id}/answer`, { answer: '先答复' })).statusCode).toBe(409);
      await staff.post(`/api/complaints/${id}/assign`, { unitCode: 'LM' });
      // Nobody can confirm before there is an answer.
      expect((await anonymous({ method: 'POST', url: `/api/public/complaints/${trackingCode}/confirm`, payload: {} })).statusCode).toBe(409);
      expect((await staff.post(`/api/complaints/${id}/answer`, { answer: '经核查，补助已于 3 月 8 日补发到户。' })).statusCode).toBe(200);
      const tracked = (await anonymous({ method: 'GET', url: `/api/public/complaints/${trackingCode}` })).json().complaint;
      expect(tracked).toMatchObject({ status: 'answered', answer: '经核查，补助已于 3 月 8 日补发到户。', actions: ['confirm', 'reopen'] });
      const noReason = await anonymous({ method: 'POST', url: `/api/public/complaints/${trackingCode}/reopen`, payload: {} });
      expect(noReason.statusCode).toBe(400);
      const reopened = await anonymous({ method: 'POST', url: `/api/public/complaints/${trackingCode}/reopen`, payload: { reason: '只补发了一半' } });
      expect(reopened.statusCode).toBe(200);
      expect(reopened.json().complaint).toMatchObject({ status: 'reopened', reopenReason: '只补发了一半' });
      // Staff cannot act for the complainant.
      expect((await staff.post(`/api/complaints/${id}/confirm`, {})).statusCode).toBe(404);
      expect((await staff.post(`/api/complaints/${id}/answer`, { answer: '余款已补发。' })).statusCode).toBe(200);
      const confirmed = await anonymous({ method: 'POST', url: `/api/public/complaints/${trackingCode}/confirm`, payload: {} });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json().complaint).toMatchObject({ status: 'confirmed', actions: [] });
      expect((await anonymous({ method: 'POST', url: `/api/public/complaints/${trackingCode}/reopen`, payload: { reason: '再次' } })).statusCode).toBe(409);
      const events = await eventsFor(id);
      expect(events.map((event) => event.action)).toEqual([
        'complaint.file',
        'complaint.assign',
        'complaint.answer',
        'complaint.reopen',
        'complaint.answer',
        'complaint.confirm',
      ]);
      expect(events.filter((event) => event.action === 'complaint.reopen' || event.action === 'complaint.confirm').every((event) => event.actor_name === '举报人（凭查询码）')).toBe(true);
    });

    it('staff log hotline and letter complaints; other roles are refused', async () => {
      const body = { channel: 'hotline', subject: '电话反映危房改造未完成', content: '来电称危房改造未完成', regionCode: '441324', isAnonymous: false, name: '李来电', phone: '0752-7771234' };
      expect((await longmen.post('/api/complaints', body)).statusCode).toBe(403);
      const response = await staff.post('/api/complaints', body);
      expect(response.statusCode).toBe(201);
      expect(response.json().complaint).toMatchObject({ channel: 'hotline', channelLabel: '电话举报', complainant: { name: '李来电', phone: '07527771234' } });
      expect(response.json().complaint.trackingCode).toMatch(/^[A-HJ-NP-Z2-9]{12}$/);
      expect((await staff.post('/api/complaints', { ...body, channel: 'web' })).statusCode).toBe(400);
    });

    it('links a household, a village, a problem and an inspection, and refuses links to nothing', async () => {
      const { id } = await fileComplaint();
      const household = await harness.ctx.db.selectFrom('households').select(['id', 'village_code', 'household_no', 'head_name']).limit(1).executeTakeFirst();
      const links: Record<string, unknown> = { villageCode: '441324100201' };
      const village = await harness.ctx.db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'village').where('town_code', '=', '441324100').limit(1).executeTakeFirstOrThrow();
      links.villageCode = village.code;
      if (household) links.householdId = Number(household.id);
      expect((await longmen.post(`/api/complaints/${id}/link`, links)).statusCode).toBe(403);
      const linked = await staff.post(`/api/complaints/${id}/link`, links);
      expect(linked.statusCode, linked.body).toBe(200);
      // The detail names what is linked, not only its id.
      expect(linked.json().complaint.village).toEqual({ code: village.code, name: village.name });
      if (household) expect(linked.json().complaint.household).toEqual({ id: Number(household.id), householdNo: household.household_no, headName: household.head_name });
      const missing = await staff.post(`/api/complaints/${id}/link`, { problemId: 2147483000 });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details.fields[0].field).toBe('problemId');
      expect((await staff.post(`/api/complaints/${id}/link`, {})).statusCode).toBe(400);
      expect((await eventsFor(id)).at(-1)).toMatchObject({ action: 'complaint.link' });
    });

    it('turns an assigned complaint into a problem of the ledger that the county must rectify within 2 months', async () => {
      const { id } = await fileComplaint();
      const body = { category: 'project_funds', description: '麻榨镇扶贫补助未足额发放到户', requirement: '逐户核对并补发' };
      expect((await staff.post(`/api/complaints/${id}/create-problem`, body)).statusCode).toBe(409);
      await staff.post(`/api/complaints/${id}/assign`, { unitCode: 'LM' });
      expect((await longmen.post(`/api/complaints/${id}/create-problem`, body)).statusCode).toBe(403);
      const created = await staff.post(`/api/complaints/${id}/create-problem`, body);
      expect(created.statusCode).toBe(201);
      const problemId = created.json().problemId as number;
      expect(created.json().complaint.problem).toEqual({ id: problemId, status: 'open', description: '麻榨镇扶贫补助未足额发放到户' });
      expect((await longmen.get(`/api/complaints/${id}`)).json().complaint.problem).toMatchObject({ id: problemId, description: '麻榨镇扶贫补助未足额发放到户' });
      const problem = (await longmen.get(`/api/rectifications/${problemId}`)).json().problem;
      expect(problem).toMatchObject({ source: 'complaint', sourceLabel: '群众举报', sourceId: id, deadline: '2017-05-10', responsibleUnitName: '龙门县' });
      expect((await staff.post(`/api/complaints/${id}/create-problem`, body)).statusCode).toBe(409);
    });
  });

  describe("the complainant's identity never reaches the county concerned", () => {
    it('longmen receives neither name, phone, contact, household nor code of a complaint about 龙门县 — list, detail or export', async () => {
      const { id } = await fileComplaint();
      const household = await harness.ctx.db.selectFrom('households').select('id').where('county_code', '=', '441324').limit(1).executeTakeFirst();
      if (household) expect((await staff.post(`/api/complaints/${id}/link`, { householdId: Number(household.id) })).statusCode).toBe(200);
      await staff.post(`/api/complaints/${id}/assign`, { unitCode: 'LM' });
      await staff.post(`/api/complaints/${id}/answer`, { answer: `已联系${AUTHOR.name}（${AUTHOR.phone}）核实` });

      const detail = await longmen.get(`/api/complaints/${id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json().complaint).toMatchObject({ id, subject: '扶贫补助被截留', status: 'answered' });
      expectNoIdentity(detail.body);

      const list = await longmen.get('/api/complaints');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((item: Complaint) => item.id)).toContain(id);
      expectNoIdentity(list.body);

      const exported = await longmen.get('/api/complaints/export.csv');
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toContain('text/csv');
      expect(exported.body).toContain('扶贫补助被截留');
      for (const value of [AUTHOR.name, AUTHOR.phone, AUTHOR.contact]) expect(exported.body).not.toContain(value);

      // The office sees all of it, in the same places.
      const officeDetail = await staff.get(`/api/complaints/${id}`);
      expect(officeDetail.body).toContain(AUTHOR.name);
      expect(officeDetail.body).toContain(AUTHOR.phone);
      expect((await staff.get('/api/complaints/export.csv')).body).toContain(AUTHOR.phone);
    });

    it('an anonymous complaint keeps no identity at all, even in the database', async () => {
      const { id, trackingCode } = await fileComplaint({ isAnonymous: true, name: undefined, phone: undefined, contact: undefined, content: '匿名反映村干部优亲厚友' });
      const row = await harness.ctx.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ is_anonymous: true, complainant_name: null, complainant_phone_cipher: null, complainant_contact: null });
      expect((await staff.get(`/api/complaints/${id}`)).json().complaint).toMatchObject({ isAnonymous: true, complainant: null });
      expect((await anonymous({ method: 'GET', url: `/api/public/complaints/${trackingCode}` })).statusCode).toBe(200);
    });

    it('stores the phone number encrypted', async () => {
      const { id } = await fileComplaint();
      const row = await harness.ctx.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.complainant_phone_cipher).not.toContain(AUTHOR.phone);
      expect(row.complainant_phone_masked).toBe('139****5678');
    });
  });

  // Accepting and refusing exclude each other (assigning after accepting is a legitimate sequence, not a race).
  it.runIf(isPostgres)('two concurrent triage decisions on one complaint end with exactly one winner (PostgreSQL)', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { id } = await fileComplaint();
      const responses = await Promise.all([
        staff.post(`/api/complaints/${id}/accept`, {}),
        admin.post(`/api/complaints/${id}/reject`, { reason: '重复举报' }),
        staff.post(`/api/complaints/${id}/reject`, { reason: '不属于受理范围' }),
      ]);
      expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409, 409]);
      const decisions = (await eventsFor(id)).filter((event) => event.action !== 'complaint.file');
      expect(decisions).toHaveLength(1);
    }
  });
});
