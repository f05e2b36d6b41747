// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence (odd for men), check character.

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';

/** The check character that the first 17 digits call for. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(first17[index]) * weights[index]!;
  return checkCharacters[sum % 11]!;
}

export type IdNumberFacts = { birthDate: string; sex: 'male' | 'female' };

/**
 * Checks a 身份证号 and returns its birth date and sex, or the reason (in Chinese) it is invalid.
 * `today` bounds the birth date (ISO yyyy-mm-dd).
 */
export function checkIdNumber(raw: string, today: string): IdNumberFacts | { reason: string } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { reason: '须为 18 位（前 17 位为数字，最后一位为数字或 X）' };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth) return { reason: `出生日期 ${birth} 不是有效日期` };
  if (birth < '1900-01-01' || birth > today) return { reason: `出生日期 ${birth} 超出合理范围` };
  const expected = idCheckCharacter(id.slice(0, 17));
  if (id[17] !== expected) return { reason: `校验码错误（应为 ${expected}）` };
  return { birthDate: birth, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}
