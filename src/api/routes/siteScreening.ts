import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { aefiOfSiteDay, aefiOfUnit, reportAefi, type AefiView } from '../../app/siteScreening/aefi.js';
import { checkIn } from '../../app/siteScreening/checkIn.js';
import { checkinView, type CheckinView } from '../../app/siteScreening/checkinView.js';
import { decide } from '../../app/siteScreening/decide.js';
import { checkinsOfSiteDay, checkinsOfUnitDay } from '../../app/siteScreening/listCheckins.js';
import { endObservation } from '../../app/siteScreening/observe.js';
import { screen } from '../../app/siteScreening/screen.js';
import { giveSiteDose } from '../../app/siteScreening/siteDose.js';
import { AEFI_KINDS, AEFI_OUTCOMES, AEFI_SEVERITIES } from '../../domain/aefi.js';
import { CONTRAINDICATION_CODES, HEALTH_CODES } from '../../domain/screening.js';
import { DECISIONS } from '../../domain/siteScreening.js';
import { OBSERVATION_MINUTES, OBSERVATION_OUTCOMES } from '../../domain/siteScreeningObservation.js';
import { PRODUCT_CODES } from '../../domain/vaccines/catalog.js';
import type { Store } from '../../store/openStore.js';
import { auditRequest } from '../auth/auditRequest.js';
import { callerOf } from '../auth/authenticate.js';
import { scopeOf } from '../scope.js';
import {
  bilingual,
  calendarDate,
  errorResponses,
  idNumberInput,
  instant,
  maskedIdNumber,
  placeCode,
  recordId,
  unmaskedFlag,
} from '../schemas.js';

const TAG = ['site-screening'];

// Reads need residents.read, not only sites.read: a check-in carries a resident's health answers
// (fever, pregnancy, allergies), which a driver, who may read sites, has no business seeing.
const oneOf = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');

const siteId = z.coerce.number().int().positive().meta({ description: 'Site id' });
const checkinId = z.uuid().meta({ description: 'Check-in id (a UUID)' });
const optionalText = z.string().max(1000).nullish();
const optionalInstant = instant.nullish().meta({
  description: 'When it happened, ISO-8601 with a zone; now when absent (a paper form entered later)',
});

// ---------------------------------------------------------------------------------------------
// Answers

const flag = z.object({
  code: z.string().meta({
    description: `\`health-code\`, \`fever\`, \`blood-pressure\`, \`blood-pressure-watch\` or a contraindication code`,
  }),
  suggests: z.enum(DECISIONS),
  contraindication: z.enum(CONTRAINDICATION_CODES).nullable(),
  message: bilingual,
});

const screeningView = z.object({
  id: z.number().int(),
  at: z.string(),
  screenedBy: z.string(),
  temperature: z.number().meta({ description: '°C' }),
  healthCode: z.enum(HEALTH_CODES),
  systolic: z.number().int().nullable(),
  diastolic: z.number().int().nullable(),
  answers: z
    .record(z.string(), z.boolean())
    .meta({ description: 'The five questions by contraindication code' }),
  suggestion: z.object({
    decision: z.enum(DECISIONS),
    label: bilingual,
    flags: z.array(flag).meta({ description: 'What the screening found, most cautious first' }),
    contraindication: z.enum(CONTRAINDICATION_CODES).nullable(),
    untilDate: z.string().nullable().meta({ description: 'postpone: a suggested date to come back' }),
    watchClosely: z
      .boolean()
      .meta({ description: 'Blood pressure 140–159 / 90–99: watch closely in observation' }),
  }),
});

const checkinBody = z.object({
  id: z.string(),
  county: z.string(),
  day: calendarDate,
  at: z.string(),
  checkedInBy: z.string(),
  stage: z.enum(['checked-in', 'screened', 'awaiting-dose', 'not-vaccinated', 'observing', 'done']).meta({
    description:
      'What the site does next: `checked-in` screen; `screened` the doctor decides; `awaiting-dose` vaccinate; `not-vaccinated` postponed or not suitable, done for today; `observing` the 30 minutes run; `done` observation ended',
  }),
  site: z.object({ id: z.number().int(), name: z.string(), township: z.string() }),
  resident: z.object({
    id: z.number().int(),
    idNumber: maskedIdNumber,
    name: z.string(),
    sex: z.enum(['M', 'F']),
    age: z.number().int(),
    gridCode: z.string(),
  }),
  screening: screeningView.nullable().meta({ description: 'The latest screening' }),
  screenings: z.number().int(),
  decision: z
    .object({
      decision: z.enum(DECISIONS),
      label: bilingual,
      at: z.string(),
      by: z.string(),
      untilDate: z.string().nullable(),
      contraindication: z.string().nullable(),
      note: z.string().nullable(),
      againstSuggestion: z.boolean(),
      visitId: z.string().nullable().meta({
        description: 'The screening visit that carried a postponement or exemption into the status',
      }),
    })
    .nullable(),
  dose: z
    .object({
      id: z.string(),
      product: z.string(),
      doseNumber: z.number().int(),
      lot: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
  observation: z
    .object({
      startedAt: z.string(),
      endsAt: z
        .string()
        .meta({ description: `The dose + ${OBSERVATION_MINUTES} minutes: the timer runs to it` }),
      endedAt: z.string().nullable(),
      outcome: z.enum(OBSERVATION_OUTCOMES).nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
});

const totals = z.object({
  checkedIn: z.number().int(),
  waiting: z.number().int(),
  recommended: z.number().int(),
  postponed: z.number().int(),
  notSuitable: z.number().int(),
  vaccinated: z.number().int(),
  observing: z.number().int(),
  aefi: z.number().int(),
});

const aefiBody = z.object({
  id: z.string(),
  county: z.string(),
  resident: z.object({
    id: z.number().int(),
    idNumber: maskedIdNumber,
    name: z.string(),
    gridCode: z.string(),
  }),
  dose: z.object({ id: z.string(), product: z.string(), doseNumber: z.number().int(), at: z.string() }),
  checkinId: z.string().nullable(),
  site: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  what: z.enum(AEFI_KINDS),
  whatLabel: bilingual,
  severity: z.enum(AEFI_SEVERITIES),
  severityLabel: bilingual,
  onsetAt: z.string(),
  day: calendarDate,
  outcome: z.enum(AEFI_OUTCOMES),
  outcomeLabel: bilingual,
  description: z.string().nullable(),
  urgent: z.boolean().meta({ description: 'Severe: report to the county within 2 hours (监测方案)' }),
  reportedAt: z.string(),
  reportedBy: z.string(),
});

// ---------------------------------------------------------------------------------------------
// Inputs

const aefiInput = z.object({
  what: z.string().meta({ description: `One of ${oneOf(AEFI_KINDS)}` }),
  severity: z
    .string()
    .meta({ description: `One of ${oneOf(AEFI_SEVERITIES)}; anaphylaxis is always severe` }),
  onsetAt: instant,
  outcome: z.string().meta({ description: `One of ${oneOf(AEFI_OUTCOMES)}` }),
  description: optionalText.meta({ description: 'What was seen and done; required for `other`' }),
});

const unmaskedQuery = z.object({ unmasked: unmaskedFlag });

/** The audit entry's picture of a check-in after a step. */
const stepDetail = (c: CheckinView) => ({
  residentId: c.resident.id,
  county: c.county,
  siteId: c.site.id,
  day: c.day,
  stage: c.stage,
});

const aefiDetail = (a: AefiView) => ({
  residentId: a.resident.id,
  county: a.county,
  doseId: a.dose.id,
  what: a.what,
  severity: a.severity,
  onsetAt: a.onsetAt,
});

/** Check-in and screening at the site (issue 8). */
export const siteScreeningRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const who = (req: FastifyRequest) => {
      const caller = callerOf(req);
      return { by: caller.displayName, recordedBy: caller.id, scope: scopeOf(req) };
    };

    app.post(
      '/checkins',
      {
        config: { permission: 'checkin.write' },
        schema: {
          tags: TAG,
          summary: 'Check a resident in at a site (现场登记) by ID number',
          description:
            'The ID number as typed or read from the card (full-width digits, spaces and a lower-case x are normalized; a wrong check character is 400 `idcard.checksum`). The site must be one the caller runs (site staff: their township) and in service (422 `site.inactive`); the resident within the caller’s places (404 otherwise). 201 with a new check-in; 200 with the one still under way today at this site when the card is read twice. ID numbers in the answer are masked unless `unmasked=true`.',
          querystring: unmaskedQuery,
          body: z.object({
            siteId: z.number().int().positive(),
            idNumber: idNumberInput,
            at: optionalInstant,
          }),
          response: { 201: checkinBody, 200: checkinBody, ...errorResponses(400, 404, 422) },
        },
      },
      async (req, reply) => {
        const { checkin, created } = await checkIn(store, {
          ...req.body,
          ...who(req),
          unmasked: req.query.unmasked,
        });
        if (created) {
          await auditRequest(store, req, {
            action: 'checkin.create',
            entity: 'checkin',
            entityId: checkin.id,
            detail: stepDetail(checkin),
          });
        }
        return reply.status(created ? 201 : 200).send(checkin);
      },
    );

    app.get(
      '/checkins/:id',
      {
        config: { permission: 'residents.read' },
        schema: {
          tags: TAG,
          summary: 'One check-in: screening, decision, dose and observation',
          description:
            'What the site page shows for one resident, with `stage` saying what comes next. 404 outside the caller’s places.',
          params: z.object({ id: checkinId }),
          querystring: unmaskedQuery,
          response: { 200: checkinBody, ...errorResponses(400, 404) },
        },
      },
      async (req) => checkinView(store.db, req.params.id, scopeOf(req), req.query.unmasked),
    );

    app.post(
      '/checkins/:id/screenings',
      {
        config: { permission: 'checkin.write' },
        schema: {
          tags: TAG,
          summary:
            'Pre-screen a checked-in resident (预检): temperature, health code, blood pressure, the five questions',
          description: `Appends a screening and answers the check-in with what it suggests (\`screening.suggestion\`): not suitable if a permanent contraindication (guideline groups 1–3) was answered yes; postpone for a yellow or red health code, a temperature ≥ 37.3 °C, blood pressure ≥ 160/100, acute illness or pregnancy; otherwise vaccinate (with \`watchClosely\` at 140–159 / 90–99). The doctor decides next. Screening again before the decision (a reading taken after a rest) appends another; after the decision it is 409 \`checkin.decided\`. \`answers\` holds all five of ${oneOf(CONTRAINDICATION_CODES)} as true (yes) or false.`,
          params: z.object({ id: checkinId }),
          querystring: unmaskedQuery,
          body: z.object({
            temperature: z.number().meta({ description: '°C, e.g. 36.5' }),
            healthCode: z.string().meta({ description: `One of ${oneOf(HEALTH_CODES)}` }),
            systolic: z.number().int().nullish().meta({ description: 'mmHg (with diastolic, or neither)' }),
            diastolic: z.number().int().nullish(),
            answers: z.record(z.string(), z.boolean()),
            at: optionalInstant,
          }),
          response: { 201: checkinBody, ...errorResponses(400, 404, 409) },
        },
      },
      async (req, reply) => {
        const checkin = await screen(store, {
          ...req.body,
          checkinId: req.params.id,
          ...who(req),
          unmasked: req.query.unmasked,
        });
        await auditRequest(store, req, {
          action: 'checkin.screen',
          entity: 'checkin',
          entityId: checkin.id,
          detail: { ...stepDetail(checkin), suggestion: checkin.screening?.suggestion.decision ?? null },
        });
        return reply.status(201).send(checkin);
      },
    );

    app.post(
      '/checkins/:id/decision',
      {
        config: { permission: 'checkin.write' },
        schema: {
          tags: TAG,
          summary: 'The doctor’s decision (建议接种 / 推迟接种 / 不宜接种)',
          description: `\`decision\`: ${oneOf(DECISIONS)}. Postpone takes \`untilDate\` (after today; the suggestion’s date when absent) and writes a screening visit \`contraindicated-temporary\` (channel \`site\`) in the same transaction, so the resident is deferred until then; not suitable takes a permanent \`contraindication\` (groups 1–3; the suggestion’s when absent) and writes \`contraindicated-permanent\`, so the resident is exempt. A decision less cautious than the screening suggested needs a \`note\` (422 \`decision.note-required\`); a yellow or red health code cannot be vaccinated (422 \`decision.health-code\`). Not screened yet: 422 \`checkin.not-screened\`; decided already: 409 \`checkin.decided\`.`,
          params: z.object({ id: checkinId }),
          querystring: unmaskedQuery,
          body: z.object({
            decision: z.string().meta({ description: `One of ${oneOf(DECISIONS)}` }),
            untilDate: z
              .string()
              .nullish()
              .meta({ description: 'postpone: the first day they may be vaccinated' }),
            contraindication: z
              .string()
              .nullish()
              .meta({ description: `One of ${oneOf(CONTRAINDICATION_CODES)}` }),
            note: optionalText,
            at: optionalInstant,
          }),
          response: { 201: checkinBody, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const checkin = await decide(store, {
          ...req.body,
          checkinId: req.params.id,
          ...who(req),
          unmasked: req.query.unmasked,
        });
        await auditRequest(store, req, {
          action: 'checkin.decide',
          entity: 'checkin',
          entityId: checkin.id,
          detail: {
            ...stepDetail(checkin),
            decision: checkin.decision?.decision ?? null,
            untilDate: checkin.decision?.untilDate ?? null,
            contraindication: checkin.decision?.contraindication ?? null,
            againstSuggestion: checkin.decision?.againstSuggestion ?? false,
            visitId: checkin.decision?.visitId ?? null,
          },
        });
        return reply.status(201).send(checkin);
      },
    );

    app.post(
      '/checkins/:id/dose',
      {
        config: { permission: 'checkin.write' },
        schema: {
          tags: TAG,
          summary: 'Record the dose given at the site, and start the 30-minute observation',
          description: `From a check-in the doctor recommended: the dose is recorded (site = the site’s name, with its lot) through the same checks as POST /doses — dose windows (422 \`dose.too-early\` unless \`overrideReason\`), duplicates (409) — and linked to the check-in in one transaction. \`doseNumber\` defaults to the resident’s next. \`observation.endsAt\` is the dose + ${OBSERVATION_MINUTES} minutes. Refused: not decided (422 \`checkin.not-decided\`), postponed or not suitable (422 \`dose.checkin-postponed\`), a dose already linked (409 \`checkin.dose-recorded\`).`,
          params: z.object({ id: checkinId }),
          querystring: unmaskedQuery,
          body: z.object({
            product: z.string().meta({ description: `One of ${oneOf(PRODUCT_CODES)}` }),
            lot: z.string().min(1).max(100),
            doseNumber: z.number().int().nullish(),
            at: optionalInstant,
            vaccinator: optionalText.meta({ description: 'Who gave it; the signed-in user when absent' }),
            overrideReason: optionalText,
            id: recordId.optional(),
          }),
          response: { 201: checkinBody, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const checkin = await giveSiteDose(store, {
          ...req.body,
          ...(req.body.id ? { id: req.body.id } : {}),
          checkinId: req.params.id,
          ...who(req),
          unmasked: req.query.unmasked,
        });
        await auditRequest(store, req, {
          action: 'dose.record',
          entity: 'dose',
          entityId: checkin.dose?.id ?? null,
          detail: {
            ...stepDetail(checkin),
            checkinId: checkin.id,
            product: checkin.dose?.product ?? null,
            doseNumber: checkin.dose?.doseNumber ?? null,
            lot: checkin.dose?.lot ?? null,
            at: checkin.dose?.at ?? null,
          },
        });
        return reply.status(201).send(checkin);
      },
    );

    app.post(
      '/checkins/:id/observation',
      {
        config: { permission: 'checkin.write' },
        schema: {
          tags: TAG,
          summary: 'End the 30-minute observation: all well, or an AEFI',
          description: `\`outcome\`: ${oneOf(OBSERVATION_OUTCOMES)}. Before the ${OBSERVATION_MINUTES} minutes are up it needs a \`reason\` (422 \`observation.too-early\`), except for an AEFI; \`aefi\` carries the report, written in the same transaction. No dose yet: 422 \`observation.no-dose\`; ended already: 409 \`observation.ended\`.`,
          params: z.object({ id: checkinId }),
          querystring: unmaskedQuery,
          body: z.object({
            outcome: z.string().meta({ description: `One of ${oneOf(OBSERVATION_OUTCOMES)}` }),
            at: optionalInstant,
            reason: optionalText,
            aefi: aefiInput.nullish(),
          }),
          response: {
            200: z.object({ checkin: checkinBody, aefi: aefiBody.nullable() }),
            ...errorResponses(400, 404, 409, 422),
          },
        },
      },
      async (req) => {
        const r = await endObservation(store, {
          ...req.body,
          checkinId: req.params.id,
          ...who(req),
          unmasked: req.query.unmasked,
        });
        await auditRequest(store, req, {
          action: 'checkin.observe',
          entity: 'checkin',
          entityId: r.checkin.id,
          detail: {
            ...stepDetail(r.checkin),
            outcome: r.checkin.observation?.outcome ?? null,
            aefiId: r.aefi?.id ?? null,
          },
        });
        return r;
      },
    );

    app.get(
      '/sites/:id/checkins',
      {
        config: { permission: 'residents.read' },
        schema: {
          tags: TAG,
          summary: 'A site’s check-ins of a day, with its totals',
          description:
            'In the order residents came; `day` defaults to today. A caller below the township (a village head, a grid member) sees the site and the check-ins of its own residents.',
          params: z.object({ id: siteId }),
          querystring: z.object({ day: calendarDate.optional(), unmasked: unmaskedFlag }),
          response: {
            200: z.object({
              site: z.object({
                id: z.number().int(),
                name: z.string(),
                township: z.string(),
                dailyCapacity: z.number().int(),
              }),
              day: calendarDate,
              totals,
              items: z.array(checkinBody),
            }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) =>
        checkinsOfSiteDay(store, {
          siteId: req.params.id,
          ...(req.query.day ? { day: req.query.day } : {}),
          scope: scopeOf(req),
          unmasked: req.query.unmasked,
        }),
    );

    app.get(
      '/checkins',
      {
        config: { permission: 'residents.read' },
        schema: {
          tags: TAG,
          summary: 'The check-ins of a day of a unit’s residents, at any site',
          description: 'By the residents’ grid at check-in; `day` defaults to today.',
          querystring: z.object({ place: placeCode, day: calendarDate.optional(), unmasked: unmaskedFlag }),
          response: {
            200: z.object({ place: z.string(), day: calendarDate, totals, items: z.array(checkinBody) }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) =>
        checkinsOfUnitDay(store, {
          place: req.query.place,
          ...(req.query.day ? { day: req.query.day } : {}),
          scope: scopeOf(req),
          unmasked: req.query.unmasked,
        }),
    );

    app.post(
      '/aefi',
      {
        config: { permission: 'checkin.write' },
        schema: {
          tags: TAG,
          summary: 'Report a suspected adverse event following immunization (疑似预防接种异常反应)',
          description:
            'Against one of the resident’s doses (`doseId`), at any time after it (a fever that evening). The site and check-in are those the dose was given through, if any. A severe event answers `urgent: true`: it is reported to the county within 2 hours.',
          querystring: unmaskedQuery,
          body: aefiInput.extend({ idNumber: idNumberInput, doseId: z.string().min(1).max(100) }),
          response: { 201: aefiBody, ...errorResponses(400, 404, 422) },
        },
      },
      async (req, reply) => {
        const { by, scope } = who(req);
        const aefi = await reportAefi(store, { ...req.body, by, scope, unmasked: req.query.unmasked });
        await auditRequest(store, req, {
          action: 'aefi.report',
          entity: 'aefi',
          entityId: aefi.id,
          detail: aefiDetail(aefi),
        });
        return reply.status(201).send(aefi);
      },
    );

    app.get(
      '/sites/:id/aefi',
      {
        config: { permission: 'residents.read' },
        schema: {
          tags: TAG,
          summary: 'A site’s AEFI reports of a day (by onset)',
          params: z.object({ id: siteId }),
          querystring: z.object({ day: calendarDate.optional(), unmasked: unmaskedFlag }),
          response: {
            200: z.object({
              site: z.object({ id: z.number().int(), name: z.string() }),
              day: calendarDate,
              items: z.array(aefiBody),
            }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) =>
        aefiOfSiteDay(store, {
          siteId: req.params.id,
          ...(req.query.day ? { day: req.query.day } : {}),
          scope: scopeOf(req),
          unmasked: req.query.unmasked,
        }),
    );

    app.get(
      '/aefi',
      {
        config: { permission: 'residents.read' },
        schema: {
          tags: TAG,
          summary: 'The AEFI reports of a unit’s residents, by onset day',
          description: '`from`/`to` inclusive, at most 92 days; today by default.',
          querystring: z.object({
            place: placeCode,
            from: calendarDate.optional(),
            to: calendarDate.optional(),
            unmasked: unmaskedFlag,
          }),
          response: {
            200: z.object({
              place: z.string(),
              from: calendarDate,
              to: calendarDate,
              items: z.array(aefiBody),
            }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) =>
        aefiOfUnit(store, {
          place: req.query.place,
          ...(req.query.from ? { from: req.query.from } : {}),
          ...(req.query.to ? { to: req.query.to } : {}),
          scope: scopeOf(req),
          unmasked: req.query.unmasked,
        }),
    );
  };
