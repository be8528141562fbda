import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { residentRecord } from '../../app/residents/residentRecord.js';
import { listResidents } from '../../app/residents/listResidents.js';
import { STATUSES } from '../../domain/campaignStatus.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import {
  campaignIdParam,
  errorResponses,
  INT32_MAX,
  limit,
  maskedIdNumber,
  maskedPhone,
  placeCode,
  unmaskedFlag,
} from '../schemas.js';

const residentListItem = z.object({
  residentId: z.number().int(),
  county: z.string(),
  idNumber: maskedIdNumber,
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  age: z.number().int(),
  place: z.string().meta({ description: 'The grid the resident lives in (现住)' }),
  householdId: z.string().nullable(),
  phone: maskedPhone,
  registerStatus: z.string().meta({ description: '`active`, `moved-out` or `deceased` on the register' }),
  status: z
    .string()
    .optional()
    .meta({ description: 'With a campaign: the status today (a deferral whose end has come is open)' }),
  reason: z.string().nullish(),
});

export const residentRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    base.withTypeProvider<ZodTypeProvider>().get(
      '/residents',
      {
        config: { permission: 'residents.read' },
        schema: {
          tags: ['residents'],
          summary: 'Residents of a place, page by page, with their status in a campaign',
          description:
            'In (grid, resident id) order. ID numbers and phone numbers are masked unless `unmasked=true`. Pages are keyed: pass the answer’s `next` as `after` for the next page; `next` is null on the last page. `status` needs `campaign`.',
          querystring: z.object({
            place: placeCode,
            campaign: campaignIdParam.optional(),
            status: z.enum(STATUSES).optional(),
            limit: limit.meta({ description: 'Page size (default 1000)' }),
            after: z.coerce
              .number()
              .int()
              .min(0)
              .max(INT32_MAX)
              .optional()
              .meta({ description: 'The previous page’s `next`' }),
            unmasked: unmaskedFlag,
          }),
          response: {
            200: z.object({ items: z.array(residentListItem), next: z.number().int().nullable() }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) => {
        const q = req.query;
        return listResidents(store, {
          place: q.place,
          campaignId: q.campaign,
          status: q.status,
          scope: scopeOf(req),
          unmasked: q.unmasked,
          limit: q.limit,
          after: q.after,
        });
      },
    );

    const recordSchema = z.object({
      county: z.string(),
      residentId: z.number().int(),
      idNumber: maskedIdNumber,
      name: z.string(),
      sex: z.enum(['M', 'F']),
      age: z.number().int(),
      gridCode: z.string(),
      householdId: z.string().nullable(),
      phone: maskedPhone,
      campaign: z
        .object({
          id: z.number().int(),
          status: z.string(),
          reason: z.string().nullable(),
          untilDate: z.string().nullable(),
          followUpDate: z.string().nullable(),
          bookedDate: z.string().nullable(),
          doneOn: z.string().nullable(),
        })
        .nullable(),
      visits: z.array(
        z.object({
          id: z.string(),
          at: z.string(),
          channel: z.string(),
          outcome: z.string(),
          followUpDate: z.string().nullable(),
          untilDate: z.string().nullable(),
          bookedDate: z.string().nullable(),
          site: z.string().nullable(),
          reason: z.string().nullable(),
          contraindication: z.string().nullable(),
        }),
      ),
      doses: z.array(
        z.object({
          id: z.string(),
          product: z.string(),
          doseNumber: z.number().int(),
          lot: z.string().nullable(),
          at: z.string(),
          site: z.string().nullable(),
          source: z.string(),
        }),
      ),
    });

    base.withTypeProvider<ZodTypeProvider>().get(
      '/residents/by-key/:county/:residentId',
      {
        config: { permission: 'residents.read' },
        schema: {
          tags: ['residents'],
          summary: 'One resident by key: status in a campaign, every visit and dose',
          description:
            'The resident page of the command room, named by the key lists give (county + resident id), so no full ID number is needed to open it. ID numbers and phones are masked. Out of scope answers 404.',
          params: z.object({
            county: z.string().regex(/^\d{6}$/),
            residentId: z.coerce.number().int().min(1).max(INT32_MAX),
          }),
          querystring: z.object({ campaign: campaignIdParam.optional() }),
          response: { 200: recordSchema, ...errorResponses(400, 404) },
        },
      },
      async (req) =>
        residentRecord(store, {
          county: req.params.county,
          residentId: req.params.residentId,
          ...(req.query.campaign === undefined ? {} : { campaignId: req.query.campaign }),
          scope: scopeOf(req),
        }),
    );
  };
