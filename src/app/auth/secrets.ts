import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random secret: 32 bytes, base64url (43 characters), with a prefix saying what it is. */
export const newSecret = (prefix = ''): string => `${prefix}${randomBytes(32).toString('base64url')}`;

/** What the database keeps of a secret: its SHA-256, hex. The secret itself is never stored. */
export const secretHash = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** Equal, compared in constant time (a mismatch takes as long wherever it is). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
