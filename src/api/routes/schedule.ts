import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scheduleOf } from '../../app/schedule/scheduleOf.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import { bilingual, calendarDate, campaignIdParam, errorResponses, placeCode } from '../schemas.js';

const unitSchedule = z.object({
  task: z.number().int().nullable(),
  done: z.number().int(),
  remaining: z.number().int().nullable(),
  daysLeft: z.number().int(),
  overdue: z.boolean(),
  neededDailyRate: z.number().nullable().meta({ description: '⌈remaining ÷ daysLeft⌉' }),
  recentDailyRate: z.number().meta({ description: 'Mean daily increment over the recent window' }),
  recentDays: z.number().int(),
  projectedFinish: calendarDate.nullable(),
  status: z.enum(['done', 'on-track', 'at-risk', 'behind', 'no-task']),
  willMiss: z.boolean(),
  weeklyTargets: z.array(
    z.object({
      weekStart: calendarDate,
      weekEnd: calendarDate,
      days: z.number().int(),
      target: z.number().int(),
      cumulativeTarget: z.number().int(),
    }),
  ),
  capacity: z
    .object({ enough: z.boolean(), shortfall: z.number(), utilisation: z.number().nullable() })
    .nullable(),
});

const siteCapacity = {
  sites: z.number().int().meta({ description: 'Active sites (接种点) counted' }),
  daily: z.number().int().meta({ description: 'Their total daily capacity' }),
  needed: z.number().meta({ description: 'The needed daily rate (the whole remainder once overdue)' }),
  short: z.number().meta({ description: 'max(0, needed − daily): people a day the sites are short' }),
};

const unitScheduleRow = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  schedule: unitSchedule,
  siteCapacity: z
    .object({ ...siteCapacity, warning: bilingual.nullable() })
    .nullable()
    .meta({
      description:
        'A township’s (or the county’s) active sites against its needed daily rate, once the county keeps sites; null for villages, grids and units without a task',
    }),
});

export const scheduleRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    base.withTypeProvider<ZodTypeProvider>().get(
      '/campaigns/:id/schedule/:place',
      {
        config: { permission: 'progress.read' },
        schema: {
          tags: ['schedule'],
          summary: 'Backward scheduling (倒排工期) of a unit and its child units',
          description:
            'From task, done and deadline: the daily rate each unit needs; from the recent daily increments: the day it will actually finish. `atRisk` lists the child units that will miss the deadline; `capacityWarnings` the townships (and the county) whose needed daily rate exceeds their active sites’ daily capacity.',
          params: z.object({ id: campaignIdParam, place: placeCode }),
          response: {
            200: z.object({
              today: calendarDate,
              deadline: calendarDate,
              unit: unitScheduleRow,
              children: z.array(unitScheduleRow),
              atRisk: z.array(unitScheduleRow),
              capacityWarnings: z
                .array(z.object({ code: z.string(), name: z.string(), ...siteCapacity, warning: bilingual }))
                .meta({
                  description: 'The unit and child units whose need exceeds their sites’ daily capacity',
                }),
            }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) =>
        scheduleOf(store, { campaignId: req.params.id, place: req.params.place, scope: scopeOf(req) }),
    );
  };
