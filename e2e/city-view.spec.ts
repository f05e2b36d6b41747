import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeneratedHouseholds } from '../server/src/modules/registry/registry.generated-output.ts';
import { generateHouseholds } from '../server/src/modules/registry/registry.generate.ts';
import { defaultExitLineOf } from '../server/src/modules/registry/registry.exit-criteria.ts';
import { huizhouVillages } from '../server/src/modules/registry/registry.villages.ts';
import { logIn, startSystem, type RunningSystem } from './support/system.ts';

const assessmentUnits = ['惠东县', '博罗县', '龙门县', '惠城区', '惠阳区', '大亚湾区', '仲恺高新区'];

async function signedIn(system: RunningSystem, username: string, displayName: string): Promise<Page> {
  const page = await system.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, username);
  await expect.poll(() => page.getByText(displayName).first().isVisible(), { timeout: 20_000 }).toBe(true);
  return page;
}

// How the city's leaders and its assessment units see the city's work (督11, 督12, 督17; 考2).
describe('the city’s view in Chromium', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
    const villages = await huizhouVillages();
    const households = generateHouseholds({ households: 600, seed: 11, year: 2017, withAnomalies: false, isForFile: false, villages, exitLineOf: defaultExitLineOf });
    await system.ctx.withRawSession(async (session) => {
      await session.query('BEGIN');
      await loadGeneratedHouseholds(session, system.ctx.personalData, households);
      await session.query('COMMIT');
    });
  });
  afterAll(() => system?.stop());

  it('市委/市政府 opens 督查计划, 群众举报 and 移交 from the menu, read-only', async () => {
    const leader = await signedIn(system, 'leader', '市领导（演示）');
    for (const [menu, heading] of [
      ['督查计划', '综合督查覆盖情况'],
      ['群众举报', '群众举报受理'],
      ['移交案件', '移交纪检监察、检察机关的案件'],
    ] as const) {
      await leader.getByRole('menuitem', { name: menu }).click();
      await expect.poll(() => leader.getByText(heading).first().isVisible(), { timeout: 15_000, message: menu }).toBe(true);
      expect(await leader.getByText('无权访问').count()).toBe(0);
    }
    await leader.getByRole('menuitem', { name: '督查计划' }).click();
    await expect.poll(() => leader.getByText('综合督查覆盖情况').first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await leader.getByRole('button', { name: '提出督查事项' }).count()).toBe(0);
    expect(await leader.getByRole('button', { name: '制定年度督查计划' }).count()).toBe(0);
    await leader.context().close();
  });

  it('指标概览 shows the 7 assessment units of 考2; a town’s liaison sees its town under its own name', async () => {
    const office = await signedIn(system, 'staff', '市扶贫办工作人员（演示）');
    await office.goto('/registry/summary');
    for (const unit of assessmentUnits) {
      await expect.poll(() => office.getByRole('cell', { name: unit, exact: true }).isVisible(), { timeout: 20_000, message: unit }).toBe(true);
    }
    await office.context().close();

    const town = await signedIn(system, 'gaotan', '惠东县高潭镇联络员（演示）');
    await town.goto('/registry/summary');
    await expect.poll(() => town.getByRole('cell', { name: '惠东县高潭镇', exact: true }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await town.getByRole('cell', { name: '惠东县', exact: true }).count()).toBe(0);
    await town.context().close();
  });

  it('人员: the demo roster has no 厅级 deputies in city bureaus; a 副局长 is 处级', async () => {
    const office = await signedIn(system, 'staff', '市扶贫办工作人员（演示）');
    await office.goto('/people?q=' + encodeURIComponent('副局长'));
    const rows = office.getByRole('row').filter({ hasText: '副局长' });
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(5);
    expect(await rows.filter({ hasText: '厅级' }).count()).toBe(0);
    expect(await rows.filter({ hasText: '处级' }).count()).toBe(await rows.count());
    await office.context().close();
  });
});
