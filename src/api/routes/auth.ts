import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { endSession } from '../../app/auth/sessions.js';
import type { SignedInUser } from '../../app/auth/signedInUser.js';
import { signIn } from '../../app/auth/signIn.js';
import { ROLE_RIGHTS, ROLES } from '../../domain/roles.js';
import type { Store } from '../../store/openStore.js';
import { auditRequest } from '../auth/auditRequest.js';
import { callerOf } from '../auth/authenticate.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from '../auth/cookies.js';
import { errorResponses } from '../schemas.js';

const userJson = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  places: z.array(z.string()).meta({ description: 'The places the user sees (each with its subtree)' }),
  permissions: z.array(z.string()).meta({ description: 'What the role may do (src/domain/roles.ts)' }),
});

const signedIn = z.object({
  user: userJson,
  csrfToken: z.string().nullable().meta({
    description: 'Send it back in `X-CSRF-Token` with every POST/PUT/DELETE; null for an API token',
  }),
});

const toJson = (u: SignedInUser): z.infer<typeof userJson> => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  places: u.places,
  permissions: [...(ROLE_RIGHTS[u.role]?.permissions ?? [])],
});

export const authRoutes =
  (store: Store, clock: () => Date): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/auth/login',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Sign in: starts a session (cookie) and answers the CSRF token',
          description:
            'Sets the `gridvax_session` cookie (HttpOnly, SameSite=Strict, Secure over HTTPS); a session ends after 2 h idle or 12 h in all. A session cookie the browser already had is ended, never reused. Wrong username or password: 401 `auth.failed` (the same for both). After 5 failures in 15 minutes for a username (20 from one address), sign-in is locked: 429 `auth.locked`. Every attempt is written to the audit log. Scripts use an API token instead (`gridvax users token`).',
          body: z.object({
            username: z.string().min(1).max(100),
            password: z.string().min(1).max(200),
          }),
          response: { 200: signedIn, ...errorResponses(400, 401, 429) },
        },
      },
      async (req, reply) => {
        const previous = sessionTokenOf(req);
        const s = await signIn(store, {
          username: req.body.username,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          ...(previous === undefined ? {} : { previousToken: previous }),
          now: clock(),
        });
        setSessionCookie(req, reply, s.token);
        return { user: toJson(s.user), csrfToken: s.csrfToken };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'Sign out: ends the session',
          response: { 200: z.object({ signedOut: z.literal(true) }), ...errorResponses(401, 403) },
        },
      },
      async (req, reply) => {
        const token = sessionTokenOf(req);
        if (callerOf(req).via === 'session' && token !== undefined) {
          await endSession(store, token);
          await auditRequest(store, req, { action: 'auth.logout', entity: 'session' });
        }
        clearSessionCookie(req, reply);
        return { signedOut: true as const };
      },
    );

    app.get(
      '/auth/me',
      {
        config: { permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'Who is signed in, with role, places, permissions and the CSRF token',
          response: { 200: signedIn, ...errorResponses(401) },
        },
      },
      async (req) => {
        const caller = callerOf(req);
        return { user: toJson(caller), csrfToken: caller.csrfToken ?? null };
      },
    );
  };
