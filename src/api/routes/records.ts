import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findResident } from '../../app/records/findResident.js';
import { recordDose } from '../../app/records/recordDose.js';
import { recordVisit } from '../../app/records/recordVisit.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
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

    app.post(
      '/visits',
      {
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
        const resident = await findResident(store.db, idNumber, { scope: scopeOf(req) });
        const r = await recordVisit(store, resident, visit, { id });
        return reply.status(r.result === 'stored' ? 201 : 200).send(r);
      },
    );

    app.post(
      '/doses',
      {
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
        const resident = await findResident(store.db, idNumber, { scope: scopeOf(req) });
        const r = await recordDose(store, resident, dose, { id });
        return reply.status(r.result === 'stored' ? 201 : 200).send(r);
      },
    );

    const residentParams = z.object({ idNumber: idNumberInput });

    app.post(
      '/residents/:idNumber/visits',
      {
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
        const resident = await findResident(store.db, req.params.idNumber, { scope: scopeOf(req) });
        const r = await recordVisit(store, resident, visit, { id });
        return reply.status(r.result === 'stored' ? 201 : 200).send(r);
      },
    );

    app.post(
      '/residents/:idNumber/doses',
      {
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
        const resident = await findResident(store.db, req.params.idNumber, { scope: scopeOf(req) });
        const r = await recordDose(store, resident, dose, { id });
        return reply.status(r.result === 'stored' ? 201 : 200).send(r);
      },
    );
  };
