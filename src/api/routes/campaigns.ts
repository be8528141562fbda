import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAMPAIGN_TARGETS, createCampaign } from '../../app/campaigns/createCampaign.js';
import { setTask } from '../../app/campaigns/setTask.js';
import type { UnitProgress } from '../../app/progress/unitProgress.js';
import { progressOf } from '../../app/progress/progressOf.js';
import { notFound } from '../../domain/errors.js';
import { checkTasks, DEFAULT_TASK_THRESHOLD, type TaskNode } from '../../domain/tasks.js';
import { findCampaign, listCampaigns, type CampaignRow } from '../../store/campaignQueries.js';
import type { Store } from '../../store/openStore.js';
import { campaignInScope, placeInScopeOrThrow, scopeOf, type Scope } from '../scope.js';
import { bilingual, calendarDate, campaignIdParam, errorResponses, placeCode } from '../schemas.js';

export const campaign = z.object({
  id: z.number().int(),
  name: z.string(),
  place: z.string().meta({ description: 'The unit that set it; it is handed down its subtree' }),
  target: z.enum(CAMPAIGN_TARGETS),
  minAge: z.number().int(),
  maxAge: z.number().int().nullable(),
  asOf: calendarDate.meta({ description: 'The day ages are measured on' }),
  start: calendarDate,
  deadline: calendarDate,
  createdAt: z.string(),
});

const campaignInput = z.object({
  name: z
    .string()
    .min(1)
    .max(200)
    .meta({ examples: ['第一剂次接种攻坚'] }),
  place: placeCode.optional().meta({ description: 'The unit that sets it (default: the only county)' }),
  target: z.enum(CAMPAIGN_TARGETS).meta({ description: 'What counts as done' }),
  minAge: z.number().int().min(0).max(120),
  maxAge: z.number().int().min(0).max(150).nullish(),
  asOf: calendarDate.meta({ description: 'The day ages are measured on' }),
  start: calendarDate.optional().meta({ description: 'First day (default: asOf)' }),
  deadline: calendarDate,
});

const taskFinding = z.object({
  code: z.enum(['children-sum-mismatch', 'task-far-from-eligible', 'missing-task', 'invalid-task']),
  unit: z.string(),
  message: bilingual,
  task: z.number().optional(),
  childrenSum: z.number().optional(),
  difference: z.number().optional(),
  eligible: z.number().optional(),
  ratio: z.number().nullable().optional(),
  parent: z.string().optional(),
});

/** The wire shape of a campaign: the names CampaignInput uses, not the table's. */
function campaignJson(c: CampaignRow): z.infer<typeof campaign> {
  return {
    id: Number(c.id),
    name: c.name,
    place: c.place_code,
    target: c.target,
    minAge: Number(c.min_age),
    maxAge: c.max_age === null ? null : Number(c.max_age),
    asOf: c.age_as_of,
    start: c.start_date,
    deadline: c.deadline,
    createdAt: c.created_at,
  };
}

const campaignNotFound = (id: number) =>
  notFound({
    code: 'campaign.not-found',
    field: 'campaign',
    message: { zh: `找不到接种任务 ${id}`, en: `no campaign ${id}` },
  });

/** The campaign, or not found (also when it is outside the caller's scope). */
async function campaignOrThrow(store: Store, id: number, scope: Scope): Promise<CampaignRow> {
  const c = await findCampaign(store.db, id);
  if (!c || !campaignInScope(scope, c.place_code)) throw campaignNotFound(id);
  return c;
}

function taskTree(p: UnitProgress): TaskNode {
  return {
    code: p.code,
    name: p.name,
    task: p.task,
    eligible: p.eligible,
    children: (p.children ?? []).map(taskTree),
  };
}

/** Deep enough to reach the grids from a province (province → city → county → … → grid). */
const WHOLE_TREE = 5;

export const campaignRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/campaigns',
      {
        schema: {
          tags: ['campaigns'],
          summary: 'Campaigns (接种任务), oldest first',
          response: { 200: z.object({ items: z.array(campaign) }), ...errorResponses() },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const rows = await listCampaigns(store.db);
        return { items: rows.filter((c) => campaignInScope(scope, c.place_code)).map(campaignJson) };
      },
    );

    app.post(
      '/campaigns',
      {
        schema: {
          tags: ['campaigns'],
          summary: 'Create a campaign and derive every resident’s status in it',
          description:
            'Age eligibility belongs to the campaign (18–59, 60+, 12–17 … changed over 2021). Every resident of the unit gets a status at once: creating a campaign on a large county takes seconds.',
          body: campaignInput,
          response: { 201: campaign, ...errorResponses(400, 404) },
        },
      },
      async (req, reply) => {
        if (req.body.place) placeInScopeOrThrow(scopeOf(req), req.body.place);
        const created = await createCampaign(store, req.body);
        return reply.status(201).send(campaignJson(created));
      },
    );

    app.get(
      '/campaigns/:id',
      {
        schema: {
          tags: ['campaigns'],
          summary: 'One campaign',
          params: z.object({ id: campaignIdParam }),
          response: { 200: campaign, ...errorResponses(400, 404) },
        },
      },
      async (req) => campaignJson(await campaignOrThrow(store, req.params.id, scopeOf(req))),
    );

    app.put(
      '/campaigns/:id/tasks/:place',
      {
        schema: {
          tags: ['campaigns'],
          summary: 'Set (or replace) the task number (任务数) of one unit',
          description:
            'Tasks are handed down county → township → village. Check them with `GET /campaigns/{id}/tasks/check` afterwards: a task far from the eligible count on the register cannot be completed, or lets completion pass 100%.',
          params: z.object({ id: campaignIdParam, place: placeCode }),
          body: z.object({ count: z.number().int().min(0) }),
          response: {
            200: z.object({ campaignId: z.number().int(), place: z.string(), count: z.number().int() }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) => {
        const { id, place } = req.params;
        const scope = scopeOf(req);
        placeInScopeOrThrow(scope, place);
        await campaignOrThrow(store, id, scope);
        await setTask(store, id, place, req.body.count);
        return { campaignId: id, place, count: req.body.count };
      },
    );

    app.get(
      '/campaigns/:id/tasks/check',
      {
        schema: {
          tags: ['campaigns'],
          summary: 'Check the task numbers of a unit’s tree against the register',
          description:
            'Findings: `children-sum-mismatch` (units’ tasks do not add up to their parent’s), `task-far-from-eligible` (|task − eligible| ÷ eligible above the threshold), `missing-task` (siblings have one, this unit has none), `invalid-task`. An empty list means the tasks can be ranked by.',
          params: z.object({ id: campaignIdParam }),
          querystring: z.object({
            place: placeCode.optional().meta({ description: 'The unit to check (default: the campaign’s)' }),
            threshold: z.coerce
              .number()
              .min(0)
              .max(10)
              .optional()
              .meta({ description: `How far from eligible is reported (default ${DEFAULT_TASK_THRESHOLD})` }),
          }),
          response: {
            200: z.object({ place: z.string(), threshold: z.number(), findings: z.array(taskFinding) }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const c = await campaignOrThrow(store, req.params.id, scope);
        const place = req.query.place ?? c.place_code;
        placeInScopeOrThrow(scope, place);
        const threshold = req.query.threshold ?? DEFAULT_TASK_THRESHOLD;
        const tree = await progressOf(store, req.params.id, place, WHOLE_TREE);
        return { place, threshold, findings: checkTasks(taskTree(tree), { threshold }) };
      },
    );
  };
