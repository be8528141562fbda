import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tokenUser } from '../../app/auth/apiTokens.js';
import { sessionUser } from '../../app/auth/sessions.js';
import type { SignedInUser } from '../../app/auth/signedInUser.js';
import { forbidden, unauthenticated } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import type { Store } from '../../store/openStore.js';
import { sessionTokenOf } from './cookies.js';
import { checkCsrf, STATE_CHANGING } from './csrf.js';
import { isDocsRoute } from './routeGuard.js';
import { auditRequest } from './auditRequest.js';

/**
 * Whether a request asks to see full ID and phone numbers: `unmasked=true` on any route (before
 * validation it is the text `true`, after it the boolean), or a route that always shows them.
 */
function wantsFullPii(request: FastifyRequest): boolean {
  if (request.routeOptions.config.pii === 'always') return true;
  const unmasked = (request.query as Record<string, unknown> | undefined)?.['unmasked'];
  return unmasked === 'true' || unmasked === true;
}

const notSignedIn = () =>
  unauthenticated({
    code: 'auth.required',
    message: {
      zh: '请先登录（POST /api/v1/auth/login），或使用 API 令牌（Authorization: Bearer …）',
      en: 'sign in first (POST /api/v1/auth/login), or send an API token (Authorization: Bearer …)',
    },
  });

/** The user behind a request: an API token in `Authorization: Bearer`, else the session cookie. */
async function resolveCaller(
  store: Store,
  request: FastifyRequest,
  now: Date,
): Promise<SignedInUser | undefined> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    // A request that names a token stands or falls by it: no falling back to a cookie.
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return m?.[1] ? tokenUser(store, m[1], now) : undefined;
  }
  const token = sessionTokenOf(request);
  return token === undefined ? undefined : sessionUser(store, token, now);
}

/**
 * Resolves the caller of every request before anything else is done with it (before the body
 * is parsed or validated: an anonymous request learns nothing but 401), then checks CSRF and
 * the route's declared permission. Out of scope is left to the app layer, which answers
 * "not found" (src/api/scope.ts hands it the caller's places).
 */
export function installAuthentication(app: FastifyInstance, store: Store, clock: () => Date): void {
  app.decorateRequest('caller', null);
  app.decorateRequest('refusal', null);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.permission;
    if (access === 'public') return;
    // No declared access: the Swagger UI's own routes, or no route at all (the 404 handler).
    if (access === undefined && (request.is404 || isDocsRoute(request.routeOptions.url))) return;
    const caller = await resolveCaller(store, request, clock());
    if (!caller) throw notSignedIn();
    request.caller = caller;
    if (caller.via === 'session' && STATE_CHANGING.has(request.method)) {
      checkCsrf(request, caller.csrfToken ?? '');
    }
    if (access !== 'signed-in' && (access === undefined || !can(caller.role, access))) {
      throw forbidden({
        code: 'auth.permission',
        message: {
          zh: `当前角色（${caller.role}）无权执行此操作`,
          en: `your role (${caller.role}) may not do this`,
        },
      });
    }
    if (wantsFullPii(request) && !can(caller.role, 'pii.unmask')) {
      throw forbidden({
        code: 'pii.forbidden',
        field: 'unmasked',
        message: {
          zh: `当前角色（${caller.role}）不能查看完整身份证号和电话`,
          en: `your role (${caller.role}) may not see full ID and phone numbers`,
        },
      });
    }
  });
  // Every full-PII view is written down before the data leaves (PIPL): who, when, from where,
  // and what was asked for (the route, its place and campaign, the page).
  app.addHook('preHandler', async (request) => {
    if (!request.caller || !wantsFullPii(request)) return;
    await auditRequest(store, request, {
      action: 'pii.view',
      entity: 'route',
      entityId: request.routeOptions.url ?? null,
      detail: { params: request.params ?? null, query: request.query ?? null },
    });
  });
}

/** The signed-in user of a request that passed authentication (a route that is not public). */
export function callerOf(request: FastifyRequest): SignedInUser {
  if (!request.caller) throw notSignedIn();
  return request.caller;
}
