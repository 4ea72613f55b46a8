/**
 * Encryption at rest for personal data (mobile and ID numbers): AES-256-GCM with a key from
 * LIANXIN_SECRET or a key file made once in the data directory. Lookups go through a keyed
 * hash (HMAC-SHA-256) so an equal number can be found without decrypting every row.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Sealer {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** A stable keyed hash for equality lookups and unique keys. */
  hash(plain: string): string;
}

/** Builds the sealer from a secret string. */
export function makeSealer(secret: string): Sealer {
  const encKey = createHash('sha256').update(`lianxin:enc:${secret}`).digest();
  const macKey = createHash('sha256').update(`lianxin:mac:${secret}`).digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    hash(plain) {
      return createHmac('sha256', macKey).update(plain).digest('base64url');
    },
  };
}

/** The secret: the configured one, or a random key kept in `<dataDir>/secret.key` (mode 0600). */
export function loadSecret(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
