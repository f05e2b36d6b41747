import { describe, expect, it } from 'vitest';
import { TITLE_LINE_WIDTH } from './documents.official.ts';
import { breakTitle, titleWidth } from './documents.title.ts';

describe('breakTitle (GB/T 9704 §7.3.3: 回行时词意完整，排列对称，长短适宜)', () => {
  it.each<[string, string[]]>([
    // The titles dukao writes, at the 二号 line of the 156 mm text block.
    ['关于对龙门县脱贫攻坚工作巡查情况的报告', ['关于对龙门县脱贫攻坚工作巡查情况的报告']],
    ['关于对龙门县脱贫攻坚工作开展综合督查情况的报告', ['关于对龙门县脱贫攻坚工作', '开展综合督查情况的报告']],
    ['关于龙门县脱贫攻坚巡查反馈问题限期整改的通知', ['关于龙门县脱贫攻坚巡查', '反馈问题限期整改的通知']],
    ['关于移交仲恺高新区脱贫攻坚巡查发现问题线索的函', ['关于移交仲恺高新区脱贫攻坚', '巡查发现问题线索的函']],
    ['关于2017年全市脱贫攻坚督查工作情况的报告', ['关于2017年全市脱贫攻坚', '督查工作情况的报告']],
    ['关于对惠州市交通运输局脱贫攻坚工作开展专项督查情况的报告', ['关于对惠州市交通运输局脱贫攻坚', '工作开展专项督查情况的报告']],
    // At punctuation when there is one near the middle.
    ['惠州市扶贫开发领导小组办公室，关于做好年度考核工作的通知', ['惠州市扶贫开发领导小组办公室，', '关于做好年度考核工作的通知']],
    // Three lines when two do not fit.
    [
      '关于对惠州市扶贫开发领导小组成员单位驻村工作队和第一书记履职情况开展专项督查的报告',
      ['关于对惠州市扶贫开发领导小组', '成员单位驻村工作队和第一书记', '履职情况开展专项督查的报告'],
    ],
  ])('%s', (title, lines) => {
    expect(breakTitle(title, TITLE_LINE_WIDTH)).toEqual(lines);
  });

  it('breaks before 的+文种 rather than leave the 文种 split (「…的报／告」)', () => {
    // 21 characters: one too many for a line. The old layout wrapped it as「…情况的报」/「告」.
    const title = '关于对博罗县脱贫攻坚工作巡查整改情况的报告';
    const lines = breakTitle(title, 20);
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => [...line].length >= 2)).toBe(true);
    expect(lines.at(-1)).toMatch(/报告$/);
    expect(lines.at(-1)).not.toBe('告');
  });

  it.each([
    '关于对龙门县脱贫攻坚工作开展综合督查情况的报告',
    '关于印发《惠州市新时期脱贫攻坚督查巡查工作办法》和《惠州市新时期脱贫攻坚成效考核办法》的通知',
    '关于对惠州市某某某某某某某某某某某某某某某某某某单位的函',
    '2017年度惠州市脱贫攻坚督查巡查工作总结（第二稿），请审阅',
  ])('keeps every line within the width, with two characters at least, and no line opening on a closing mark: %s', (title) => {
    for (const width of [12, 16, 20]) {
      const lines = breakTitle(title, width);
      expect(lines.join('')).toBe(title);
      for (const line of lines) {
        expect(titleWidth(line)).toBeLessThanOrEqual(width);
        expect([...line].length).toBeGreaterThanOrEqual(2);
        expect(line).not.toMatch(/^[，、；：。）》」”〕]/);
        expect(line).not.toMatch(/[（《「“〔]$/);
      }
    }
  });

  it('never splits a number from its 年, nor a word it knows', () => {
    const lines = breakTitle('关于做好2017年度惠州市脱贫攻坚成效考核工作的通知', 12);
    expect(lines.join('/')).not.toMatch(/20\/17|2017\/年|脱贫\/攻坚|成效\/考核|惠州\/市/);
  });

  it('returns a title that fits, or one it cannot break, as one line', () => {
    expect(breakTitle('  督查工作总结  ', 20)).toEqual(['督查工作总结']);
    expect(breakTitle('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)).toEqual(['ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789']);
  });
});
