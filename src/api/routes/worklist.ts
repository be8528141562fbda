import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { worklistOf } from '../../app/worklist/worklistOf.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import { bilingual, calendarDate, campaignIdParam, errorResponses, placeList, limit } from '../schemas.js';

const residentRef = z.union([z.number(), z.string()]);

const worklistItem = z.object({
  residentId: residentRef,
  idNumber: z.string().meta({ description: 'Masked, as 430321********123X' }),
  phone: z
    .string()
    .nullable()
    .meta({ description: 'In full: the grid member phones those away, or to remind' }),
  name: z.string(),
  birthDate: calendarDate,
  age: z.number().int(),
  sixtyPlus: z.boolean(),
  gridCode: z.string(),
  householdId: residentRef,
  status: z.enum(['open', 'unscreened', 'deferred', 'done', 'exempt', 'ineligible']),
  openReason: z.enum(['booked', 'refused', 'hesitant', 'away', 'not-found']).nullish(),
  followUpDate: calendarDate.nullish(),
  untilDate: calendarDate.nullish(),
  bookedDate: calendarDate.nullish(),
  lastVisitAt: z.string().nullish(),
  limitedMobility: z.boolean(),
  remote: z.boolean(),
  tier: z.number().int().min(1).max(5).meta({
    description:
      '1 60+ due or booked today/tomorrow · 2 follow-up due · 3 not yet screened · 4 open, later · 5 deferral ending soon',
  }),
  nextAction: z.object({
    code: z.enum([
      'visit',
      'follow-up',
      'remind-booking',
      'arrange-transport',
      'phone-away',
      'recheck-deferral',
    ]),
    label: bilingual,
  }),
  alsoAtDoor: z.array(residentRef).meta({ description: 'Others of the household on this worklist' }),
});

export const worklistRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    base.withTypeProvider<ZodTypeProvider>().get(
      '/campaigns/:id/worklist',
      {
        config: { permission: 'worklist.read' },
        schema: {
          tags: ['worklist'],
          summary: 'Today’s worklist of a grid member’s grids, in the order to work it',
          description:
            'Who to see today and what to do: 60+ residents due first, then follow-ups due, the unscreened, other open residents and deferrals about to end; household members together (`alsoAtDoor`). `grids` names grid codes, or a village code for all its grids.',
          params: z.object({ id: campaignIdParam }),
          querystring: z.object({ grids: placeList, limit: limit }),
          response: {
            200: z.object({ today: calendarDate, items: z.array(worklistItem) }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) =>
        worklistOf(store, {
          campaignId: req.params.id,
          grids: req.query.grids,
          limit: req.query.limit,
          scope: scopeOf(req),
        }),
    );
  };
