import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appendAudit, type Actor, type AuditEntry } from '../../app/audit/appendAudit.js';
import { isGridvaxError } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import { STATE_CHANGING } from './csrf.js';

/** Who made a request and from where, as the audit log writes it. */
export function actorOf(request: FastifyRequest): Actor {
  return {
    userId: request.caller?.id ?? null,
    name: request.caller?.username ?? 'anonymous',
    origin: request.ip,
  };
}

/**
 * Appends a request's entry to the audit log. Written through the store's group commit, so a
 * burst of doses shares its commits with their audit entries instead of doubling the fsyncs.
 */
export async function auditRequest(store: Store, request: FastifyRequest, entry: AuditEntry): Promise<void> {
  const actor = actorOf(request);
  await store.write((trx) => appendAudit(trx, actor, entry));
  audited.add(request);
}

const audited = new WeakSet<FastifyRequest>();

/**
 * A signed-in user's write that was refused (no permission, no CSRF token, out of scope, a
 * rule), or any request refused for want of a right, is written down too: the attempts show in
 * the log, not only what succeeded. Anonymous requests are not (sign-in attempts are, by the
 * sign-in itself): a flood of them must not fill the log.
 */
export function installRefusalAudit(app: FastifyInstance, store: Store): void {
  app.addHook('onError', async (request, _reply, error) => {
    request.refusal = isGridvaxError(error) ? error.code : `http.${error.statusCode ?? 500}`;
  });
  app.addHook('onResponse', async (request, reply) => {
    if (!request.caller || reply.statusCode < 400) return;
    // Refused reads are not written (a mistyped place is no event), except a 403: a user
    // trying what the role may not (full ID numbers, another role's route) is worth knowing.
    if (!STATE_CHANGING.has(request.method) && reply.statusCode !== 403) return;
    if (audited.has(request)) return;
    await appendAudit(store.db, actorOf(request), {
      action: 'request.refused',
      entity: 'request',
      detail: {
        method: request.method,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        code: request.refusal,
      },
    }).catch((e: unknown) => request.log.error(e));
  });
}
