import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_ABSOLUTE_MS } from '../../app/auth/sessions.js';

export const SESSION_COOKIE = 'gridvax_session';

/**
 * The session cookie: out of reach of scripts (HttpOnly), never sent by another site's page
 * (SameSite=Strict), only over TLS when the server is reached over TLS (Secure; behind a TLS
 * proxy set GRIDVAX_TRUST_PROXY so the proxy's X-Forwarded-Proto is believed).
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}

export const sessionTokenOf = (request: FastifyRequest): string | undefined => {
  const value = request.cookies[SESSION_COOKIE];
  return value === undefined || value === '' ? undefined : value;
};
