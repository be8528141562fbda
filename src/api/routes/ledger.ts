import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closeLedgerEntry, ledgerHistory } from '../../app/ledger/closeEntry.js';
import { ledgerOf } from '../../app/ledger/ledgerOf.js';
import { STATUSES } from '../../domain/campaignStatus.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import { auditRequest } from '../auth/auditRequest.js';
import { callerOf } from '../auth/authenticate.js';
import {
  bilingual,
  campaignIdParam,
  errorResponses,
  idNumberInput,
  limit,
  maskedIdNumber,
  maskedPhone,
  offset,
  placeCode,
  unmaskedFlag,
  userName,
} from '../schemas.js';

const ledgerEntry = z.object({
  residentId: z.number().int(),
  county: z.string(),
  idNumber: maskedIdNumber,
  name: z.string(),
  sex: z.enum(['M', 'F']),
  age: z.number().int(),
  gridCode: z.string(),
  householdId: z.string().nullable(),
  phone: maskedPhone,
  status: z
    .enum(STATUSES)
    .meta({ description: '`open` or `unscreened` (a deferral that has ended is open)' }),
  reason: z.string().nullable(),
  reasonLabel: bilingual.nullable(),
  followUpDate: z.string().nullable(),
  followUpDue: z.boolean(),
  untilDate: z.string().nullable(),
  bookedDate: z.string().nullable(),
  lastVisitAt: z.string().nullable(),
});

const ledgerClosure = z.object({
  id: z.number().int(),
  residentId: z.number().int(),
  county: z.string(),
  at: z.string(),
  closedBy: z.string(),
  reason: z.string(),
  statusBefore: z.string(),
  reasonBefore: z.string().nullable(),
  statusNow: z.string(),
});

export const ledgerRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ id: campaignIdParam, place: placeCode });

    app.get(
      '/campaigns/:id/ledger/:place',
      {
        config: { permission: 'ledger.read' },
        schema: {
          tags: ['ledger'],
          summary: 'The close-out ledger (销号台账) of a unit: its residents still open',
          description:
            'The named list a village works from until it is cleared: every resident of the unit who is open or unscreened in the campaign, with what is known (booked, refused, away …) and when to follow up. `total` and `byReason` count the whole ledger, not just the page. ID numbers are masked unless `unmasked=true`.',
          params,
          querystring: z.object({
            limit,
            offset,
            unmasked: unmaskedFlag,
          }),
          response: {
            200: z.object({
              place: z.string(),
              total: z.number().int(),
              byReason: z.record(z.string(), z.number().int()),
              entries: z.array(ledgerEntry),
            }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) =>
        ledgerOf(store, {
          campaignId: req.params.id,
          place: req.params.place,
          scope: scopeOf(req),
          unmasked: req.query.unmasked,
          limit: req.query.limit,
          offset: req.query.offset,
        }),
    );

    app.post(
      '/campaigns/:id/ledger/closures',
      {
        config: { permission: 'ledger.close' },
        schema: {
          tags: ['ledger'],
          summary: 'Close (销号) a resident’s ledger entry',
          description:
            'Records who closed the entry, when and why; the history is kept. A status is derived from the facts, so closing cannot make anyone done: record the dose, or the visit that closes the entry (a contraindication, moved out …), first. Refused with 422 `ledger.still-open` while the resident is still open or unscreened, 422 `ledger.not-eligible` for someone never on the ledger, 409 `ledger.already-closed` when nothing changed since the last closing.',
          params: z.object({ id: campaignIdParam }),
          body: z.object({
            idNumber: idNumberInput,
            reason: z.string().trim().min(1).max(500),
            closedBy: userName.optional().meta({
              description: 'Ignored: the signed-in user (display name) is recorded as the one who closed it',
            }),
          }),
          response: { 201: ledgerClosure, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const closure = await closeLedgerEntry(store, {
          campaignId: req.params.id,
          idNumber: req.body.idNumber,
          reason: req.body.reason,
          closedBy: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'ledger.close',
          entity: 'ledger-closure',
          entityId: closure.id,
          detail: {
            campaignId: req.params.id,
            residentId: closure.residentId,
            reason: closure.reason,
            before: { status: closure.statusBefore, reason: closure.reasonBefore },
            after: { status: closure.statusNow, closed: true },
          },
        });
        return reply.status(201).send(closure);
      },
    );

    app.get(
      '/campaigns/:id/ledger/:place/history',
      {
        config: { permission: 'ledger.read' },
        schema: {
          tags: ['ledger'],
          summary: 'Closures (销号记录) of a unit’s ledger, with who closed each and why',
          description:
            'Oldest first, each with where the resident stands today: a closed entry can be back on the ledger (a deferral ended).',
          params,
          querystring: z.object({ limit, offset }),
          response: { 200: z.object({ items: z.array(ledgerClosure) }), ...errorResponses(400, 404) },
        },
      },
      async (req) => ({
        items: await ledgerHistory(store, {
          campaignId: req.params.id,
          place: req.params.place,
          scope: scopeOf(req),
          limit: req.query.limit,
          offset: req.query.offset,
        }),
      }),
    );
  };
