import { maskIdNumber, maskPhone } from '../../kernel/personal-data.ts';

// 身份证号: 18 characters (17 digits and a digit or X), or the old 15-digit form; never part of a longer number.
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
// Mobile numbers, optionally written 138-1234-5678 / 138 1234 5678 / +86 138…
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)/g;
// Landlines with an area code: 0752-1234567, (0752)12345678, 0752 1234567.
const LANDLINE = /(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3})[- ]?\d{7,8}(?!\d)/g;

// Common single-character surnames: a name right after a word that names a person's role is masked even when no list knows it.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤温古赖卓练巫利植';
const ROLE_WORDS = [
  '相对贫困户', '贫困户', '低保户', '五保户', '户主', '村民', '农户', '群众', '居民', '党员',
  '村支书', '支部书记', '书记', '村委会主任', '主任', '村长', '组长', '会计', '出纳', '村干部', '干部', '驻村干部',
  '第一书记', '帮扶责任人', '责任人', '举报人', '当事人', '申请人', '负责人', '镇长', '副镇长', '局长', '科长',
];
const NAME_AFTER_ROLE = new RegExp(`(${ROLE_WORDS.sort((a, b) => b.length - a.length).join('|')})([${SURNAMES}][\\u4e00-\\u9fa5])([\\u4e00-\\u9fa5]?)`, 'gu');
// Characters that usually start the next word rather than end a given name (村民张三反映, 户主李四家).
const AFTER_NAME = new Set([...'反说称等在被向于和与的了是将已未家户均也都及因为从对把让不有无所']);

/** 张三丰 → 张**: the surname stays so the text still reads, the given name goes. */
export function maskName(name: string): string {
  const characters = [...name];
  return characters.length <= 1 ? '*' : `${characters[0]}${'*'.repeat(characters.length - 1)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Masks personal data in text meant for the public (R-I8): 身份证号 and phone numbers wherever
 * they occur, every known name (registry, roster, names the office adds), and a name that
 * follows a word naming a person's role (村民张三 → 村民张*). Idempotent.
 */
export function redactPersonalData(text: string, knownNames: readonly string[] = []): string {
  let result = text
    .replace(ID_NUMBER, (match) => maskIdNumber(match))
    .replace(MOBILE, (match) => {
      const digits = match.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
      return maskPhone(digits);
    })
    .replace(LANDLINE, (match) => {
      const digits = match.replace(/\D/g, '');
      return `${digits.slice(0, 4)}${'*'.repeat(Math.max(0, digits.length - 6))}${digits.slice(-2)}`;
    });
  const names = [...new Set(knownNames.map((name) => name.trim()).filter((name) => [...name].length >= 2))].sort((a, b) => b.length - a.length);
  if (names.length > 0) {
    result = result.replace(new RegExp(names.map(escapeRegExp).join('|'), 'gu'), (match) => maskName(match));
  }
  // A following character that could continue a given name (村民张三反映) is kept when the name is two characters.
  return result.replace(NAME_AFTER_ROLE, (_match, role: string, start: string, next: string) =>
    next === '' || AFTER_NAME.has(next) ? `${role}${maskName(start)}${next}` : `${role}${maskName(start + next)}`,
  );
}
