import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../store/openStore.js';
import { VERSION } from '../../version.js';

export const healthRoutes =
  (store: Store): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/healthz',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['health'],
          summary: 'Liveness: the server answers and its database answers',
          response: {
            200: z.object({
              status: z.literal('ok'),
              version: z.string(),
              database: z.string(),
              now: z.string(),
            }),
          },
        },
      },
      async () => {
        await store.db.selectFrom('settings').select('key').limit(1).execute();
        return {
          status: 'ok' as const,
          version: VERSION,
          database: store.dialect,
          now: store.now().toISOString(),
        };
      },
    );
  };
