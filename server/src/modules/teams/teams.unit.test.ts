import { describe, expect, it } from 'vitest';
import type { Rank } from '../../db/schema.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertLeaderRank, assertNoHomeCountyConflict, isRankAtLeast, type TeamCandidate } from './teams.rules.ts';

const longmen = { countyCode: '441324', countyName: '龙门县', assessmentUnitName: '龙门县' };

function candidate(overrides: Partial<TeamCandidate> = {}): TeamCandidate {
  return {
    id: 1,
    name: '张三',
    rank: 'division',
    unitName: '惠州市财政局',
    homeRegionName: '惠东县',
    homeCountyCode: '441323',
    unitRegionName: null,
    unitCountyCode: null,
    ...overrides,
  };
}

describe('assertLeaderRank (督14)', () => {
  it.each<[Rank, boolean]>([
    ['bureau', true],
    ['division', true],
    ['section', false],
    ['other', false],
  ])('a %s leader is allowed: %s', (rank, allowed) => {
    expect(isRankAtLeast(rank, 'division')).toBe(allowed);
    const check = () => assertLeaderRank(candidate({ rank }), 'division');
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(/第十四条，巡查组组长须由处级以上领导干部担任/);
  });

  it('is a RULE_VIOLATION naming the person and the rank', () => {
    try {
      assertLeaderRank(candidate({ name: '李四', rank: 'section' }), 'division');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('RULE_VIOLATION');
      expect((error as AppError).message).toContain('李四的职级为科级');
    }
  });
});

describe('assertNoHomeCountyConflict (督5, 交叉督查)', () => {
  it.each<[string, Partial<TeamCandidate>, RegExp | null]>([
    ['home elsewhere, city unit', {}, null],
    ['no home region recorded', { homeCountyCode: null, homeRegionName: null }, null],
    ['home in a town of the county', { homeCountyCode: '441324', homeRegionName: '龙门县麻榨镇' }, /籍贯地\/户籍地（龙门县麻榨镇）位于被巡查的龙门县/],
    ['unit located in the county', { unitCountyCode: '441324', unitRegionName: '龙门县', unitName: '龙门县扶贫办' }, /所在单位（龙门县扶贫办）位于被巡查的龙门县/],
    ['both', { homeCountyCode: '441324', homeRegionName: '龙门县', unitCountyCode: '441324' }, /籍贯地\/户籍地（龙门县）和所在单位/],
  ])('%s', (_case, overrides, refusal) => {
    const check = () => assertNoHomeCountyConflict(candidate(overrides), longmen);
    if (refusal) expect(check).toThrow(refusal);
    else expect(check).not.toThrow();
  });
});
