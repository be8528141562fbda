import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scheduleOf } from '../../app/schedule/scheduleOf.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import { calendarDate, campaignIdParam, errorResponses, placeCode } from '../schemas.js';

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

const unitScheduleRow = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  schedule: unitSchedule,
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
            'From task, done and deadline: the daily rate each unit needs; from the recent daily increments: the day it will actually finish. `atRisk` lists the child units that will miss the deadline.',
          params: z.object({ id: campaignIdParam, place: placeCode }),
          response: {
            200: z.object({
              today: calendarDate,
              deadline: calendarDate,
              unit: unitScheduleRow,
              children: z.array(unitScheduleRow),
              atRisk: z.array(unitScheduleRow),
            }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) =>
        scheduleOf(store, { campaignId: req.params.id, place: req.params.place, scope: scopeOf(req) }),
    );
  };
