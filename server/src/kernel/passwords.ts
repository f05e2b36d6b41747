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

/** The password rule: 8–128 characters with at least one letter and one digit. */
export function assertPasswordPolicy(password: string, field = 'newPassword'): void {
  const isLongEnough = password.length >= 8 && password.length <= 128;
  const hasLetter = /[A-Za-z]/.test(password);
  const hasDigit = /[0-9]/.test(password);
  if (!isLongEnough || !hasLetter || !hasDigit) {
    throw new AppError('VALIDATION_FAILED', '新密码须为 8–128 位，且同时包含字母和数字', {
      fields: [{ field, message: '新密码须为 8–128 位，且同时包含字母和数字' }],
    });
  }
}
