import type { FastifyRequest } from 'fastify';
import { sameSecret } from '../../app/auth/secrets.js';
import { forbidden } from '../../domain/errors.js';

export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change something: a cookie-authenticated one must prove it came from our page. */
export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The synchronizer-token pattern, per session: sign-in answers a random token (also at
 * GET /auth/me), the page sends it back in X-CSRF-Token, and it is compared in constant time
 * with the one stored with the session. Another site can make a browser send the cookie (were
 * SameSite ever bypassed) but cannot read the token. API tokens in an Authorization header are
 * never sent by a browser on its own, so they need no CSRF token.
 */
export function checkCsrf(request: FastifyRequest, expected: string): void {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !sameSecret(sent, expected)) {
    throw forbidden({
      code: 'auth.csrf',
      message: {
        zh: '缺少或错误的 X-CSRF-Token（登录时返回）',
        en: 'missing or wrong X-CSRF-Token (the sign-in answer gives it)',
      },
    });
  }
}
