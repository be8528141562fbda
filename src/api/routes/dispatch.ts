import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acknowledgeOrder, completeOrder } from '../../app/dispatch/answerOrder.js';
import { issueOrder } from '../../app/dispatch/issueOrder.js';
import { MAX_ORDERS, ordersOf } from '../../app/dispatch/ordersOf.js';
import { showOrder } from '../../app/dispatch/orderView.js';
import { broadcastsOf, setBroadcasts } from '../../app/notices/broadcasts.js';
import { publicLeaders } from '../../app/notices/leaders.js';
import { clearVillageNoticeEdit, editVillageNotice, villageNotice } from '../../app/notices/villageNotice.js';
import { NOTE_MAX, TARGET_STATES, TEXT_MAX, TITLE_MAX } from '../../domain/dispatchOrder.js';
import { MAX_BROADCASTS, NOTICE_TEXT_MAX, PUBLIC_ROLES } from '../../domain/villageNotice.js';
import type { Store } from '../../store/openStore.js';
import { auditRequest } from '../auth/auditRequest.js';
import { callerOf } from '../auth/authenticate.js';
import { scopeOf } from '../scope.js';
import { bilingual, calendarDate, campaignIdParam, errorResponses, instant, placeCode } from '../schemas.js';

const TAG = 'dispatch';

const unit = z.object({
  code: z.string(),
  name: z.string().meta({ description: 'Official name (锦石村委会)' }),
  shortName: z.string().meta({ description: 'What officials write (锦石村)' }),
});

const targetState = z.enum(TARGET_STATES).meta({
  description:
    '`issued` (not yet acknowledged), `acknowledged` (签收), `completed` (办结 by the deadline), `completed-late`, `overdue` (past the deadline, not completed)',
});

const orderTarget = z.object({
  orderId: z.number().int(),
  unit,
  state: targetState,
  stateLabel: bilingual,
  acknowledged: z.boolean().meta({ description: 'Acknowledged (a completion acknowledges too)' }),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  note: z.string().nullable().meta({ description: 'What the unit reported done' }),
  minutesLate: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'Overdue: minutes since the deadline; completed late: by how much; else null' }),
});

const order = z.object({
  id: z.number().int(),
  issuer: unit,
  title: z.string(),
  text: z.string(),
  issuedAt: z.string(),
  deadline: z.string().meta({ description: 'ISO UTC instant' }),
  issuedBy: z.string(),
  campaignId: z.number().int().nullable(),
  counts: z
    .object({
      targets: z.number().int(),
      acknowledged: z.number().int(),
      completed: z.number().int(),
      overdue: z.number().int(),
    })
    .meta({ description: 'Over the units shown (those in your places, under the unit asked about)' }),
  targets: z.array(orderTarget),
});

const orderParams = z.object({ id: z.coerce.number().int().positive().meta({ description: 'Order id' }) });
const answerParams = orderParams.extend({
  unit: placeCode.meta({ description: 'The township or village answering: one the order went to' }),
});

const villageCode = z
  .string()
  .regex(/^\d{12}$/, 'a 12-digit village code')
  .meta({ description: 'Village or community (12 digits)', examples: ['430321205206'] });
const villageParams = z.object({ village: villageCode });

const site = z.object({ name: z.string(), address: z.string(), opens: z.string(), closes: z.string() });

const notice = z.object({
  village: unit,
  township: z.object({ code: z.string(), shortName: z.string() }),
  date: calendarDate,
  campaignId: z.number().int(),
  text: bilingual.meta({
    description: "What to send: the day's edit when there is one, else the generated text",
  }),
  edited: z.boolean(),
  edit: z
    .object({ zh: z.string(), en: z.string().nullable(), editedAt: z.string(), editedBy: z.string() })
    .nullable(),
  generated: bilingual,
  facts: z.object({
    done: z.number().int(),
    open: z.number().int(),
    unscreened: z.number().int(),
    eligible: z.number().int(),
    deadline: calendarDate,
    sites: z.array(site),
  }),
});

const slot = z.object({
  time: z.string().meta({ description: 'HH:MM, Asia/Shanghai', examples: ['07:00'] }),
  message: z.string(),
});

const schedule = z.object({
  village: z.string(),
  isDefault: z.boolean().meta({ description: 'The village has set none: this is the default schedule' }),
  setAt: z.string().nullable(),
  setBy: z.string().nullable(),
  slots: z.array(slot),
});

export const dispatchRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/orders',
      {
        config: { permission: 'orders.write' },
        schema: {
          tags: [TAG],
          summary: 'Issue a dispatch order (调度令) to townships and villages',
          description:
            'The order and all its units are written together or not at all. Every unit must be a township or village under the issuer and in your places: one that is not refuses the whole order with 404 `order.out-of-scope`, naming it. The issuer defaults to your own unit (a commander on the county: the county). A deadline not after now is 422 `order.deadline`.',
          body: z.object({
            title: z.string().min(1).max(TITLE_MAX),
            text: z.string().min(1).max(TEXT_MAX),
            deadline: instant.meta({ description: 'When the units must have completed it' }),
            targets: z.array(placeCode).min(1).max(500).meta({ description: 'Township and village codes' }),
            campaign: z
              .number()
              .int()
              .positive()
              .optional()
              .meta({ description: 'The campaign it is about' }),
            issuer: placeCode.optional().meta({ description: 'County or township issuing it' }),
          }),
          response: { 201: order, ...errorResponses(400, 404, 422) },
        },
      },
      async (req, reply) => {
        const b = req.body;
        const issued = await issueOrder(store, {
          title: b.title,
          text: b.text,
          deadline: b.deadline,
          targets: b.targets,
          ...(b.campaign === undefined ? {} : { campaignId: b.campaign }),
          ...(b.issuer === undefined ? {} : { issuer: b.issuer }),
          issuedBy: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'order.issue',
          entity: 'dispatch-order',
          entityId: issued.id,
          detail: {
            after: {
              issuer: issued.issuer.code,
              title: issued.title,
              deadline: issued.deadline,
              targets: issued.targets.map((t) => t.unit.code),
              campaignId: issued.campaignId,
            },
          },
        });
        return reply.status(201).send(issued);
      },
    );

    app.get(
      '/orders',
      {
        config: { permission: 'orders.read' },
        schema: {
          tags: [TAG],
          summary: "A unit's dispatch orders, with each unit's answer",
          description:
            'The orders sent to the unit or to units under it, newest first, each with the answers of the units at or under it: the county asking about itself gets the command’s board, a township its own and its villages’. `state` keeps the orders with a unit in that state (`overdue`: who has not answered in time).',
          querystring: z.object({
            place: placeCode,
            state: targetState.optional(),
            limit: z.coerce.number().int().min(1).max(MAX_ORDERS).optional(),
          }),
          response: { 200: z.object({ items: z.array(order) }), ...errorResponses(400, 404) },
        },
      },
      async (req) => ({
        items: await ordersOf(store, {
          place: req.query.place,
          ...(req.query.state === undefined ? {} : { state: req.query.state }),
          ...(req.query.limit === undefined ? {} : { limit: req.query.limit }),
          scope: scopeOf(req),
        }),
      }),
    );

    app.get(
      '/orders/:id',
      {
        config: { permission: 'orders.read' },
        schema: {
          tags: [TAG],
          summary: 'One dispatch order, with the answer of each unit in your places',
          description: 'Not found (404 `order.not-found`) unless one of its units is in your places.',
          params: orderParams,
          response: { 200: order, ...errorResponses(400, 404) },
        },
      },
      async (req) => showOrder(store, { orderId: req.params.id, scope: scopeOf(req) }),
    );

    app.post(
      '/orders/:id/units/:unit/ack',
      {
        config: { permission: 'orders.answer' },
        schema: {
          tags: [TAG],
          summary: 'Acknowledge (签收) a dispatch order for a unit',
          description:
            'The unit must be one the order went to, in your places (404 `order.not-a-target` otherwise). Acknowledging again changes nothing (`recorded: false`): the first acknowledgement is kept. An acknowledgement after the deadline is recorded; the unit stays overdue until it completes.',
          params: answerParams,
          response: {
            200: orderTarget.extend({
              recorded: z.boolean().meta({ description: 'False: it was already acknowledged' }),
            }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) => {
        const answer = await acknowledgeOrder(store, {
          orderId: req.params.id,
          unit: req.params.unit,
          by: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        if (answer.recorded) {
          await auditRequest(store, req, {
            action: 'order.acknowledge',
            entity: 'dispatch-order',
            entityId: `${req.params.id}/${req.params.unit}`,
            detail: { after: { acknowledgedAt: answer.acknowledgedAt, state: answer.state } },
          });
        }
        return answer;
      },
    );

    app.post(
      '/orders/:id/units/:unit/complete',
      {
        config: { permission: 'orders.answer' },
        schema: {
          tags: [TAG],
          summary: 'Report a dispatch order done (办结) for a unit, with a note',
          description:
            'Acknowledges it too if it was not. A second report is 409 `order.already-completed`: the first stands as made. Completed after the deadline, the state is `completed-late`.',
          params: answerParams,
          body: z.object({ note: z.string().min(1).max(NOTE_MAX).meta({ description: 'What was done' }) }),
          response: { 200: orderTarget, ...errorResponses(400, 404, 409) },
        },
      },
      async (req) => {
        const answer = await completeOrder(store, {
          orderId: req.params.id,
          unit: req.params.unit,
          note: req.body.note,
          by: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'order.complete',
          entity: 'dispatch-order',
          entityId: `${req.params.id}/${req.params.unit}`,
          detail: { after: { completedAt: answer.completedAt, state: answer.state, note: answer.note } },
        });
        return answer;
      },
    );

    app.get(
      '/notices/:village',
      {
        config: { permission: 'notices.read' },
        schema: {
          tags: [TAG],
          summary: "A village's notice for its WeChat groups on a day",
          description:
            "Generated from where the village stands now (done, open, unscreened), its township's active sites and hours and the campaign's deadline, in Chinese with an English rendering; `text` is the day's edit when one is stored. `date` defaults to today.",
          params: villageParams,
          querystring: z.object({ campaign: campaignIdParam, date: calendarDate.optional() }),
          response: { 200: notice, ...errorResponses(400, 404) },
        },
      },
      async (req) =>
        villageNotice(store, {
          village: req.params.village,
          campaignId: req.query.campaign,
          ...(req.query.date === undefined ? {} : { date: req.query.date }),
          scope: scopeOf(req),
        }),
    );

    app.put(
      '/notices/:village/text',
      {
        config: { permission: 'notices.write' },
        schema: {
          tags: [TAG],
          summary: "Edit a village's notice for a day",
          description:
            "Stores the day's text (replacing an earlier edit of that day); it is sent instead of the generated one. `date` defaults to today.",
          params: villageParams,
          body: z.object({
            date: calendarDate.optional(),
            zh: z.string().min(1).max(NOTICE_TEXT_MAX),
            en: z.string().max(NOTICE_TEXT_MAX).nullish(),
          }),
          response: {
            200: z.object({
              village: z.string(),
              date: calendarDate,
              zh: z.string(),
              en: z.string().nullable(),
              editedAt: z.string(),
              editedBy: z.string(),
            }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) => {
        const edit = await editVillageNotice(store, {
          village: req.params.village,
          ...(req.body.date === undefined ? {} : { date: req.body.date }),
          zh: req.body.zh,
          en: req.body.en ?? null,
          by: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'notice.edit',
          entity: 'village-notice',
          entityId: `${edit.village}/${edit.date}`,
          detail: { after: { zh: edit.zh, en: edit.en } },
        });
        return edit;
      },
    );

    app.delete(
      '/notices/:village/text',
      {
        config: { permission: 'notices.write' },
        schema: {
          tags: [TAG],
          summary: "Drop a day's edit of a village's notice",
          description: 'The generated text is sent again. `cleared: false` when there was no edit.',
          params: villageParams,
          querystring: z.object({ date: calendarDate.optional() }),
          response: {
            200: z.object({ village: z.string(), date: calendarDate, cleared: z.boolean() }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) => {
        const r = await clearVillageNoticeEdit(store, {
          village: req.params.village,
          ...(req.query.date === undefined ? {} : { date: req.query.date }),
          scope: scopeOf(req),
        });
        if (r.cleared) {
          await auditRequest(store, req, {
            action: 'notice.clear',
            entity: 'village-notice',
            entityId: `${r.village}/${r.date}`,
          });
        }
        return r;
      },
    );

    app.get(
      '/notices/:village/broadcasts',
      {
        config: { permission: 'notices.read' },
        schema: {
          tags: [TAG],
          summary: "A village's loudspeaker (村村响) schedule",
          description:
            'The times of day it broadcasts and what it plays, by time; the default schedule (morning, noon, evening, naming the township’s sites) when the village has set none.',
          params: villageParams,
          response: { 200: schedule, ...errorResponses(400, 404) },
        },
      },
      async (req) => broadcastsOf(store, { village: req.params.village, scope: scopeOf(req) }),
    );

    app.put(
      '/notices/:village/broadcasts',
      {
        config: { permission: 'notices.write' },
        schema: {
          tags: [TAG],
          summary: "Set a village's loudspeaker (村村响) schedule",
          description:
            'Replaces the whole schedule at once. Times are HH:MM, each once (400 `broadcast.time`, `broadcast.duplicate`); every broadcast needs a message.',
          params: villageParams,
          body: z.object({ slots: z.array(slot).min(1).max(MAX_BROADCASTS) }),
          response: { 200: schedule, ...errorResponses(400, 404) },
        },
      },
      async (req) => {
        const s = await setBroadcasts(store, {
          village: req.params.village,
          slots: req.body.slots,
          by: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'broadcast.set',
          entity: 'loudspeaker-schedule',
          entityId: s.village,
          detail: { after: { slots: s.slots } },
        });
        return s;
      },
    );

    app.get(
      '/notices/:village/leaders',
      {
        config: { permission: 'notices.read' },
        schema: {
          tags: [TAG],
          summary: 'The public list (带头接种公示) of a village',
          description: `Its ${PUBLIC_ROLES.map((r) => `\`${r}\``).join(', ')} residents who are done in the campaign, as the villages publish them: full name, role and the day of the first dose. No ID number, no phone.`,
          params: villageParams,
          querystring: z.object({ campaign: campaignIdParam }),
          response: {
            200: z.object({
              village: unit,
              campaignId: z.number().int(),
              items: z.array(
                z.object({
                  name: z.string(),
                  role: z.enum(PUBLIC_ROLES),
                  roleLabel: bilingual,
                  firstDoseOn: calendarDate.nullable(),
                }),
              ),
            }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) =>
        publicLeaders(store, {
          village: req.params.village,
          campaignId: req.query.campaign,
          scope: scopeOf(req),
        }),
    );
  };
