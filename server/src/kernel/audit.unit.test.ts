import { describe, expect, it } from 'vitest';
import { canonicalJson } from './audit.ts';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: 1, x: [3, { d: 1, c: 2 }] } }, '{"z":{"x":[3,{"c":2,"d":1}],"y":1}}'],
    [{ a: undefined, b: null }, '{"b":null}'],
    [new Date('2017-04-06T00:00:00Z'), '"2017-04-06T00:00:00.000Z"'],
    ['惠扶〔2017〕5号', '"惠扶〔2017〕5号"'],
    [undefined, 'null'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ 县: '惠东', rank: 'division', n: 1.5 })).toBe(canonicalJson({ n: 1.5, rank: 'division', 县: '惠东' }));
  });
});
