import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit, MAX_AUDIT_LIMIT } from '../../app/audit/listAudit.js';
import type { Store } from '../../store/openStore.js';
import { errorResponses } from '../schemas.js';

const entry = z.object({
  id: z.number().int(),
  at: z.string().meta({ description: 'When, ISO UTC (the wall clock, not the demo’s pinned evening)' }),
  userId: z.number().int().nullable(),
  actor: z.string().meta({ description: 'Username (or the username tried, for a failed sign-in)' }),
  action: z.string().meta({ examples: ['visit.record', 'pii.view', 'auth.login-failed'] }),
  entity: z.string(),
  entityId: z.string().nullable(),
  detail: z.unknown().meta({ description: 'What was done or seen; `before`/`after` of changed fields' }),
  origin: z.string().nullable().meta({ description: 'The client’s IP address' }),
});

export const auditRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    base.withTypeProvider<ZodTypeProvider>().get(
      '/audit',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'The audit log (审计日志), newest first',
          description:
            'Every write through the API, every full-ID view (`pii.view`), every sign-in attempt and every refused write, with who, when, from where and what. Append-only: no API changes or deletes an entry, and the database refuses to. `from`/`to`: a day (midnight in Asia/Shanghai) or an instant; `to` is exclusive. `action` may end in `.*` (`auth.*`). Page with `before` = the answer’s `next`.',
          querystring: z.object({
            from: z.string().max(40).optional(),
            to: z.string().max(40).optional(),
            actor: z.string().max(100).optional(),
            action: z.string().max(100).optional(),
            before: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(MAX_AUDIT_LIMIT).optional(),
          }),
          response: {
            200: z.object({ items: z.array(entry), next: z.number().int().nullable() }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (req) => listAudit(store, req.query),
    );
  };
