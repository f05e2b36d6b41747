import type { Rank } from '../../db/schema.ts';
import { AppError } from '../../kernel/errors.ts';

/** Highest first: 厅级 > 处级 > 科级 > 其他 (R-O4). */
const rankOrder: readonly Rank[] = ['bureau', 'division', 'section', 'other'];
const rankNames: Record<Rank, string> = { bureau: '厅级', division: '处级', section: '科级', other: '其他' };

export type TeamCandidate = {
  id: number;
  name: string;
  rank: Rank;
  unitName: string;
  homeRegionName: string | null;
  homeCountyCode: string | null;
  unitRegionName: string | null;
  unitCountyCode: string | null;
};

export type InspectedCounty = { countyCode: string; countyName: string; assessmentUnitName: string };

/** True when `rank` is `minimum` or higher. */
export function isRankAtLeast(rank: Rank, minimum: Rank): boolean {
  return rankOrder.indexOf(rank) <= rankOrder.indexOf(minimum);
}

/** 督14: the inspection team is led by a cadre of the minimum rank (处级 in 2017; the year's parameter) or above; refuses anyone below, naming the article. */
export function assertLeaderRank(leader: Pick<TeamCandidate, 'id' | 'name' | 'rank'>, minimum: Rank): void {
  if (isRankAtLeast(leader.rank, minimum)) return;
  throw new AppError(
    'RULE_VIOLATION',
    `根据《督查巡查办法》第十四条，巡查组组长须由${rankNames[minimum]}以上领导干部担任：${leader.name}的职级为${rankNames[leader.rank]}，不能担任组长`,
    { rule: '督14', field: 'leaderId', personId: leader.id, rank: leader.rank, minimumRank: minimum },
  );
}

/**
 * 督5 (交叉督查): nobody whose home region or whose unit lies in the inspected (or supervised)
 * county may sit on its team; refuses such a person, naming the article and the place.
 */
export function assertNoHomeCountyConflict(person: TeamCandidate, inspected: InspectedCounty, activity: '巡查' | '督查' = '巡查'): void {
  const conflicts: string[] = [];
  if (person.homeCountyCode === inspected.countyCode) conflicts.push(`籍贯地/户籍地（${person.homeRegionName ?? inspected.countyName}）`);
  if (person.unitCountyCode === inspected.countyCode) conflicts.push(`所在单位（${person.unitName}）`);
  if (conflicts.length === 0) return;
  throw new AppError(
    'RULE_VIOLATION',
    `根据《督查巡查办法》第五条（交叉督查），${person.name}的${conflicts.join('和')}位于被${activity}的${inspected.countyName}，不得参加对${inspected.assessmentUnitName}的${activity}`,
    { rule: '督5', personId: person.id, countyCode: inspected.countyCode },
  );
}
