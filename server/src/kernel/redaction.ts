import { maskIdNumber, maskName, maskPhone } from './privacy.ts';

// A run of digits as people write them: ASCII or full-width, grouped by spaces, dots, dashes or brackets
// (138-1234-5678, 139.1234.5678, １３９ １２３４ ５６７８, (0752)1234567, +86 139…), and the X of a 身份证号.
const DIGIT = '0-9\\uFF10-\\uFF19';
const SEPARATOR = ' \\u00A0\\u3000.\\-\\uFF0D\\uFF0E\\u00B7\\u2010-\\u2014()\\uFF08\\uFF09/';
const NUMBER_RUN = new RegExp(`(?:[+\\uFF0B](?=[${DIGIT}]))?(?<![${DIGIT}])[${DIGIT}](?:[${SEPARATOR}]?[${DIGIT}])*(?:[Xx\\uFF38\\uFF58](?![A-Za-z]))?`, 'gu');
const CHECK_LETTER = /[Xx\uFF38\uFF58]$/u;

function asciiDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 48));
}

/** How a number made of whole groups of a run is masked, or null when it is not personal data. */
function maskedNumber(digits: string, hasCheckLetter: boolean): string | null {
  if (hasCheckLetter) return digits.length === 17 ? maskIdNumber(`${digits}X`) : null;
  if (digits.length === 15 || (digits.length >= 16 && digits.length <= 19)) return maskIdNumber(digits);
  if (/^1[3-9]\d{9}$/.test(digits)) return maskPhone(digits);
  if (/^861[3-9]\d{9}$/.test(digits)) return maskPhone(digits.slice(2));
  if (/^0\d{9,11}$/.test(digits)) return `${digits.slice(0, 4)}${'*'.repeat(digits.length - 6)}${digits.slice(-2)}`;
  return null;
}

/**
 * 身份证号 (18 characters or the old 15 digits), bank-card numbers, mobile numbers and landlines with an area
 * code, in whatever way they are written, masked as the policy masks them: 441322********1234, 138****5678,
 * 0752*****34. A run of groups is read left to right, each number made of whole groups (编号 12 138 1234 5678
 * masks the phone and keeps the 12). Other numbers — amounts, dates, short codes — stay. Idempotent.
 */
export function maskNumbersInText(text: string): string {
  return text.replace(NUMBER_RUN, (run) => {
    const hasCheckLetter = CHECK_LETTER.test(run);
    // Groups of digits with the separators after them, kept so that what is not masked reads as written.
    const parts = [...(hasCheckLetter ? run.slice(0, -1) : run).matchAll(new RegExp(`([+\\uFF0B]?)([${DIGIT}]+)([${SEPARATOR}]?)`, 'gu'))].map((match) => ({
      prefix: match[1]!,
      digits: asciiDigits(match[2]!),
      raw: match[2]!,
      separator: match[3]!,
    }));
    let out = '';
    let isLetterUsed = false;
    for (let start = 0; start < parts.length; ) {
      let best: { end: number; masked: string; usesLetter: boolean } | null = null;
      let digits = '';
      for (let end = start; end < parts.length && digits.length < 19; end += 1) {
        digits += parts[end]!.digits;
        const withLetter = hasCheckLetter && end === parts.length - 1 ? maskedNumber(digits, true) : null;
        const masked = withLetter ?? maskedNumber(digits, false);
        if (masked) best = { end, masked, usesLetter: withLetter !== null };
      }
      if (best) {
        out += best.masked + (best.end === parts.length - 1 ? '' : parts[best.end]!.separator);
        isLetterUsed ||= best.usesLetter;
        start = best.end + 1;
      } else {
        const part = parts[start]!;
        out += part.prefix + part.raw + part.separator;
        start += 1;
      }
    }
    return hasCheckLetter && !isLetterUsed ? out + run.slice(-1) : out;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every occurrence of the given words, longest first, replaced by `mask(word)`. */
export function maskWords(text: string, words: readonly string[], mask: (word: string) => string): string {
  const unique = [...new Set(words.map((word) => word.trim()).filter((word) => [...word].length >= 2))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return text;
  return text.replace(new RegExp(unique.map(escapeRegExp).join('|'), 'gu'), (match) => mask(match));
}

// Common single-character surnames: a name right after a word that names a person's role is masked even when no list knows it.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤温古赖卓练巫利植';
// Characters that usually start the next word rather than end a given name (村民张三反映, 户主李四家).
const AFTER_NAME = new Set([...'反说称等在被向于和与的了是将已未家户均也都及因为从对把让不有无所']);

/** A name written right after one of `roleWords` (村民张三 → 村民张*), masked even when no list knows it. */
export function maskNamesAfterRoleWords(text: string, roleWords: readonly string[]): string {
  const pattern = new RegExp(`(${[...roleWords].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})([${SURNAMES}][\\u4e00-\\u9fa5])([\\u4e00-\\u9fa5]?)`, 'gu');
  // A following character that could continue a given name (村民张三反映) is kept when the name is two characters.
  return text.replace(pattern, (_match, role: string, start: string, next: string) =>
    next === '' || AFTER_NAME.has(next) ? `${role}${maskName(start)}${next}` : `${role}${maskName(start + next)}`,
  );
}

/** Words naming a person's role in the texts the public reads (督18 disclosures). */
export const PERSON_ROLE_WORDS = [
  '相对贫困户', '贫困户', '低保户', '五保户', '户主', '村民', '农户', '群众', '居民', '党员',
  '村支书', '支部书记', '书记', '村委会主任', '主任', '村长', '组长', '会计', '出纳', '村干部', '干部', '驻村干部',
  '第一书记', '帮扶责任人', '责任人', '举报人', '当事人', '申请人', '负责人', '镇长', '副镇长', '局长', '科长',
];

/**
 * Masks personal data in text meant for the public (R-I8): 身份证号 and phone numbers wherever and however
 * they are written, every known name (registry, roster, names the office adds), and a name that follows a
 * word naming a person's role (村民张三 → 村民张*). Idempotent.
 */
export function redactPersonalData(text: string, knownNames: readonly string[] = []): string {
  return maskNamesAfterRoleWords(maskWords(maskNumbersInText(text), knownNames, maskName), PERSON_ROLE_WORDS);
}
