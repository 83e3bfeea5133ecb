// User password hashes: scrypt (memory-hard), stored as
//   scrypt$<log2 N>$<r>$<p>$<salt base64url>$<key base64url>
// The same hashes are synced to stations so that users can log in offline.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const LOG2_N = 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 128 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolveKey, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => {
      if (error) reject(error);
      else resolveKey(key);
    });
  });
}

export async function hashPassword(password: string): Promise<string> {
  if (password.length < 8) throw new Error('A password must have at least 8 characters.');
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, { N: 2 ** LOG2_N, r: R, p: P, maxmem: MAX_MEMORY });
  return `scrypt$${LOG2_N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, logN, r, p, saltText, keyText] = parts;
  const log2n = Number(logN);
  if (!Number.isInteger(log2n) || log2n < 10 || log2n > 20) return false;
  const expected = Buffer.from(keyText ?? '', 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await scryptAsync(password, Buffer.from(saltText ?? '', 'base64url'), {
    N: 2 ** log2n,
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY,
  });
  return timingSafeEqual(key, expected);
}
