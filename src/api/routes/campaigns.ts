import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deriveCampaignTasks } from '../../app/campaigns/deriveCampaignTasks.js';
import { checkCampaignTasks } from '../../app/campaigns/checkCampaignTasks.js';
import { CAMPAIGN_TARGETS, createCampaign } from '../../app/campaigns/createCampaign.js';
import { listCampaigns } from '../../app/campaigns/listCampaigns.js';
import { requireCampaign } from '../../app/campaigns/requireCampaign.js';
import { setTask } from '../../app/campaigns/setTask.js';
import { DEFAULT_TASK_THRESHOLD } from '../../domain/tasks.js';
import type { CampaignRow } from '../../store/campaignQueries.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import { auditRequest } from '../auth/auditRequest.js';
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

export const campaignRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/campaigns',
      {
        config: { permission: 'campaigns.read' },
        schema: {
          tags: ['campaigns'],
          summary: 'Campaigns (接种任务), oldest first',
          response: { 200: z.object({ items: z.array(campaign) }), ...errorResponses() },
        },
      },
      async (req) => {
        const rows = await listCampaigns(store, { scope: scopeOf(req) });
        return { items: rows.map(campaignJson) };
      },
    );

    app.post(
      '/campaigns',
      {
        config: { permission: 'campaigns.write' },
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
        const created = await createCampaign(store, req.body, scopeOf(req));
        const json = campaignJson(created);
        await auditRequest(store, req, {
          action: 'campaign.create',
          entity: 'campaign',
          entityId: json.id,
          detail: { after: json },
        });
        return reply.status(201).send(json);
      },
    );

    app.get(
      '/campaigns/:id',
      {
        config: { permission: 'campaigns.read' },
        schema: {
          tags: ['campaigns'],
          summary: 'One campaign',
          params: z.object({ id: campaignIdParam }),
          response: { 200: campaign, ...errorResponses(400, 404) },
        },
      },
      async (req) => campaignJson(await requireCampaign(store, req.params.id, scopeOf(req))),
    );

    app.put(
      '/campaigns/:id/tasks/:place',
      {
        config: { permission: 'tasks.write' },
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
        const { before } = await setTask(store, id, place, req.body.count, scopeOf(req));
        await auditRequest(store, req, {
          action: 'task.set',
          entity: 'task',
          entityId: `${id}/${place}`,
          detail: { before: { count: before }, after: { count: req.body.count } },
        });
        return { campaignId: id, place, count: req.body.count };
      },
    );

    app.get(
      '/campaigns/:id/tasks/check',
      {
        config: { permission: 'progress.read' },
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
      async (req) =>
        checkCampaignTasks(store, {
          campaignId: req.params.id,
          place: req.query.place,
          threshold: req.query.threshold,
          scope: scopeOf(req),
        }),
    );

    app.post(
      '/campaigns/:id/tasks/derive',
      {
        config: { permission: 'tasks.write' },
        schema: {
          tags: ['campaigns'],
          summary: 'Derive task numbers from the eligible register, down to villages',
          description: 'Units that already have a task keep it unless `replace` is true.',
          params: z.object({ id: campaignIdParam }),
          body: z.object({ place: placeCode.optional(), replace: z.boolean().optional() }),
          response: {
            200: z.object({
              place: z.string(),
              set: z.number().int(),
              kept: z.number().int(),
              total: z.number().int().nullable(),
            }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) => {
        const derived = await deriveCampaignTasks(store, {
          campaignId: req.params.id,
          scope: scopeOf(req),
          replace: req.body.replace === true,
          ...(req.body.place ? { place: req.body.place } : {}),
        });
        await auditRequest(store, req, {
          action: 'task.derive',
          entity: 'campaign',
          entityId: req.params.id,
          detail: { ...derived, replace: req.body.replace === true },
        });
        return derived;
      },
    );
  };
