import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../store/openStore.js';
import { describePlace } from '../../app/places/describePlace.js';
import { scopeOf } from '../scope.js';

const counts = z.object({
  grids: z.number().int(),
  households: z.number().int(),
  residents: z.number().int(),
});
const placeSummary = z.object({
  code: z.string(),
  level: z.string(),
  name: z.string(),
  shortName: z.string(),
  parentCode: z.string().nullable(),
  counts,
});
const householdSummary = z.object({
  code: z.string(),
  level: z.literal('household'),
  name: z.string(),
  address: z.string(),
  residents: z.number().int(),
});
const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string(),
    field: z.string().optional(),
  }),
});

export const placeRoutes =
  (store: Store): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/places/:code',
      {
        config: { permission: 'places.read' },
        schema: {
          tags: ['places'],
          summary: 'A place with its children and their counts (households for a grid)',
          description:
            'County (6 digits), township (9), village or community (12) or grid (15). Counts are of active residents.',
          params: z.object({
            code: z.string().regex(/^\d{6}(\d{3}){0,3}$/, 'a 6-, 9-, 12- or 15-digit place code'),
          }),
          response: {
            200: placeSummary.extend({ children: z.array(z.union([placeSummary, householdSummary])) }),
            404: errorBody,
          },
        },
      },
      (req) => describePlace(store, req.params.code, scopeOf(req)),
    );
  };
