import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changesSince, MAX_CHANGES_LIMIT } from '../../app/sync/changesSince.js';
import { devicesReport } from '../../app/sync/devices.js';
import { MAX_SYNC_ITEMS, syncBatch } from '../../app/sync/syncBatch.js';
import type { Store } from '../../store/openStore.js';
import { scopeOf } from '../scope.js';
import { auditRequest } from '../auth/auditRequest.js';
import { callerOf } from '../auth/authenticate.js';
import { doseInput, errorResponses, idNumberInput, placeCode, placeList, visitInput } from '../schemas.js';

/**
 * Items are typed but their content is not checked here: an unknown outcome, a malformed id or
 * an unknown resident is refused by the app for that item alone (`rejected`), and the others
 * are stored. Only a batch that is not a batch (items not objects, an unknown `kind`, text
 * where a number belongs) is refused whole, with 400.
 */
const residentKey = z
  .object({
    county: z.string().meta({ description: 'The resident’s county code (6 digits)', examples: ['430321'] }),
    id: z.number().meta({ description: 'The resident’s id in that county (the worklist’s `residentId`)' }),
  })
  .meta({
    description:
      'The resident’s key, as the worklist gives it (`residentId`, and the county: the first 6 digits of `gridCode`). Give this or `idNumber`, not both.',
  });

/** Whose record: exactly one of the two (checked per item by the app: `sync.resident`). */
const residentRef = {
  idNumber: idNumberInput.optional().meta({
    description: 'The resident’s full ID number. Give this or `resident`, not both.',
  }),
  resident: residentKey.optional(),
};

const syncItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('visit'),
    id: z.string().meta({ description: 'The record id the phone made (a UUID)' }),
    ...residentRef,
    visit: visitInput,
  }),
  z.object({
    kind: z.literal('dose'),
    id: z.string().meta({ description: 'The record id the phone made (a UUID)' }),
    ...residentRef,
    dose: doseInput,
  }),
]);

const itemError = z.object({
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
  field: z.string().nullish(),
});

const itemResult = z.object({
  id: z.string(),
  kind: z.enum(['visit', 'dose']),
  result: z.enum(['stored', 'duplicate', 'rejected', 'conflict']),
  error: itemError.optional().meta({ description: 'Why, for `rejected` and `conflict`' }),
});

export const syncRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/sync',
      {
        config: { permission: 'sync.write' },
        schema: {
          tags: ['sync'],
          summary: 'Upload a phone’s offline visits and doses, item by item',
          // 5,000 fully filled visits are under 3 MiB of JSON (test/api/sync.test.ts measures
          // it), well inside the server's 10 MiB body limit: no route-level limit is needed.
          description:
            'Answers 200 with one result per item, in order: `stored`, `duplicate` (already stored with the same id and content: a retried upload is harmless), `rejected` (the item is invalid or refused by a rule; the error says why) or `conflict` (the id was used for different content). One bad item never sinks the others, and each stored item is whole. ' +
            'Each item names its resident either by full `idNumber` or by `resident: {county, id}` (the key the worklist gives, so a grid member’s phone never needs the full number); both or neither rejects the item (`sync.resident`). A resident outside the caller’s places is `resident.not-found`, as one who does not exist. ' +
            `At most ${MAX_SYNC_ITEMS} items a batch (\`sync.items\`): a phone splits a longer outbox. ` +
            '`cursor` is the change log’s high-water mark when the batch committed; a phone still pulls `GET /sync/changes` from its own last pull cursor.',
          body: z.object({
            deviceId: z.string().trim().min(1).max(100),
            userName: z.string().trim().min(1).max(100).optional().meta({
              description: 'Ignored: the signed-in user is recorded with the device and its records',
            }),
            items: z.array(syncItem),
          }),
          response: {
            200: z.object({
              deviceId: z.string(),
              received: z.number().int(),
              stored: z.number().int(),
              duplicates: z.number().int(),
              rejected: z.number().int(),
              conflicts: z.number().int(),
              results: z.array(itemResult),
              cursor: z.number().int(),
            }),
            ...errorResponses(400),
          },
        },
      },
      async (req) => {
        const result = await syncBatch(store, {
          deviceId: req.body.deviceId,
          userName: callerOf(req).username,
          items: req.body.items,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'sync.batch',
          entity: 'device',
          entityId: result.deviceId,
          detail: {
            received: result.received,
            stored: result.stored,
            duplicates: result.duplicates,
            rejected: result.rejected,
            conflicts: result.conflicts,
            cursor: result.cursor,
          },
        });
        return result;
      },
    );

    app.get(
      '/sync/changes',
      {
        config: { permission: 'sync.read' },
        schema: {
          tags: ['sync'],
          summary: 'Visits and doses recorded in some grids (or villages) since a cursor',
          description:
            'What a phone pulls to bring its offline copy of its grids up to date (records other phones and the site made). Start from cursor 0; pass the answer’s `cursor` next time; `more` says another page is waiting.',
          querystring: z.object({
            grids: placeList,
            cursor: z.coerce.number().int().min(0).default(0),
            limit: z.coerce.number().int().min(1).max(MAX_CHANGES_LIMIT).optional(),
          }),
          response: {
            200: z.object({
              cursor: z.number().int(),
              items: z.array(
                z.object({
                  seq: z.number().int(),
                  entity: z.enum(['visit', 'dose']),
                  id: z.string(),
                  residentId: z.number().int(),
                  gridCode: z.string(),
                  record: z
                    .record(z.string(), z.unknown())
                    .meta({ description: 'The visit or dose as stored' }),
                }),
              ),
              more: z.boolean(),
            }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) =>
        changesSince(store, {
          grids: req.query.grids,
          cursor: req.query.cursor,
          limit: req.query.limit,
          scope: scopeOf(req),
        }),
    );

    app.get(
      '/devices',
      {
        config: { permission: 'devices.read' },
        schema: {
          tags: ['sync'],
          summary: 'Phones that synced: who, when last, and whether they reported today',
          description:
            'For the village grid head: a phone that has not reported today holds visits the battle map does not show yet.',
          querystring: z.object({ place: placeCode.optional() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  deviceId: z.string(),
                  userName: z.string().nullable(),
                  lastSyncAt: z.string(),
                  batches: z.number().int(),
                  items: z.number().int(),
                  reportedToday: z.boolean(),
                }),
              ),
            }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) => ({ items: await devicesReport(store, { place: req.query.place, scope: scopeOf(req) }) }),
    );
  };
