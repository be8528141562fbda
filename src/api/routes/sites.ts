import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bookSite } from '../../app/sites/bookings.js';
import { checkSite, siteChecklist } from '../../app/sites/checklist.js';
import { MAX_SCHEDULE_DAYS, siteDay, townshipSiteSchedule } from '../../app/sites/siteSchedule.js';
import { createSite, listSites, siteOf, updateSite, type Site } from '../../app/sites/sites.js';
import { recordStock, stockDay } from '../../app/sites/stock.js';
import { CHECKLIST_ITEMS } from '../../domain/sitesChecklist.js';
import { MOVEMENT_KINDS } from '../../domain/sitesStock.js';
import { SITE_KINDS } from '../../domain/sites.js';
import { PRODUCT_CODES } from '../../domain/vaccines/catalog.js';
import type { Store } from '../../store/openStore.js';
import { auditRequest } from '../auth/auditRequest.js';
import { callerOf } from '../auth/authenticate.js';
import { scopeOf } from '../scope.js';
import { bilingual, calendarDate, errorResponses, placeCode, queryFlag } from '../schemas.js';

const oneOf = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');

const TAG = ['sites'];

const siteId = z.coerce.number().int().positive().meta({ description: 'Site id' });
const campaignQuery = z.coerce
  .number()
  .int()
  .positive()
  .optional()
  .meta({ description: 'A campaign: adds each village’s residents booked and done that day' });

const site = z.object({
  id: z.number().int(),
  county: z.string(),
  township: z.string(),
  townshipName: z.string(),
  name: z.string().meta({ description: 'As the dose records name the site' }),
  kind: z.enum(SITE_KINDS),
  kindLabel: bilingual,
  address: z.string(),
  opens: z.string().meta({ description: 'HH:MM Asia/Shanghai' }),
  closes: z.string(),
  dailyCapacity: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
});

const hours = z.string().meta({ description: 'HH:MM, Asia/Shanghai', examples: ['08:00'] });

const quantity = z.object({ vials: z.number().int(), doses: z.number().int() });

const stockLine = z.object({
  product: z.enum(PRODUCT_CODES),
  lot: z.string().nullable().meta({ description: 'null: dose records that name no lot' }),
  dosesPerVial: z.number().int(),
  opening: quantity,
  received: quantity,
  given: quantity,
  wasted: quantity,
  left: quantity.meta({ description: 'opening + received − given − wasted' }),
  recorded: z
    .number()
    .int()
    .meta({ description: 'Dose records at the site with this product and lot that day' }),
  difference: z.number().int().meta({
    description: 'given − recorded: above 0, given without a record; below 0, records without stock',
  }),
});

const stockDayBody = z.object({
  siteId: z.number().int(),
  siteName: z.string(),
  day: calendarDate,
  lots: z.array(stockLine),
  totals: z.object({
    opening: quantity,
    received: quantity,
    given: quantity,
    wasted: quantity,
    left: quantity,
    recorded: z.number().int(),
    difference: z.number().int(),
  }),
  differences: z.number().int().meta({ description: 'Lots whose doses given differ from the dose records' }),
});

const checklistBody = z.object({
  siteId: z.number().int(),
  siteName: z.string(),
  day: calendarDate,
  items: z.array(
    z.object({
      item: z.enum(CHECKLIST_ITEMS),
      label: bilingual,
      ok: z.boolean().nullable().meta({ description: 'null: not checked that day' }),
      note: z.string().nullable(),
      checkedBy: z.string().nullable(),
      checkedAt: z.string().nullable(),
    }),
  ),
  missing: z.array(z.enum(CHECKLIST_ITEMS)).meta({ description: 'Checked and not in order' }),
  unchecked: z.array(z.enum(CHECKLIST_ITEMS)),
  complete: z.boolean(),
});

const villageDay = {
  village: z.string(),
  name: z.string(),
  planned: z.number().int(),
  booked: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'Residents whose booking for the day stands (needs `campaign`)' }),
  done: z.number().int().nullable().meta({ description: 'People done that day (needs `campaign`)' }),
};

const siteDayBody = z.object({
  site,
  day: calendarDate,
  campaignId: z.number().int().nullable(),
  capacity: z.number().int(),
  planned: z.number().int(),
  left: z.number().int(),
  villages: z.array(z.object({ ...villageDay, bookedBy: z.string(), bookedAt: z.string() })),
  stock: stockDayBody,
  checklist: checklistBody,
});

const scheduleBody = z.object({
  township: z.string(),
  townshipName: z.string(),
  campaignId: z.number().int().nullable(),
  from: calendarDate,
  to: calendarDate,
  sites: z.array(site),
  days: z.array(
    z.object({
      day: calendarDate,
      capacity: z.number().int(),
      planned: z.number().int(),
      left: z.number().int(),
      sites: z.array(
        z.object({
          siteId: z.number().int(),
          name: z.string(),
          active: z.boolean(),
          capacity: z.number().int(),
          planned: z.number().int(),
          left: z.number().int(),
        }),
      ),
      villages: z.array(z.object(villageDay)),
    }),
  ),
});

/** The fields of a site that changed, before and after, for the audit log. */
function changed(
  before: Site,
  after: Site,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of ['name', 'kind', 'address', 'opens', 'closes', 'dailyCapacity', 'active'] as const) {
    if (before[k] !== after[k]) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}

/** Sites, bookings, stock, checklist (issue 8). */
export const siteRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/sites',
      {
        config: { permission: 'sites.read' },
        schema: {
          tags: TAG,
          summary: 'Vaccination sites (接种点) serving a place',
          description:
            'A county’s or a township’s sites, or for a village or grid the sites of its township; without `place`, every site the caller may see (those in or above the caller’s places).',
          querystring: z.object({
            place: placeCode.optional(),
            active: queryFlag.meta({ description: '`true`: open sites only' }),
          }),
          response: { 200: z.object({ items: z.array(site) }), ...errorResponses(400, 404) },
        },
      },
      async (req) => ({
        items: await listSites(store, {
          place: req.query.place,
          activeOnly: req.query.active,
          scope: scopeOf(req),
        }),
      }),
    );

    app.post(
      '/sites',
      {
        config: { permission: 'sites.write' },
        schema: {
          tags: TAG,
          summary: 'Add a site: a health centre (乡镇卫生院) or a temporary point (临时接种点)',
          description:
            'In a township of the caller’s places. Hours `HH:MM` with opens before closes (400 `site.hours`), daily capacity a whole number above 0 (400 `site.capacity`). The name is how dose records name the site, so it is unique in the county (409 `site.duplicate`).',
          body: z.object({
            township: placeCode.meta({ description: 'The township (9 digits) the site serves' }),
            name: z.string(),
            kind: z.string().meta({ description: `One of ${oneOf(SITE_KINDS)}` }),
            address: z.string().nullish(),
            opens: hours,
            closes: hours,
            dailyCapacity: z.number().meta({ description: 'People the site can vaccinate a day' }),
          }),
          response: { 201: site, ...errorResponses(400, 404, 409) },
        },
      },
      async (req, reply) => {
        const created = await createSite(store, { ...req.body, scope: scopeOf(req) });
        await auditRequest(store, req, {
          action: 'site.create',
          entity: 'site',
          entityId: created.id,
          detail: { after: created },
        });
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/sites/schedule',
      {
        config: { permission: 'sites.read' },
        schema: {
          tags: TAG,
          summary: 'A township’s site schedule (按村组排班) day by day',
          description:
            'From `from` (today by default) for `days` days (7 by default): each day’s capacity of the active sites, the plans per site, and every village’s plan; with `campaign`, beside each village the residents booked for that day and the people done. `place` is the township or anything under it.',
          querystring: z.object({
            place: placeCode,
            from: calendarDate.optional(),
            days: z.coerce.number().int().min(1).max(MAX_SCHEDULE_DAYS).optional(),
            campaign: campaignQuery,
          }),
          response: { 200: scheduleBody, ...errorResponses(400, 404) },
        },
      },
      async (req) =>
        townshipSiteSchedule(store, {
          place: req.query.place,
          from: req.query.from,
          days: req.query.days,
          campaignId: req.query.campaign,
          scope: scopeOf(req),
        }),
    );

    app.get(
      '/sites/:id',
      {
        config: { permission: 'sites.read' },
        schema: {
          tags: TAG,
          summary: 'One site',
          params: z.object({ id: siteId }),
          response: { 200: site, ...errorResponses(400, 404) },
        },
      },
      async (req) => siteOf(store, { id: req.params.id, scope: scopeOf(req) }),
    );

    app.patch(
      '/sites/:id',
      {
        config: { permission: 'sites.write' },
        schema: {
          tags: TAG,
          summary: 'Change a site’s name, kind, address, hours, capacity, or close it',
          description:
            'Only the fields given change. Refused: a capacity below what is already planned for a day from today on (422 `site.capacity-below-bookings`), closing a site with villages booked ahead (422 `site.has-bookings`).',
          params: z.object({ id: siteId }),
          body: z.object({
            name: z.string().optional(),
            kind: z.string().optional(),
            address: z.string().nullish(),
            opens: hours.optional(),
            closes: hours.optional(),
            dailyCapacity: z.number().optional(),
            active: z.boolean().optional(),
          }),
          response: { 200: site, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req) => {
        const { before, after } = await updateSite(store, {
          id: req.params.id,
          ...req.body,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'site.update',
          entity: 'site',
          entityId: after.id,
          detail: changed(before, after),
        });
        return after;
      },
    );

    app.post(
      '/sites/:id/bookings',
      {
        config: { permission: 'bookings.write' },
        schema: {
          tags: TAG,
          summary: 'Book villages into the site’s days (按村组排班): a day or a whole week at once',
          description:
            'Each entry sets a village’s planned number for a day (0 withdraws it). The batch is written whole or not at all. Refused: a village outside the caller’s places (404) or outside the site’s township (422 `booking.other-township`), a day before today (422 `booking.past-day`), a closed site (422 `site.inactive`), and a day that would go over the site’s daily capacity (422 `booking.over-capacity`, naming the site, the day, the capacity, what the other villages have planned and what is left).',
          params: z.object({ id: siteId }),
          body: z.object({
            bookings: z
              .array(z.object({ village: z.string(), day: z.string(), planned: z.number() }))
              .meta({ description: 'One entry per village and day' }),
          }),
          response: {
            200: z.object({
              siteId: z.number().int(),
              siteName: z.string(),
              changes: z.array(
                z.object({
                  village: z.string(),
                  day: calendarDate,
                  before: z.number().int(),
                  after: z.number().int(),
                }),
              ),
              days: z.array(
                z.object({
                  day: calendarDate,
                  capacity: z.number().int(),
                  planned: z.number().int(),
                  left: z.number().int(),
                }),
              ),
            }),
            ...errorResponses(400, 404, 422),
          },
        },
      },
      async (req) => {
        const result = await bookSite(store, {
          siteId: req.params.id,
          bookings: req.body.bookings,
          by: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'booking.set',
          entity: 'site',
          entityId: result.siteId,
          detail: { changes: result.changes },
        });
        return result;
      },
    );

    app.get(
      '/sites/:id/days/:day',
      {
        config: { permission: 'sites.read' },
        schema: {
          tags: TAG,
          summary: 'A site’s day: villages planned against capacity, stock, checklist',
          description:
            'The villages planned at the site that day (with `campaign`: their residents booked for the day and the people done), its stock by product and lot reconciled with the dose records, and its comfort and supply checklist with what is missing.',
          params: z.object({ id: siteId, day: calendarDate }),
          querystring: z.object({ campaign: campaignQuery }),
          response: { 200: siteDayBody, ...errorResponses(400, 404) },
        },
      },
      async (req) =>
        siteDay(store, {
          siteId: req.params.id,
          day: req.params.day,
          campaignId: req.query.campaign,
          scope: scopeOf(req),
        }),
    );

    app.post(
      '/sites/:id/stock',
      {
        config: { permission: 'sites.write' },
        schema: {
          tags: TAG,
          summary: 'Record vaccine received, given or wasted at the site on a day',
          description: `Movements by product and lot, all or none. Received comes in whole vials (doses derived from the product’s doses per vial); given and wasted in doses (the vials they opened derived) or vials. Refused: more given or wasted than is left of the lot (422 \`stock.insufficient\`), a day after today (422 \`stock.future-day\`). Kinds: ${oneOf(MOVEMENT_KINDS)}.`,
          params: z.object({ id: siteId }),
          body: z.object({
            day: calendarDate,
            movements: z.array(
              z.object({
                product: z.string().meta({ description: `One of ${oneOf(PRODUCT_CODES)}` }),
                lot: z.string(),
                kind: z.string().meta({ description: `One of ${oneOf(MOVEMENT_KINDS)}` }),
                vials: z.number().nullish(),
                doses: z.number().nullish(),
                note: z.string().nullish(),
              }),
            ),
          }),
          response: {
            201: z.object({
              ids: z.array(z.number().int()),
              stock: stockDayBody,
            }),
            ...errorResponses(400, 404, 422),
          },
        },
      },
      async (req, reply) => {
        const result = await recordStock(store, {
          siteId: req.params.id,
          day: req.body.day,
          movements: req.body.movements,
          by: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'stock.record',
          entity: 'site',
          entityId: result.stock.siteId,
          detail: { day: result.stock.day, movements: result.movements },
        });
        return reply.status(201).send({ ids: result.ids, stock: result.stock });
      },
    );

    app.get(
      '/sites/:id/stock/:day',
      {
        config: { permission: 'sites.read' },
        schema: {
          tags: TAG,
          summary: 'The site’s stock on a day, reconciled by product and lot',
          description:
            'opening + received − given − wasted = left, in vials and doses, for every lot with stock that day; beside `given`, the dose records of the site, product and lot that day, and the difference (shown, never absorbed).',
          params: z.object({ id: siteId, day: calendarDate }),
          response: { 200: stockDayBody, ...errorResponses(400, 404) },
        },
      },
      async (req) => stockDay(store, { siteId: req.params.id, day: req.params.day, scope: scopeOf(req) }),
    );

    app.get(
      '/sites/:id/checklist/:day',
      {
        config: { permission: 'sites.read' },
        schema: {
          tags: TAG,
          summary: 'The site’s comfort and supply checklist on a day',
          description: `Items: ${oneOf(CHECKLIST_ITEMS)}. \`missing\`: checked and not in order; \`unchecked\`: nobody checked them that day.`,
          params: z.object({ id: siteId, day: calendarDate }),
          response: { 200: checklistBody, ...errorResponses(400, 404) },
        },
      },
      async (req) =>
        siteChecklist(store, { siteId: req.params.id, day: req.params.day, scope: scopeOf(req) }),
    );

    app.put(
      '/sites/:id/checklist/:day',
      {
        config: { permission: 'sites.write' },
        schema: {
          tags: TAG,
          summary:
            'Check the site’s comfort and supply items for a day (遮阳、风扇/空调、饮用水、防暑药品、一米线 …)',
          description: `The items given are set (in order or not, with a note); the others keep what they had. Items: ${oneOf(CHECKLIST_ITEMS)}. A day after today is refused (422 \`checklist.future-day\`).`,
          params: z.object({ id: siteId, day: calendarDate }),
          body: z.object({
            items: z.array(z.object({ item: z.string(), ok: z.boolean(), note: z.string().nullish() })),
          }),
          response: { 200: checklistBody, ...errorResponses(400, 404, 422) },
        },
      },
      async (req) => {
        const { checklist, before } = await checkSite(store, {
          siteId: req.params.id,
          day: req.params.day,
          items: req.body.items,
          by: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        const was = new Map<string, unknown>(before.items.map((i) => [i.item, { ok: i.ok, note: i.note }]));
        await auditRequest(store, req, {
          action: 'checklist.check',
          entity: 'site',
          entityId: checklist.siteId,
          detail: {
            day: checklist.day,
            before: Object.fromEntries(req.body.items.map((i) => [i.item, was.get(i.item) ?? null])),
            after: Object.fromEntries(
              req.body.items.map((i) => [i.item, { ok: i.ok, note: i.note ?? null }]),
            ),
          },
        });
        return checklist;
      },
    );
  };
