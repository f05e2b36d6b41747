import { describe, expect, it } from 'vitest';
import { generateHouseholds } from './registry.generate.ts';
import { defaultExitLineOf } from './registry.exit-criteria.ts';
import { givenNamesBySex } from './registry.names.ts';

const villages = [{ code: '441323113202', name: '黄沙村民委员会', townName: '高潭镇' }];

describe('generated names', () => {
  it('read as the sex the 身份证号 says: a woman is never given a man’s name, nor the other way round', () => {
    const members = [...generateHouseholds({ households: 400, seed: 3, year: 2017, withAnomalies: false, isForFile: false, villages, exitLineOf: defaultExitLineOf })].flatMap(
      (household) => household.members,
    );
    expect(members.length).toBeGreaterThan(600);
    const contradicting = members.filter((member) => !(givenNamesBySex[member.sex] as readonly string[]).some((given) => member.name.endsWith(given)));
    expect(contradicting).toEqual([]);
    // The 17th digit of the 身份证号 says the sex: odd for a man.
    expect(members.every((member) => (Number(member.idNumber[16]) % 2 === 1) === (member.sex === 'male'))).toBe(true);
  });
});
