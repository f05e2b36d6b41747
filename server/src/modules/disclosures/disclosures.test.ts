import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fixedClock, type Session, type TestApp } from '../../testing/harness.ts';

const clock = fixedClock(new Date('2017-03-10T02:00:00Z'));

describe('public disclosure of rectification results 公开 (督18, R-I8)', () => {
  let harness: TestApp;
  let staff: Session;
  let longmen: Session;
  let leader: Session;
  let addressCounter = 0;

  beforeAll(async () => {
    harness = await createTestApp({ clock });
    [staff, longmen, leader] = await Promise.all([harness.login('staff'), harness.login('longmen'), harness.login('leader')]);
  });
  afterAll(() => harness.close());

  function publicGet(url: string) {
    addressCounter += 1;
    return harness.app.inject({ method: 'GET', url, remoteAddress: `10.1.0.${addressCounter}` });
  }

  /** A problem of 龙门县 (from a complaint), rectified by the county; verified by the office unless told otherwise. */
  async function rectifiedProblem(options: { verify?: boolean; description?: string; measures?: string } = {}) {
    const filed = await harness.app.inject({
      method: 'POST',
      url: '/api/public/complaints',
      remoteAddress: `10.2.0.${(addressCounter += 1)}`,
      payload: { subject: '危房改造', content: '危房改造资金未到位', regionCode: '441324100', isAnonymous: true },
    });
    const complaint = await harness.ctx.db.selectFrom('complaints').select('id').where('tracking_code', '=', filed.json().trackingCode).executeTakeFirstOrThrow();
    await staff.post(`/api/complaints/${complaint.id}/assign`, { unitCode: 'LM' });
    const created = await staff.post(`/api/complaints/${complaint.id}/create-problem`, {
      category: 'project_funds',
      description: options.description ?? '麻榨镇贫困户陈阿婆（身份证 441324194501011234）危房改造资金被村会计黄大明截留',
      requirement: '全额退还并追责，联系人电话 13812345678',
    });
    const problemId = created.json().problemId as number;
    expect((await longmen.post(`/api/rectifications/${problemId}/submit`, { measures: options.measures ?? '已将资金发放给陈阿婆，村会计黄大明被免职', evidence: '发放凭证' })).statusCode).toBe(200);
    if (options.verify !== false) expect((await staff.post(`/api/rectifications/${problemId}/verify`, {})).statusCode).toBe(200);
    return problemId;
  }

  it('the office discloses a verified rectification; the public page shows it with personal data masked', async () => {
    const problemId = await rectifiedProblem();
    const decided = await staff.post(`/api/rectifications/${problemId}/decide-disclosure`, { decision: 'disclose', reason: '典型案例，公开接受监督', extraNames: ['陈阿婆'] });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().disclosure).toMatchObject({ decision: 'disclose', decisionLabel: '公开', reason: '典型案例，公开接受监督' });

    const page = await publicGet('/api/public/rectifications?unitCode=LM');
    expect(page.statusCode).toBe(200);
    const item = (page.json().items as { id: number }[]).find((candidate) => candidate.id === problemId);
    expect(item).toMatchObject({
      unitName: '龙门县',
      categoryLabel: '扶贫项目资金管理使用问题',
      problem: '麻榨镇贫困户陈**（身份证 441324********1234）危房改造资金被村会计黄**截留',
      requirement: '全额退还并追责，联系人电话 138****5678',
      measures: '已将资金发放给陈**，村会计黄**被免职',
      deadline: '2017-05-10',
    });
    for (const secret of ['陈阿婆', '黄大明', '13812345678', '194501011']) expect(page.body).not.toContain(secret);
  });

  it('masks names the registry knows without being told', async () => {
    const household = await harness.ctx.db.selectFrom('households').select('head_name').where('county_code', '=', '441324').where(({ fn }) => fn('length', ['head_name']), '>=', 2).limit(1).executeTakeFirst();
    if (!household) return;
    const problemId = await rectifiedProblem({ description: `核查发现${household.head_name}未享受危房改造`, measures: `已为${household.head_name}完成改造` });
    await staff.post(`/api/rectifications/${problemId}/decide-disclosure`, { decision: 'disclose', reason: '公开' });
    const item = (await publicGet('/api/public/rectifications')).json().items.find((candidate: { id: number }) => candidate.id === problemId);
    expect(item.problem).not.toContain(household.head_name);
    expect(item.measures).not.toContain(household.head_name);
  });

  it('a withheld decision publishes nothing; a later decision replaces it; every decision is audited', async () => {
    const problemId = await rectifiedProblem();
    expect((await staff.post(`/api/rectifications/${problemId}/decide-disclosure`, { decision: 'withhold', reason: '涉及未成年人隐私' })).statusCode).toBe(200);
    expect((await publicGet('/api/public/rectifications')).json().items.map((item: { id: number }) => item.id)).not.toContain(problemId);
    expect((await staff.post(`/api/rectifications/${problemId}/decide-disclosure`, { decision: 'disclose', reason: '经复核可以公开' })).statusCode).toBe(200);
    expect((await publicGet('/api/public/rectifications')).json().items.map((item: { id: number }) => item.id)).toContain(problemId);
    const events = await harness.ctx.db.selectFrom('audit_events').select(['action', 'before', 'after']).where('entity_type', '=', 'problem').where('entity_id', '=', String(problemId)).where('action', '=', 'problem.decideDisclosure').orderBy('seq').execute();
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ before: { decision: 'withhold' }, after: { decision: 'disclose', reason: '经复核可以公开' } });
    const list = (await staff.get('/api/disclosures')).json().items as { problemId: number; decision: string }[];
    expect(list.find((item) => item.problemId === problemId)?.decision).toBe('disclose');
  });

  it('refuses a problem that is not verified (409), other roles (403 / 404) and a missing reason (400)', async () => {
    const reported = await rectifiedProblem({ verify: false });
    const notVerified = await staff.post(`/api/rectifications/${reported}/decide-disclosure`, { decision: 'disclose', reason: '公开' });
    expect(notVerified.statusCode).toBe(409);
    expect(notVerified.json().error).toMatchObject({ code: 'INVALID_STATE', details: { currentState: 'reported' } });
    const verified = await rectifiedProblem();
    expect((await longmen.post(`/api/rectifications/${verified}/decide-disclosure`, { decision: 'disclose', reason: '公开' })).statusCode).toBe(403);
    expect((await leader.post(`/api/rectifications/${verified}/decide-disclosure`, { decision: 'disclose', reason: '公开' })).statusCode).toBe(403);
    const noReason = await staff.post(`/api/rectifications/${verified}/decide-disclosure`, { decision: 'disclose' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('reason');
    expect((await staff.post('/api/rectifications/2147483000/decide-disclosure', { decision: 'disclose', reason: '公开' })).statusCode).toBe(404);
  });

  it('the public page needs no session and refuses a malformed filter with 400', async () => {
    expect((await publicGet('/api/public/rectifications')).statusCode).toBe(200);
    const bad = await publicGet('/api/public/rectifications?unitCode=%27%3B');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});
