import { describe, expect, it } from 'vitest';
import { maskName } from './privacy.ts';
import { maskNumbersInText, redactPersonalData } from './redaction.ts';

describe('redactPersonalData (R-I8: personal data never reaches the public pages)', () => {
  it.each([
    ['身份证号 441324199001011234 已核实', '身份证号 441324********1234 已核实'],
    ['证件 44132419900101123X。', '证件 441324********123X。'],
    ['旧证 441324900101123 作废', '旧证 441324*****1123 作废'],
    ['联系电话13812345678', '联系电话138****5678'],
    ['电话 138-1234-5678 或 +86 139 1234 5678', '电话 138****5678 或 139****5678'],
    ['办公室 0752-7771234', '办公室 0752*****34'],
    ['金额 12345678 元不变', '金额 12345678 元不变'],
    ['村民张三反映补助未到位', '村民张*反映补助未到位'],
    ['户主李四家住房未改造', '户主李*家住房未改造'],
    ['村支书黄大明挪用资金', '村支书黄**挪用资金'],
    ['群众反映强烈', '群众反映强烈'],
  ])('%s → %s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it('masks every known name, the longest first, wherever it stands', () => {
    expect(redactPersonalData('经核查，陈志强、陈志强之妻刘芳均未享受', ['陈志强', '刘芳', '陈志'])).toBe('经核查，陈**、陈**之妻刘*均未享受');
  });

  it('ignores one-character and blank names and characters that would break a pattern', () => {
    expect(redactPersonalData('王某某（a.b）', ['王', ' ', 'a.b'])).toBe('王某某（a**）');
  });

  it('is idempotent: redacting twice changes nothing more', () => {
    const once = redactPersonalData('村民张三13812345678，身份证441324199001011234', ['张三']);
    expect(redactPersonalData(once, ['张三'])).toBe(once);
    expect(once).not.toMatch(/张三|13812345678|199001011/);
  });

  it('masks names keeping the surname', () => {
    expect(maskName('欧阳修')).toBe('欧**');
    expect(maskName('李')).toBe('*');
  });
});

describe('maskNumbersInText: numbers that identify a person, however they are written', () => {
  it.each([
    ['电话139.1234.5678', '电话139****5678'],
    ['电话 139-1234-5678。', '电话 139****5678。'],
    ['电话１３９１２３４５６７８', '电话139****5678'],
    ['电话 １３９－１２３４－５６７８', '电话 139****5678'],
    ['手机 139 1234 5678 转', '手机 139****5678 转'],
    ['（0752）7771234', '（0752*****34'],
    ['身份证４４１３２４１９９００１０１１２３Ｘ', '身份证441324********123X'],
    ['卡号 6222 0212 3456 7890 123', '卡号 622202*********0123'],
    ['编号 12 138 1234 5678', '编号 12 138****5678'],
    ['13812345678 13912345678', '138****5678 139****5678'],
    ['2017.12.31 前完成 1,234.56 元', '2017.12.31 前完成 1,234.56 元'],
    ['2018-01-02 13:00 座谈', '2018-01-02 13:00 座谈'],
    ['第3组12户', '第3组12户'],
  ])('%s → %s', (input, expected) => {
    expect(maskNumbersInText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = maskNumbersInText('139.1234.5678 / 441324199001011234 / 0752-7771234');
    expect(maskNumbersInText(once)).toBe(once);
  });
});
