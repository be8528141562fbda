import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { progressOf } from '../../app/progress/progressOf.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import { campaignIdParam, errorResponses, placeCode } from '../schemas.js';

/** Levels below a unit the answer may go: a province reaches its grids in five. */
export const MAX_PROGRESS_DEPTH = 5;

const unitFigures = z.object({
  code: z.string(),
  level: z.string(),
  name: z.string(),
  shortName: z.string(),
  task: z.number().int().nullable().meta({ description: 'Task number (任务数); null when none was set' }),
  residents: z.number().int(),
  eligible: z.number().int(),
  ineligible: z.number().int(),
  done: z.number().int(),
  exempt: z.number().int(),
  deferred: z.number().int(),
  open: z.number().int(),
  unscreened: z.number().int(),
  completion: z
    .number()
    .nullable()
    .meta({ description: 'done ÷ task (0.912 for 91.2%); not clamped; null without a task' }),
  todayIncrement: z.number().int(),
  sixtyPlus: z.object({
    eligible: z.number().int(),
    done: z.number().int(),
    coverage: z.number().nullable(),
  }),
  screeningCleared: z.boolean().meta({ description: '排查清零: nobody unscreened' }),
  taskCleared: z.boolean().meta({ description: '任务清零: nobody open' }),
  doubleCleared: z.boolean().meta({ description: '双清零' }),
  doubleClearedChildren: z.number().int(),
  childUnits: z.number().int(),
});

/**
 * The tree, spelled out to MAX_PROGRESS_DEPTH levels rather than as a recursive schema: a
 * recursive one would become a `$ref` into components the generated document does not carry.
 */
function progressTree(levels: number): z.ZodType {
  if (levels === 0) return unitFigures;
  return unitFigures.extend({ children: z.array(progressTree(levels - 1)).optional() });
}

export const unitProgress = unitFigures.extend({
  children: z
    .array(progressTree(MAX_PROGRESS_DEPTH - 1))
    .optional()
    .meta({ description: 'Child units, each of the same shape, down to `depth` levels' }),
});

export const progressRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    base.withTypeProvider<ZodTypeProvider>().get(
      '/campaigns/:id/progress/:place',
      {
        config: { permission: 'progress.read' },
        schema: {
          tags: ['progress'],
          summary: 'Progress of a unit in a campaign, with its child units',
          description:
            'Task, done, today’s increment, completion, 60+ coverage and double clearance (双清零) of the unit and of its children down to `depth` levels (default 1). A parent’s figures are the sums of its children’s. A deferral whose end has come counts as open again.',
          params: z.object({ id: campaignIdParam, place: placeCode }),
          querystring: z.object({
            depth: z.coerce.number().int().min(0).max(MAX_PROGRESS_DEPTH).optional(),
          }),
          response: { 200: unitProgress, ...errorResponses(400, 404) },
        },
      },
      async (req) => progressOf(store, req.params.id, req.params.place, req.query.depth ?? 1, scopeOf(req)),
    );
  };
