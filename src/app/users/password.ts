import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { invalidInput } from '../../domain/errors.js';

/**
 * Passwords are stored as argon2id hashes (the library's default algorithm) with OWASP's
 * minimum parameters: 19 MiB of memory, 2 passes, 1 lane: about 20–50 ms a check, cheap for
 * one sign-in and ruinous for a guesser with a copy of the database.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw invalidInput({
      code: 'user.password',
      field: 'password',
      message: {
        zh: `密码长度应为 ${MIN_PASSWORD_LENGTH} 到 ${MAX_PASSWORD_LENGTH} 个字符`,
        en: `a password has ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
      },
    });
  }
  return hash(password, OPTIONS);
}

/** Checked against when there is no user, so that an unknown username takes as long to refuse. */
let dummy: Promise<string> | undefined;

/** Whether the password matches; a missing hash (no user, no password set) never does. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hash('gridvax: no such user', OPTIONS);
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** Letters and digits a person can read back without confusing 0/O or 1/l/I. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password to print once (20 characters: about 115 bits). */
export function generatePassword(length = 20): string {
  // 256 is not a multiple of the alphabet's size: bytes past the last whole multiple are
  // drawn again, so every character is equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit && out.length < length) out += ALPHABET[b % ALPHABET.length];
    }
  }
  return out;
}
