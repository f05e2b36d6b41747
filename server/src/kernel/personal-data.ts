import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

/**
 * Encryption at rest for 身份证号 and phone numbers (R-R6): AES-256-GCM for the value, and a
 * keyed hash (HMAC-SHA-256) for exact lookup and duplicate checks without decrypting.
 */
export type PersonalDataCipher = {
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
  lookupHash(plain: string): string;
};

// Nonces are drawn from one random buffer of this many at a time: one call into the CSPRNG per 4,096 values
// instead of one per value (a bulk import encrypts millions). Each 12-byte slice is handed out once, never again.
const NONCES_PER_DRAW = 4096;
const NONCE_BYTES = 12;

export function createPersonalDataCipher(masterKey: Buffer): PersonalDataCipher {
  if (masterKey.length !== 32) throw new Error('personal-data key must be 32 bytes');
  const encryptionKey = createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dukao personal data encryption', 32)));
  const hashKey = createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dukao personal data lookup', 32)));
  let nonces = Buffer.alloc(0);
  let nextNonce = 0;
  const freshNonce = (): Buffer => {
    if (nextNonce + NONCE_BYTES > nonces.length) {
      nonces = randomBytes(NONCE_BYTES * NONCES_PER_DRAW);
      nextNonce = 0;
    }
    const nonce = nonces.subarray(nextNonce, nextNonce + NONCE_BYTES);
    nextNonce += NONCE_BYTES;
    return nonce;
  };
  return {
    encrypt(plain) {
      const iv = freshNonce();
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = cipher.update(plain, 'utf8');
      cipher.final();
      // nonce (12) ‖ tag (16) ‖ cipher text, written once into one buffer
      const out = Buffer.allocUnsafe(NONCE_BYTES + 16 + body.length);
      iv.copy(out, 0);
      cipher.getAuthTag().copy(out, NONCE_BYTES);
      body.copy(out, NONCE_BYTES + 16);
      return out.toString('base64');
    },
    decrypt(encoded) {
      const raw = Buffer.from(encoded, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    lookupHash(plain) {
      return createHmac('sha256', hashKey).update(plain).digest('base64url');
    },
  };
}

/** The configured key, or the key file under the data directory — created (mode 0600) on first use. */
export function loadPersonalDataKey(config: Pick<Config, 'dataKey' | 'dataDir'>): Buffer {
  if (config.dataKey) return Buffer.from(config.dataKey, 'base64');
  const keyFile = path.join(config.dataDir, 'keys', 'personal-data.key');
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64');
}
