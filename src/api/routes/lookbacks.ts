import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createLookback } from '../../app/lookback/createLookback.js';
import { recordLookbackCheck } from '../../app/lookback/recordLookbackCheck.js';
import { showLookback } from '../../app/lookback/showLookback.js';
import { LOOKBACK_SAMPLE_SIZE } from '../../domain/lookback.js';
import type { Store } from '../../store/openStore.js';
import { MAX_PAGE } from '../../store/residentListQueries.js';
import { scopeOf } from '../scope.js';
import { auditRequest } from '../auth/auditRequest.js';
import { callerOf } from '../auth/authenticate.js';
import {
  campaignIdParam,
  errorResponses,
  idNumberInput,
  maskedIdNumber,
  placeCode,
  userName,
  visitInput,
} from '../schemas.js';

const lookback = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  place: z.string(),
  seed: z.string().meta({ description: 'Draw the same sample again from the same seed' }),
  size: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  items: z.array(
    z.object({
      position: z.number().int(),
      residentId: z.number().int(),
      name: z.string(),
      idNumber: maskedIdNumber,
      gridCode: z.string(),
      statusAtDraw: z.string(),
      checkedAt: z.string().nullable(),
      matches: z.boolean().nullable(),
      note: z.string().nullable(),
    }),
  ),
  verdict: z.object({
    checked: z.number().int(),
    discrepancies: z.number().int(),
    reopen: z.boolean().meta({ description: 'One resident not as recorded reopens the unit' }),
  }),
  closedAt: z.string().nullable(),
});

const lookbackIdParam = z.object({
  id: z.coerce.number().int().positive().meta({ description: 'Look-back id' }),
});

export const lookbackRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/campaigns/:id/lookbacks',
      {
        config: { permission: 'lookback.write' },
        schema: {
          tags: ['lookbacks'],
          summary: 'Start a look-back (回头看) of a cleared unit: draw its sample',
          description: `Draws a reproducible random sample (default ${LOOKBACK_SAMPLE_SIZE}, at most the unit’s eligible residents) of the unit’s residents to re-visit; the seed is kept, so the draw can be shown to be fair. Only a unit double-cleared now can be looked back on: otherwise 422 \`lookback.not-cleared\` (or \`lookback.empty\` with nobody eligible).`,
          params: z.object({ id: campaignIdParam }),
          body: z.object({
            place: placeCode,
            size: z.number().int().min(1).max(MAX_PAGE).optional(),
            seed: z.string().min(1).max(100).optional(),
            createdBy: userName
              .optional()
              .meta({ description: 'Ignored: the signed-in user is recorded as the one who started it' }),
          }),
          response: { 201: lookback, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const created = await createLookback(store, {
          campaignId: req.params.id,
          place: req.body.place,
          size: req.body.size,
          seed: req.body.seed,
          createdBy: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'lookback.create',
          entity: 'lookback',
          entityId: created.id,
          detail: { campaignId: req.params.id, place: created.place, size: created.size, seed: created.seed },
        });
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/lookbacks/:id',
      {
        config: { permission: 'lookback.read' },
        schema: {
          tags: ['lookbacks'],
          summary: 'A look-back with its sample, what was found and its verdict',
          params: lookbackIdParam,
          response: { 200: lookback, ...errorResponses(400, 404) },
        },
      },
      async (req) => showLookback(store, { lookbackId: req.params.id, scope: scopeOf(req) }),
    );

    app.post(
      '/lookbacks/:id/checks',
      {
        config: { permission: 'lookback.write' },
        schema: {
          tags: ['lookbacks'],
          summary: 'Record what the re-visit of one sampled resident found',
          description:
            '`matches: false` is a discrepancy: it reopens the unit (task and double clearance). A `visit` made at the door is stored as a screening visit too, so the resident’s status follows the finding. Someone not in the sample is 400 `lookback.not-in-sample`; a second check of the same resident is 409 `lookback.already-checked`.',
          params: lookbackIdParam,
          body: z.object({
            idNumber: idNumberInput,
            matches: z.boolean(),
            note: z.string().max(500).optional(),
            visit: visitInput.optional(),
            checkedBy: userName
              .optional()
              .meta({ description: 'Ignored: the signed-in user is recorded as the one who checked' }),
          }),
          response: { 200: lookback, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req) => {
        const shown = await recordLookbackCheck(store, {
          lookbackId: req.params.id,
          idNumber: req.body.idNumber,
          matches: req.body.matches,
          note: req.body.note,
          visit: req.body.visit,
          checkedBy: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'lookback.check',
          entity: 'lookback',
          entityId: req.params.id,
          detail: {
            before: { checked: false },
            after: { checked: true, matches: req.body.matches, note: req.body.note ?? null },
            visit: req.body.visit ? { outcome: req.body.visit.outcome } : null,
            reopen: shown.verdict.reopen,
          },
        });
        return shown;
      },
    );
  };
