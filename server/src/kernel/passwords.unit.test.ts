import { describe, expect, it } from 'vitest';
import { assertPasswordPolicy, hashPassword, isPasswordCorrect } from './passwords.ts';

describe('password policy', () => {
  it.each(['Demo@2017', 'abcdefg1', 'Huizhou2017!'])('accepts %s', (password) => {
    expect(() => assertPasswordPolicy(password)).not.toThrow();
  });
  it.each(['short1', 'allletters', '12345678', 'x'.repeat(129) + '1'])('refuses %s with a Chinese reason', (password) => {
    expect(() => assertPasswordPolicy(password)).toThrow(/8–128 位/);
  });
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('Demo@2017');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await isPasswordCorrect(hash, 'Demo@2017')).toBe(true);
    expect(await isPasswordCorrect(hash, 'demo@2017')).toBe(false);
    expect(await isPasswordCorrect('not-a-hash', 'Demo@2017')).toBe(false);
  });
});
