import type { ErrorKind } from '../domain/errors.js';

/**
 * What a gridvax exit status means, so scripts can branch on it. Documented in the README;
 * change it only with the README.
 */
export const EXIT = {
  ok: 0,
  /** Something unexpected: a bug or an environment failure. */
  failure: 1,
  /** The command line itself was wrong (unknown option, missing argument). */
  usage: 2,
  invalidInput: 3,
  notFound: 4,
  conflict: 5,
  businessRule: 6,
  forbidden: 7,
  /** Not signed in (the API's 401; the CLI itself works on the database it is given). */
  unauthenticated: 8,
  /** Too many attempts (the API's 429). */
  rateLimited: 9,
} as const;

export function exitCodeOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid-input':
      return EXIT.invalidInput;
    case 'not-found':
      return EXIT.notFound;
    case 'conflict':
      return EXIT.conflict;
    case 'business-rule':
      return EXIT.businessRule;
    case 'forbidden':
      return EXIT.forbidden;
    case 'unauthenticated':
      return EXIT.unauthenticated;
    case 'rate-limited':
      return EXIT.rateLimited;
  }
}
