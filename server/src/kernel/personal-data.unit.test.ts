import { createCipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPersonalDataCipher } from './personal-data.ts';

const masterKey = Buffer.alloc(32, 9);

describe('personal-data cipher', () => {
  it('round-trips values and gives the documented layout: nonce (12) ‖ tag (16) ‖ cipher text', () => {
    const cipher = createPersonalDataCipher(masterKey);
    for (const plain of ['441322199001011234', '13812345678', '', '身份证号 X']) {
      const encoded = cipher.encrypt(plain);
      expect(cipher.decrypt(encoded)).toBe(plain);
      expect(Buffer.from(encoded, 'base64').length).toBe(28 + Buffer.byteLength(plain, 'utf8'));
    }
  });

  it('never reuses a nonce, also across the draws of the nonce pool', () => {
    const cipher = createPersonalDataCipher(masterKey);
    const nonces = new Set<string>();
    const count = 3 * 4096 + 17;
    for (let index = 0; index < count; index += 1) nonces.add(Buffer.from(cipher.encrypt('441322199001011234'), 'base64').subarray(0, 12).toString('hex'));
    expect(nonces.size).toBe(count);
  });

  it('decrypts values written the earlier way (fresh randomBytes nonce, concatenated buffers)', () => {
    const encryptionKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dukao personal data encryption', 32));
    const iv = randomBytes(12);
    const earlier = createCipheriv('aes-256-gcm', encryptionKey, iv);
    const body = Buffer.concat([earlier.update('13800001111', 'utf8'), earlier.final()]);
    const encoded = Buffer.concat([iv, earlier.getAuthTag(), body]).toString('base64');
    expect(createPersonalDataCipher(masterKey).decrypt(encoded)).toBe('13800001111');
  });

  it('keeps the lookup hash: HMAC-SHA-256 under the derived lookup key, base64url', () => {
    const hashKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dukao personal data lookup', 32));
    const expected = createHmac('sha256', hashKey).update('441322199001011234').digest('base64url');
    expect(createPersonalDataCipher(masterKey).lookupHash('441322199001011234')).toBe(expected);
  });

  it('rejects a tampered cipher text', () => {
    const cipher = createPersonalDataCipher(masterKey);
    const raw = Buffer.from(cipher.encrypt('441322199001011234'), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => cipher.decrypt(raw.toString('base64'))).toThrow();
  });
});
