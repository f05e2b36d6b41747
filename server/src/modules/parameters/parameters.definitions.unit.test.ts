import { describe, expect, it } from 'vitest';
import { type ParameterDefinition, parameterDefaults, parameterDefinitions, parameterKeys } from './parameters.definitions.ts';

const definitionOf = (key: (typeof parameterKeys)[number]) => parameterDefinitions[key] as ParameterDefinition;

describe('the registry of the measures’ parameters', () => {
  it('holds each Huizhou 2017 default once, valid under its own rule, with its article and a quote', () => {
    for (const key of parameterKeys) {
      const definition = definitionOf(key);
      expect(definition.schema.safeParse(definition.defaultValue).success, key).toBe(true);
      expect(definition.article, key).toMatch(/^(督|考)\d+/);
      expect(definition.quote.length, key).toBeGreaterThan(5);
      expect(key, key).toMatch(/^[a-z][A-Za-z0-9]{1,63}$/);
    }
    expect(parameterDefaults).toMatchObject({
      inspectionRectificationMonths: 2,
      supervisionRectificationMonths: 1,
      complaintRectificationMonths: 2,
      overdueSupervisionDays: 1,
      overdueCityReportMonths: 1,
      inspectionLeaderMinimumRank: 'division',
      comprehensiveSupervisionsPerYear: 1,
      supervisionChecklistYear: null,
      inspectionChecklistYear: null,
    });
  });

  it.each([
    ['inspectionRectificationMonths', 1, true],
    ['inspectionRectificationMonths', 24, true],
    ['inspectionRectificationMonths', 0, false],
    ['inspectionRectificationMonths', 25, false],
    ['inspectionRectificationMonths', 1.5, false],
    ['inspectionRectificationMonths', '2', false],
    ['inspectionRectificationMonths', null, false],
    ['inspectionLeaderMinimumRank', 'bureau', true],
    ['inspectionLeaderMinimumRank', 'section', true],
    ['inspectionLeaderMinimumRank', 'other', false],
    ['supervisionChecklistYear', null, true],
    ['supervisionChecklistYear', 2017, true],
    ['supervisionChecklistYear', 2015, false],
    ['signalGraceDays', 0, true],
    ['signalLateSharePercent', 100, true],
    ['signalLateSharePercent', 0, false],
  ] as const)('%s = %s is %s', (key, value, isValid) => {
    const parsed = definitionOf(key).schema.safeParse(value);
    expect(parsed.success).toBe(isValid);
    if (!parsed.success) expect(parsed.error.issues[0]!.message).toMatch(/^须为/);
  });

  it('reads values as a person would', () => {
    expect(definitionOf('inspectionRectificationMonths').format(2)).toBe('2 个月');
    expect(definitionOf('inspectionLeaderMinimumRank').format('division')).toBe('处级以上');
    expect(definitionOf('inspectionChecklistYear').format(null)).toBe('自动');
    expect(definitionOf('inspectionChecklistYear').format(2018)).toBe('2018 年的清单');
    expect(definitionOf('signalLateSharePercent').format(50)).toBe('50 %');
  });
});
