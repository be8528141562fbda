import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearanceHistory } from '../../app/clearance/clearanceHistory.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import { bilingual, campaignIdParam, errorResponses, placeCode, queryFlag } from '../schemas.js';

const clearanceEntry = z.object({
  place: z.string(),
  at: z.string(),
  kind: z.enum(['cleared', 'reopened']),
  which: z.enum(['screening', 'task', 'double']),
  reason: z.string().nullable(),
  reasonLabel: bilingual.nullable(),
});

export const clearanceRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/campaigns/:id/clearance/:place',
      {
        config: { permission: 'progress.read' },
        schema: {
          tags: ['progress'],
          summary: 'When a unit cleared (排查清零 / 任务清零 / 双清零) and reopened, and why',
          params: z.object({ id: campaignIdParam, place: placeCode }),
          querystring: z.object({
            within: queryFlag.meta({ description: 'Also the units under it' }),
            limit: z.coerce.number().int().min(1).max(10_000).optional(),
          }),
          response: { 200: z.object({ items: z.array(clearanceEntry) }), ...errorResponses(400, 404) },
        },
      },
      async (req) => ({
        items: await clearanceHistory(store, {
          campaignId: req.params.id,
          place: req.params.place,
          withinUnits: req.query.within === true,
          scope: scopeOf(req),
          ...(req.query.limit ? { limit: req.query.limit } : {}),
        }),
      }),
    );
  };
