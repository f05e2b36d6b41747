import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../server/src/kernel/clock.ts';
import { addCalendarMonths, todayInShanghai } from '../server/src/kernel/time.ts';
import { logIn, startSystem, type RunningSystem } from './support/system.ts';

type Person = { id: number; name: string; unitName: string; rank: string; rankLabel: string; homeRegionName: string | null };

const submit = /提\s*交/;

/** The text the person picker shows for a person (see personOptionLabel in the web app). */
function pickerLabel(person: Person): string {
  return `${person.name}（${person.unitName}，${person.rankLabel}，${person.homeRegionName ?? '—'}）`;
}

async function signedIn(system: RunningSystem, username: string): Promise<Page> {
  const page = await system.newPage();
  await logIn(page, username);
  await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 20_000, message: username }).toBe(true);
  return page;
}

async function visible(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await expect.poll(() => page.getByText(text).first().isVisible(), { timeout, message: String(text) }).toBe(true);
}

/** Types into a searchable select and takes the first matching option with Enter. */
async function choose(page: Page, label: string, text: string): Promise<void> {
  const box = page.getByRole('dialog').getByLabel(label, { exact: true });
  await box.click();
  await box.fill(text);
  // The options open in a pop-up outside the dialog; each carries its text as its title.
  await expect.poll(() => page.getByTitle(text, { exact: false }).first().isVisible(), { timeout: 15_000, message: text }).toBe(true);
  await box.press('Enter');
}

async function clickAction(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.getByRole('button', { name, exact: true }).isVisible(), { timeout: 15_000, message: name }).toBe(true);
  await page.getByRole('button', { name, exact: true }).click();
  await expect.poll(() => page.getByRole('dialog').isVisible(), { timeout: 10_000 }).toBe(true);
}

async function submitDialog(page: Page): Promise<void> {
  await page.getByRole('dialog').getByRole('button', { name: submit }).click();
}

describe('inspection golden path in Chromium (督13–18)', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  it('propose → approve → team (科级 leader refused, 处级 accepted) → finding → feedback → county rectifies → office verifies', async () => {
    const office = await signedIn(system, 'staff');

    // 1. The office proposes an inspection of 龙门县.
    await office.getByRole('menuitem', { name: '巡查' }).click();
    await office.getByRole('button', { name: '提出巡查' }).click();
    await choose(office, '被巡查县（区）', '龙门县');
    await office.getByRole('dialog').getByLabel('巡查名称').fill('2017年龙门县脱贫攻坚专项巡查');
    await office.getByRole('dialog').getByLabel('巡查事由').fill('群众反映部分村产业帮扶资金拨付迟缓');
    await submitDialog(office);
    await expect.poll(() => /\/inspections\/\d+$/.test(office.url()), { timeout: 15_000 }).toBe(true);
    const inspectionUrl = new URL(office.url()).pathname;
    await visible(office, '待市委市政府审批');

    // 2. The city leader approves it (督13).
    const leader = await signedIn(system, 'leader');
    // It waits on the leader: 我的待办 on the home page leads to the list of inspections awaiting approval.
    await visible(leader, '巡查：待市委市政府审批');
    await leader.getByRole('listitem').filter({ hasText: '巡查：待市委市政府审批' }).getByRole('button', { name: '去处理' }).click();
    await expect.poll(() => leader.url(), { timeout: 15_000 }).toContain('/inspections?status=proposed');
    await leader.goto(inspectionUrl);
    await clickAction(leader, '批准巡查');
    await submitDialog(leader);
    await visible(leader, '已批准（待组建巡查组）');

    // 3. Forming the team: a 科级 leader is refused with 第十四条, a 处级 leader is accepted.
    const people = ((await (await office.request.get('/api/people?pageSize=200')).json()) as { items: Person[] }).items;
    const outsideLongmen = (person: Person) => !(person.homeRegionName ?? '').includes('龙门') && !person.unitName.includes('龙门');
    const sectionChief = people.find((person) => person.rank === 'section' && outsideLongmen(person))!;
    const divisionChief = people.find((person) => person.rank === 'division' && outsideLongmen(person) && person.unitName.startsWith('惠州市'))!;
    const member = people.find((person) => person.rank === 'other' && outsideLongmen(person))!;
    // The demo team leader's account acts as the chosen 处级 leader.
    const teamLeaderAccount = await system.ctx.db
      .updateTable('users')
      .set({ person_id: divisionChief.id })
      .where('username', '=', 'teamleader')
      .returning('id')
      .executeTakeFirst();
    expect(teamLeaderAccount).toBeDefined();

    await office.reload();
    await clickAction(office, '组建巡查组');
    await choose(office, '组长', pickerLabel(sectionChief));
    await choose(office, '成员', pickerLabel(member));
    await office.keyboard.press('Escape');
    await submitDialog(office);
    await visible(office, '根据《督查巡查办法》第十四条，巡查组组长须由处级以上领导干部担任');
    await choose(office, '组长', pickerLabel(divisionChief));
    await submitDialog(office);
    await visible(office, '已组建巡查组');
    await visible(office, divisionChief.name);

    // 4. Field work starts and a finding is recorded (督15 category 2).
    await clickAction(office, '进驻开展实地巡查');
    await submitDialog(office);
    await visible(office, '实地巡查中');
    await clickAction(office, '记录发现问题');
    await choose(office, '责任清单事项', '15.2.5');
    await office.getByRole('dialog').getByLabel('问题描述').fill('龙潭镇产业帮扶资金拨付滞后半年');
    await submitDialog(office);
    await visible(office, '龙潭镇产业帮扶资金拨付滞后半年');

    // 5. The team leader submits the report, drafted from the records and findings.
    const teamLeader = await signedIn(system, 'teamleader');
    await teamLeader.goto(inspectionUrl);
    await clickAction(teamLeader, '提交巡查报告');
    await expect
      .poll(() => teamLeader.getByRole('dialog').getByLabel('巡查报告').inputValue(), { timeout: 15_000 })
      .toContain('龙潭镇产业帮扶资金拨付滞后半年');
    await submitDialog(teamLeader);
    await visible(teamLeader, '巡查报告已提交');

    // 6. The office feeds back today; the deadline is two calendar months later (督18).
    const today = todayInShanghai(systemClock);
    const deadline = addCalendarMonths(today, 2);
    await office.reload();
    // Every document the API offers is reachable from its page: the team's report as kept, the notice as a draft.
    const draftNotice = office.getByRole('link', { name: /整改通知书（草稿，DOCX）/ });
    await expect.poll(() => draftNotice.isVisible(), { timeout: 15_000 }).toBe(true);
    const draft = await office.request.get((await draftNotice.getAttribute('href'))!);
    expect(draft.status()).toBe(200);
    expect(draft.headers()['content-type']).toContain('officedocument.wordprocessingml');
    await visible(office, /下载巡查报告（DOCX）/);
    await clickAction(office, '反馈巡查情况');
    await expect.poll(() => office.getByRole('dialog').getByLabel('反馈日期').inputValue()).toBe(today);
    await office.getByRole('dialog').getByLabel('反馈意见').fill('请于两个月内完成整改并反馈');
    await submitDialog(office);
    await visible(office, `整改期限：${deadline}`);
    const sentNotice = office.getByRole('link', { name: /下载整改通知书（DOCX）/ });
    await expect.poll(() => sentNotice.isVisible(), { timeout: 15_000 }).toBe(true);
    expect((await office.request.get((await sentNotice.getAttribute('href'))!)).headers()['x-document-status']).toBe('issued');

    // 7. 龙门县 sees its problem with the deadline and reports its rectification.
    const longmen = await signedIn(system, 'longmen');
    await longmen.getByRole('menuitem', { name: '整改台账' }).click();
    await visible(longmen, '龙潭镇产业帮扶资金拨付滞后半年');
    await visible(longmen, deadline);
    await visible(longmen, /剩余 \d+ 天/);
    await clickAction(longmen, '报送整改情况');
    await longmen.getByRole('dialog').getByLabel('整改措施').fill('已将滞留资金全部拨付到户');
    await longmen.getByRole('dialog').getByLabel('整改佐证材料说明').fill('镇财政所拨付凭证、到户签收表');
    await submitDialog(longmen);
    await visible(longmen, '已报送整改情况（待核验）');

    // 8. The office verifies it: only now does it count as rectified.
    await office.getByRole('menuitem', { name: '整改台账' }).click();
    const exportLink = office.getByRole('link', { name: /导出台账（XLSX）/ });
    await expect.poll(() => exportLink.isVisible(), { timeout: 15_000 }).toBe(true);
    const workbook = await office.request.get((await exportLink.getAttribute('href'))!);
    expect(workbook.status()).toBe(200);
    expect(workbook.headers()['content-type']).toContain('spreadsheetml');
    await visible(office, '已报送整改情况（待核验）');
    // At 1440×900 the columns that decide what to do are in view without scrolling sideways.
    await office.setViewportSize({ width: 1440, height: 900 });
    for (const header of ['整改期限', '倒计时', '状态']) {
      const box = await office.getByRole('columnheader', { name: header, exact: true }).first().boundingBox();
      expect(box, header).not.toBeNull();
      expect(box!.x + box!.width, header).toBeLessThanOrEqual(1440);
    }
    const verifyBox = await office.getByRole('button', { name: '核验通过' }).first().boundingBox();
    expect(verifyBox!.x + verifyBox!.width).toBeLessThanOrEqual(1440);
    // Reported: the office's turn, with its age — not a countdown, never 已逾期.
    await visible(office, /待核验 · 已报送 \d+ 天/);
    expect(await office.getByText(/已逾期/).count()).toBe(0);
    await clickAction(office, '核验通过');
    await submitDialog(office);
    await visible(office, '已核验整改到位');
    await visible(office, '已整改到位');

    for (const page of [office, leader, teamLeader, longmen]) await page.context().close();
  });
});
