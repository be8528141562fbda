import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../app/audit/appendAudit.js';
import { findResident } from '../../app/records/findResident.js';
import { storeDose, validDoseOrThrow, type DoseInput } from '../../app/records/recordDose.js';
import { storeVisit, validVisitOrThrow, type StoredRecord } from '../../app/records/recordVisit.js';
import type { VisitInput } from '../../domain/screening.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import { actorOf } from '../auth/auditRequest.js';
import { callerOf } from '../auth/authenticate.js';
import { doseInput, errorResponses, idNumberInput, recordId, storedRecord, visitInput } from '../schemas.js';

const WHY_BODY =
  'The resident’s ID number travels in the body, not the URL: paths end up in access logs, proxy logs and browser history, and an ID number is personal data (个人信息) that must not.';

const VISIT_DESCRIPTION =
  'Appends a screening visit (摸排记录) and re-derives the resident’s status in every campaign. 201 `stored` the first time; a retry with the same `id` and content answers 200 `duplicate` and changes nothing; the same `id` with other content is 409 `visit.id-conflict`. A visit after now, or fields that do not fit the outcome, are 400.';

const DOSE_DESCRIPTION =
  'Records a dose (接种记录), checked against the resident’s history and the 2021 guideline’s dose windows. Too early is 422 `dose.too-early`, its message naming the earliest allowed date (a site doctor may override with `overrideReason`); the same dose number twice is 409 `dose.duplicate`. 201 `stored`, 200 `duplicate` on a retry with the same `id`.';

const recorded = { 201: storedRecord, 200: storedRecord };

export const recordRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    /**
     * Stores a visit or dose for the signed-in user (recorded_by) and, in the same transaction
     * of the group commit, its audit entry: a record is never stored without one.
     */
    async function record(
      req: FastifyRequest,
      idNumber: string,
      id: string | undefined,
      what: { kind: 'visit'; input: VisitInput } | { kind: 'dose'; input: DoseInput },
    ): Promise<StoredRecord> {
      const resident = await findResident(store.db, idNumber, { scope: scopeOf(req) });
      const meta = { id, recordedBy: callerOf(req).id };
      const actor = actorOf(req);
      const now = store.now();
      const valid = what.kind === 'visit' ? validVisitOrThrow(what.input, now) : undefined;
      const dose = what.kind === 'dose' ? validDoseOrThrow(what.input, now) : undefined;
      return store.write(async (trx) => {
        const r = valid
          ? await storeVisit(trx, resident, valid, meta, now)
          : await storeDose(trx, resident, dose as NonNullable<typeof dose>, meta, now);
        if (r.result === 'stored') {
          await appendAudit(trx, actor, {
            action: `${what.kind}.record`,
            entity: what.kind,
            entityId: r.id,
            detail: {
              residentId: Number(resident.id),
              county: resident.county_code,
              ...(what.kind === 'visit'
                ? { outcome: what.input.outcome, at: what.input.at }
                : { product: what.input.product, doseNumber: what.input.doseNumber, at: what.input.at }),
            },
          });
        }
        return r;
      });
    }

    app.post(
      '/visits',
      {
        config: { permission: 'visits.write' },
        schema: {
          tags: ['records'],
          summary: 'Record a screening visit',
          description: `${VISIT_DESCRIPTION} ${WHY_BODY}`,
          body: visitInput.extend({ idNumber: idNumberInput, id: recordId.optional() }),
          response: { ...recorded, ...errorResponses(400, 404, 409) },
        },
      },
      async (req, reply) => {
        const { idNumber, id, ...visit } = req.body;
        const r = await record(req, idNumber, id, { kind: 'visit', input: visit });
        return reply.status(r.result === 'stored' ? 201 : 200).send(r);
      },
    );

    app.post(
      '/doses',
      {
        config: { permission: 'doses.write' },
        schema: {
          tags: ['records'],
          summary: 'Record a dose',
          description: `${DOSE_DESCRIPTION} ${WHY_BODY}`,
          body: doseInput.extend({ idNumber: idNumberInput, id: recordId.optional() }),
          response: { ...recorded, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const { idNumber, id, ...dose } = req.body;
        const r = await record(req, idNumber, id, { kind: 'dose', input: dose });
        return reply.status(r.result === 'stored' ? 201 : 200).send(r);
      },
    );

    const residentParams = z.object({ idNumber: idNumberInput });

    app.post(
      '/residents/:idNumber/visits',
      {
        config: { permission: 'visits.write' },
        schema: {
          tags: ['records'],
          summary: 'Record a screening visit (ID number in the path; prefer POST /visits)',
          description: `${VISIT_DESCRIPTION} Prefer \`POST /api/v1/visits\`: ${WHY_BODY}`,
          params: residentParams,
          body: visitInput.extend({ id: recordId.optional() }),
          response: { ...recorded, ...errorResponses(400, 404, 409) },
        },
      },
      async (req, reply) => {
        const { id, ...visit } = req.body;
        const r = await record(req, req.params.idNumber, id, { kind: 'visit', input: visit });
        return reply.status(r.result === 'stored' ? 201 : 200).send(r);
      },
    );

    app.post(
      '/residents/:idNumber/doses',
      {
        config: { permission: 'doses.write' },
        schema: {
          tags: ['records'],
          summary: 'Record a dose (ID number in the path; prefer POST /doses)',
          description: `${DOSE_DESCRIPTION} Prefer \`POST /api/v1/doses\`: ${WHY_BODY}`,
          params: residentParams,
          body: doseInput.extend({ id: recordId.optional() }),
          response: { ...recorded, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const { id, ...dose } = req.body;
        const r = await record(req, req.params.idNumber, id, { kind: 'dose', input: dose });
        return reply.status(r.result === 'stored' ? 201 : 200).send(r);
      },
    );
  };
