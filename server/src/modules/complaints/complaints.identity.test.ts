import JSZip from 'jszip';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../seed/huizhou.data.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

// 督4, SPEC §7: a complainant's identity is the city office's alone. Two complaints with names, phones and contacts
// are taken through everything the office does with them — triage, assignment to 惠东县, a village link, a ledger
// problem, an answer, a referral to the discipline body, a rectification verified and disclosed — and then every
// GET route of the route table is called as every other role (and without a login) with every record's id: no
// reply, export or document holds any part of either identity.

const complainants = [
  { name: '欧阳霁川', given: '霁川', phone: '13912345678', contact: '高潭镇中洞村十二号（微信 oyjc1985）', address: '欧阳先生' },
  { name: '司马砚秋', given: '砚秋', phone: '13698765432', contact: '微信 smyq_2017', address: '司马女士' },
];
const identityParts = complainants.flatMap((person) => [person.name, person.given, person.phone, person.contact, 'oyjc1985', 'smyq_2017', person.address]);

/** The text a reply carries: JSON and CSV as they are, XLSX and DOCX unzipped to the text of their XML. */
async function textOf(response: LightMyRequestResponse): Promise<string> {
  const type = String(response.headers['content-type'] ?? '');
  if (/openxmlformats|zip/.test(type)) {
    const zip = await JSZip.loadAsync(response.rawPayload);
    const parts = await Promise.all(Object.values(zip.files).filter((file) => !file.dir).map((file) => file.async('string')));
    return parts.join('\n').replace(/<[^>]+>/g, '');
  }
  return response.body;
}

/** Digits normalised as a reader would read them: full-width to ASCII, separators between digits dropped. */
function normalised(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 48))
    .replace(/(?<=\d)[\s.\-\uFF0D\uFF0E\u00B7()（）/]+(?=\d)/g, '');
}

function leaksIn(text: string): string[] {
  const plain = normalised(text);
  return identityParts.filter((part) => text.includes(part) || plain.includes(part));
}

describe('the complainant-identity guard, over every route', () => {
  let harness: TestApp;
  let staff: Session;
  const ids = { complaints: [] as number[], problems: [] as number[], transfers: [] as number[] };

  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
    staff = await harness.login('staff');
    const [huidong, jiwei, admin] = await Promise.all([harness.login('huidong'), harness.ctx.db.selectFrom('users').select('id').where('username', '=', 'jiwei').executeTakeFirstOrThrow(), harness.login('admin')]);
    const village = await harness.ctx.db.selectFrom('regions').select('code').where('town_code', '=', '441323118').where('level', '=', 'village').orderBy('code').executeTakeFirstOrThrow();
    // The test means something only if no reference data already holds these words.
    const clash = await sql<{ n: number }>`SELECT count(*)::int AS n FROM regions WHERE ${sql.join(complainants.map((person) => sql`name LIKE ${`%${person.given}%`}`), sql` OR `)}`.execute(harness.ctx.db);
    expect(clash.rows[0]!.n).toBe(0);

    for (const [index, person] of complainants.entries()) {
      const recorded = await staff.post('/api/complaints', {
        channel: index === 0 ? 'hotline' : 'letter',
        subject: `${person.name}反映低保评定不公`,
        content: `我叫${person.name}，电话${person.phone.replace(/(\d{3})(\d{4})(\d{4})/, '$1.$2.$3')}，也可打${person.phone.replace(/(\d{3})(\d{4})(\d{4})/, '$1-$2-$3')}或${person.phone.replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)))}。${person.given}家的低保被取消，村干部未公示。`,
        regionCode: village.code,
        isAnonymous: false,
        name: person.name,
        phone: person.phone,
        contact: person.contact,
      });
      expect(recorded.statusCode).toBe(201);
      const id = recorded.json().complaint.id as number;
      ids.complaints.push(id);
      expect((await staff.post(`/api/complaints/${id}/accept`, { note: `已电话联系${person.name}（${person.phone}）核实` })).statusCode).toBe(200);
      expect((await staff.post(`/api/complaints/${id}/assign`, { unitCode: 'HD' })).statusCode).toBe(200);
      expect((await staff.post(`/api/complaints/${id}/link`, { villageCode: village.code })).statusCode).toBe(200);
      const problem = await staff.post(`/api/complaints/${id}/create-problem`, {
        category: 'identification_exit',
        description: `举报人${person.name}（${person.phone}）反映：低保评定未经公示`,
        requirement: `核实后答复${person.address}，联系方式：${person.contact}`,
      });
      expect(problem.statusCode).toBe(201);
      ids.problems.push(problem.json().problemId as number);
      expect((await staff.post(`/api/complaints/${id}/answer`, { answer: `${person.name}同志：您好！您反映的问题已交惠东县核查。${person.address}如有补充，请拨打回访电话。` })).statusCode).toBe(200);
    }

    // The first problem goes to the discipline body; the second is rectified, verified and disclosed.
    const transfer = await staff.post('/api/transfers', {
      problemId: ids.problems[0],
      recipientBody: 'discipline_inspection',
      recipientUserId: jiwei.id,
      summary: `群众${complainants[0]!.name}（${complainants[0]!.phone}）举报村干部违规取消低保`,
    });
    expect(transfer.statusCode).toBe(201);
    ids.transfers.push(transfer.json().transfer.id as number);
    const jiweiSession = await harness.login('jiwei');
    expect((await jiweiSession.post(`/api/transfers/${ids.transfers[0]}/acknowledge`, {})).statusCode).toBe(200);

    const second = ids.problems[1]!;
    expect((await huidong.post(`/api/rectifications/${second}/submit`, { measures: '已补办公示并重新评议', evidence: '公示照片、评议记录' })).statusCode).toBe(200);
    expect((await staff.post(`/api/rectifications/${second}/verify`, { note: `已回访${complainants[1]!.address}（${complainants[1]!.phone}），整改到位` })).statusCode).toBe(200);
    expect((await admin.post(`/api/rectifications/${second}/decide-disclosure`, { decision: 'disclose', reason: '可以公开' })).statusCode).toBe(200);
  });
  afterAll(() => harness.close());

  it('the office still reads the truth: the complaint, and the audit log', async () => {
    const complaint = await staff.get(`/api/complaints/${ids.complaints[0]}`);
    expect(complaint.json().complaint.complainant).toMatchObject({ name: complainants[0]!.name, phone: complainants[0]!.phone, contact: complainants[0]!.contact });
    const events = await staff.get(`/api/audit/events?entityType=problem&entityId=${ids.problems[0]}`);
    expect(events.body).toContain(complainants[0]!.name);
  });

  it('finding 2: the county concerned gets the matter without any part of the identity, and its search matches only what it is shown', async () => {
    const huidong = await harness.login('huidong');
    const list = await huidong.get('/api/complaints');
    expect(list.json().items).toHaveLength(2);
    expect(leaksIn(list.body)).toEqual([]);
    expect(list.json().items[0].content).toContain('低保被取消');
    for (const term of [complainants[0]!.given, 'oyjc1985', complainants[0]!.phone.slice(3, 7), '欧阳']) {
      const found = await huidong.get(`/api/complaints?q=${encodeURIComponent(term)}`);
      expect(found.json().items, term).toEqual([]);
    }
    expect((await huidong.get(`/api/complaints?q=${encodeURIComponent('低保')}`)).json().items).toHaveLength(2);
    // The office's search reads the truth.
    expect((await staff.get(`/api/complaints?q=${encodeURIComponent(complainants[0]!.given)}`)).json().items).toHaveLength(1);
  });

  it('the office is told, while typing, what the county would see', async () => {
    const preview = await staff.post(`/api/complaints/${ids.complaints[0]}/county-preview`, { text: `请回复${complainants[0]!.address}，电话 139 1234 5678` });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().found).toEqual(expect.arrayContaining(['phone']));
    expect(leaksIn(preview.json().shown)).toEqual([]);
    const byName = await staff.post(`/api/complaints/${ids.complaints[0]}/county-preview`, { text: `${complainants[0]!.given}反映` });
    expect(byName.json().found).toEqual(['name']);
    expect((await (await harness.login('huidong')).post(`/api/complaints/${ids.complaints[0]}/county-preview`, { text: 'x' })).statusCode).toBe(403);
  });

  it('every GET route, as every role outside the office and without a login, with every record id: no reply holds the identity', async () => {
    const candidates = [...ids.complaints, ...ids.problems, ...ids.transfers, 1];
    const routes = harness.app.routeTable.filter((route) => route.method === 'GET' && route.url.startsWith('/api/') && !route.url.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(40);
    const urls = routes.flatMap((route) => {
      if (!route.url.includes(':')) return [route.url];
      // Every :id-like parameter takes each record's id; a :code takes 惠东县's region code (never a tracking code,
      // whose holder is the complainant).
      return candidates.map((id) => route.url.replace(/:code\b/g, '441323').replace(/:[A-Za-z]+/g, String(id)));
    });
    const viewers: { name: string; session: Session | null }[] = [{ name: '(public)', session: null }];
    for (const account of demoAccounts.filter((account) => account.role !== 'office_admin' && account.role !== 'office_staff')) {
      viewers.push({ name: account.username, session: await harness.login(account.username) });
    }
    const leaks: string[] = [];
    let answered = 0;
    for (const viewer of viewers) {
      for (const url of [...new Set(urls)]) {
        const response = viewer.session ? await viewer.session.get(url) : await harness.app.inject({ method: 'GET', url });
        expect(response.statusCode, `${viewer.name} ${url}`).toBeLessThan(500);
        if (response.statusCode !== 200) continue;
        answered += 1;
        const found = leaksIn(await textOf(response));
        if (found.length > 0) leaks.push(`${viewer.name} GET ${url}: ${found.join('、')}`);
      }
    }
    expect(leaks).toEqual([]);
    // The walk reached the records: the county's complaints, ledger and export, the discipline body's referral.
    expect(answered).toBeGreaterThan(200);
  }, 300_000);
});
