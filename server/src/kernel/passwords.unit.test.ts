import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { assertPasswordPolicy, generateOneTimePassword, hashPassword, isPasswordCorrect, knownWeakPasswords, passwordPolicyFailures } from './passwords.ts';

function refusal(password: string, username?: string): AppError {
  try {
    assertPasswordPolicy(password, username === undefined ? {} : { username });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${password} was accepted`);
}

describe('password policy', () => {
  it.each([
    ['Huizhou2017!x', undefined],
    ['Better2026pw', undefined],
    ['huizhou fupin 2017', undefined],
    ['Zk#fu-pin-ban', 'huidong'],
    ['ab-Demo-2018x', 'ab'],
  ])('accepts %s', (password, username) => {
    expect(passwordPolicyFailures(password, username)).toEqual([]);
    expect(() => assertPasswordPolicy(password, username === undefined ? {} : { username })).not.toThrow();
  });

  it.each([
    ['Ab1!', '长度不足 10 位'],
    ['abcdefghij1', '现缺少大写字母、符号'],
    ['ALLUPPERCASELETTERS', '现缺少小写字母、数字、符号'],
    ['Aa1!'.repeat(33), '长度超过 128 位'],
    ['Password@123', '常见或默认密码'],
    ['aA123456789', '常见或默认密码'],
  ])('refuses %s, naming the rule (%s)', (password, reason) => {
    const error = refusal(password);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('新密码（newPassword）不符合密码规则');
    expect(error.message).toContain(reason);
    expect(error.details).toMatchObject({ fields: [{ field: 'newPassword' }], rule: 'password_policy' });
  });

  it('refuses a password containing the username, whatever the case', () => {
    expect(refusal('Huidong#2026x', 'huidong').message).toContain('不得包含用户名「huidong」');
  });

  it('refuses every password of the known list, including the demo password', () => {
    for (const password of knownWeakPasswords) expect(passwordPolicyFailures(password).length, password).toBeGreaterThan(0);
    expect(refusal('Demo@2017').message).toContain('常见或默认密码');
  });

  it('names another field when told', () => {
    expect(() => assertPasswordPolicy('short', { field: 'password', label: '密码' })).toThrow(/^密码（password）不符合密码规则/);
  });

  it('generates one-time passwords that satisfy the rule and differ each time', () => {
    const passwords = Array.from({ length: 200 }, () => generateOneTimePassword('admin'));
    for (const password of passwords) {
      expect(password).toHaveLength(16);
      expect(passwordPolicyFailures(password, 'admin')).toEqual([]);
      expect(password).not.toMatch(/[0O1lI]/);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('Demo@2017');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await isPasswordCorrect(hash, 'Demo@2017')).toBe(true);
    expect(await isPasswordCorrect(hash, 'demo@2017')).toBe(false);
    expect(await isPasswordCorrect('not-a-hash', 'Demo@2017')).toBe(false);
  });
});
