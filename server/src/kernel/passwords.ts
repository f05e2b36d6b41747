import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from './errors.ts';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const argon2Options = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** An argon2id hash with its own salt and parameters encoded in the string. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function isPasswordCorrect(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * The password rule, in one place. Length does most of the work; three of four character classes
 * (rather than all four) keeps passphrases such as "huizhou Fupin 2017" usable without a symbol.
 */
export const passwordRule = {
  minLength: 10,
  maxLength: 128,
  minCharacterClasses: 3,
  /** A username shorter than this is not looked for inside the password (two letters occur by chance). */
  minUsernameLengthToCheck: 3,
} as const;

/**
 * Passwords refused whatever their form: the system's own demo password, and the defaults and
 * common passwords Chinese offices are known to use. Compared without regard to case.
 */
export const knownWeakPasswords: readonly string[] = [
  'Demo@2017',
  '12345678',
  '123456789',
  '1234567890',
  '88888888',
  '11111111',
  'password',
  'password1',
  'password123',
  'Password@123',
  'P@ssw0rd',
  'P@ssw0rd123',
  'admin123',
  'admin@123',
  'Admin@12345',
  'Aa123456',
  'Aa123456789',
  'Abc@123456',
  'abc123456',
  'Qwerty@123',
  'qwertyuiop',
  '1qaz2wsx',
  '1qaz@WSX3edc',
  '1qaz2wsx3edc',
  'a123456789',
  'woaini1314',
  'Huizhou@2017',
  'Huizhou2017',
  'Hzfp@2017',
];

const weakPasswordSet = new Set(knownWeakPasswords.map((password) => password.toLowerCase()));

const characterClasses = [
  { name: '大写字母', pattern: /[A-Z]/ },
  { name: '小写字母', pattern: /[a-z]/ },
  { name: '数字', pattern: /[0-9]/ },
  { name: '符号', pattern: /[^A-Za-z0-9]/ },
] as const;

/** The rule as one sentence, for forms and messages. */
export const passwordRuleText = `至少 ${passwordRule.minLength} 位，包含大写字母、小写字母、数字、符号中的至少 ${passwordRule.minCharacterClasses} 类，不得包含用户名，不得使用常见或默认密码`;

/** Which parts of the rule a password breaks, in Chinese; empty when it satisfies the rule. */
export function passwordPolicyFailures(password: string, username?: string): string[] {
  const failures: string[] = [];
  if (password.length < passwordRule.minLength) failures.push(`长度不足 ${passwordRule.minLength} 位（现为 ${password.length} 位）`);
  if (password.length > passwordRule.maxLength) failures.push(`长度超过 ${passwordRule.maxLength} 位`);
  const present = characterClasses.filter((characterClass) => characterClass.pattern.test(password));
  if (present.length < passwordRule.minCharacterClasses) {
    const missing = characterClasses.filter((characterClass) => !present.includes(characterClass)).map((characterClass) => characterClass.name);
    failures.push(`须包含大写字母、小写字母、数字、符号中的至少 ${passwordRule.minCharacterClasses} 类（现缺少${missing.join('、')}）`);
  }
  const lowered = password.toLowerCase();
  if (username && username.length >= passwordRule.minUsernameLengthToCheck && lowered.includes(username.toLowerCase())) {
    failures.push(`不得包含用户名「${username}」`);
  }
  if (weakPasswordSet.has(lowered)) failures.push('是常见或默认密码，容易被猜中');
  return failures;
}

/**
 * Refuses a password a person chose unless it satisfies the rule; the VALIDATION_FAILED message
 * names the field and every part of the rule it breaks.
 */
export function assertPasswordPolicy(password: string, options: { field?: string; label?: string; username?: string } = {}): void {
  const { field = 'newPassword', label = '新密码', username } = options;
  const failures = passwordPolicyFailures(password, username);
  if (failures.length === 0) return;
  const message = `${label}（${field}）不符合密码规则：${failures.join('；')}。规则：${passwordRuleText}`;
  throw new AppError('VALIDATION_FAILED', message, { fields: [{ field, message: failures.join('；') }], rule: 'password_policy' });
}

// No 0/O, 1/l/I: a one-time password is read off a screen and typed by hand.
const oneTimeAlphabets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%*+-=?'] as const;
const ONE_TIME_PASSWORD_LENGTH = 16;

/**
 * A random one-time password (16 characters from the CSPRNG, every character class present) that
 * satisfies the password rule for this username.
 */
export function generateOneTimePassword(username?: string): string {
  const all = oneTimeAlphabets.join('');
  for (;;) {
    const characters = oneTimeAlphabets.map((alphabet) => alphabet[randomInt(alphabet.length)]!);
    while (characters.length < ONE_TIME_PASSWORD_LENGTH) characters.push(all[randomInt(all.length)]!);
    // Fisher–Yates, so the guaranteed classes are not always in front.
    for (let index = characters.length - 1; index > 0; index -= 1) {
      const other = randomInt(index + 1);
      [characters[index], characters[other]] = [characters[other]!, characters[index]!];
    }
    const password = characters.join('');
    if (passwordPolicyFailures(password, username).length === 0) return password;
  }
}
