import { describe, expect, it } from 'vitest';
import { fixedClock } from './clock.ts';
import { addCalendarMonths, daysBetween, isIsoDate, todayInShanghai } from './time.ts';

describe('addCalendarMonths (R-X5: deadlines by calendar months)', () => {
  it.each<[string, number, string]>([
    ['2017-03-03', 2, '2017-05-03'],
    ['2017-12-31', 2, '2018-02-28'],
    ['2019-12-31', 2, '2020-02-29'],
    ['2017-12-30', 2, '2018-02-28'],
    ['2017-08-31', 2, '2017-10-31'],
    ['2017-07-31', 2, '2017-09-30'],
    ['2017-11-15', 2, '2018-01-15'],
    ['2016-02-29', 12, '2017-02-28'],
    ['2017-01-31', 1, '2017-02-28'],
    ['2017-05-03', -2, '2017-03-03'],
    ['2017-03-03', 0, '2017-03-03'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it.each(['2017-02-29', '2017-13-01', '17-03-03', '2017-3-3', ''])('refuses %j, which is not a calendar day', (date) => {
    expect(() => addCalendarMonths(date, 2)).toThrow(RangeError);
    expect(isIsoDate(date)).toBe(false);
  });

  it('refuses a fractional number of months', () => {
    expect(() => addCalendarMonths('2017-03-03', 1.5)).toThrow(RangeError);
  });
});

describe('todayInShanghai', () => {
  it.each<[string, string]>([
    // 16:00 UTC is already midnight in Beijing time.
    ['2017-03-02T15:59:59Z', '2017-03-02'],
    ['2017-03-02T16:00:00Z', '2017-03-03'],
    ['2017-12-31T16:30:00Z', '2018-01-01'],
  ])('%s is %s in Asia/Shanghai', (instant, expected) => {
    expect(todayInShanghai(fixedClock(new Date(instant)))).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each<[string, string, number]>([
    ['2017-03-03', '2017-05-03', 61],
    ['2017-05-03', '2017-03-03', -61],
    ['2017-12-31', '2018-02-28', 59],
    ['2017-05-03', '2017-05-03', 0],
  ])('%s → %s is %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});
