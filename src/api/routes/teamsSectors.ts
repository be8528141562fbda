import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sectorLedger } from '../../app/teams/sectorLedger.js';
import { sectorProgress } from '../../app/teams/sectorProgress.js';
import { setEmployment } from '../../app/teams/setEmployment.js';
import { SECTORS } from '../../domain/sectors.js';
import type { Store } from '../../store/openStore.js';
import { auditRequest } from '../auth/auditRequest.js';
import { scopeOf } from '../scope.js';
import {
  campaignIdParam,
  errorResponses,
  idNumberInput,
  limit,
  offset,
  placeCode,
  unmaskedFlag,
} from '../schemas.js';
import {
  employment,
  employmentInput,
  sectorLedger as sectorLedgerSchema,
  sectorProgress as sectorProgressSchema,
} from './teamSchemas.js';

/** Sector responsibility (行业监管): residents' employers and sectors, progress and ledgers by sector. */
export const sectorRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ id: campaignIdParam, place: placeCode });

    app.get(
      '/campaigns/:id/sectors/:place',
      {
        config: { permission: 'progress.read' },
        schema: {
          tags: ['teams'],
          summary: 'Progress by sector (行业监管) under a unit',
          description:
            'For each sector (education, health, party-government …, with its regulator): the residents under the unit who work in it, eligible, done, exempt, deferred, open (deferrals that ended included), unscreened, and completion = done ÷ eligible (a sector has no task number).',
          params,
          response: { 200: sectorProgressSchema, ...errorResponses(400, 404) },
        },
      },
      async (req) =>
        sectorProgress(store, { campaignId: req.params.id, place: req.params.place, scope: scopeOf(req) }),
    );

    app.get(
      '/campaigns/:id/sectors/:place/ledger',
      {
        config: { permission: 'ledger.read' },
        schema: {
          tags: ['teams'],
          summary: 'A sector’s close-out ledger under a unit: its open residents, with their employers',
          description:
            'The ledger (`GET /campaigns/:id/ledger/:place`) of one sector’s residents, for its regulator to send to the schools or firms it oversees. ID and phone numbers are masked unless `unmasked=true`.',
          params,
          querystring: z.object({ sector: z.enum(SECTORS), limit, offset, unmasked: unmaskedFlag }),
          response: { 200: sectorLedgerSchema, ...errorResponses(400, 404) },
        },
      },
      async (req) =>
        sectorLedger(store, {
          campaignId: req.params.id,
          place: req.params.place,
          sector: req.query.sector,
          scope: scopeOf(req),
          unmasked: req.query.unmasked,
          limit: req.query.limit,
          offset: req.query.offset,
        }),
    );

    app.put(
      '/residents/:idNumber/employment',
      {
        config: { permission: 'teams.write' },
        schema: {
          tags: ['teams'],
          summary: 'Record a resident’s employer, sector and public role',
          description:
            'Register extras for the sector’s regulator and the 带头接种公示 list (`publicRole`: cadre, party-member, public-servant); null clears. No campaign status depends on them.',
          params: z.object({ idNumber: idNumberInput }),
          body: employmentInput,
          response: {
            200: z.object({ residentId: z.number().int(), ...employment.shape }),
            ...errorResponses(400, 404, 409),
          },
        },
      },
      async (req) => {
        const r = await setEmployment(store, {
          idNumber: req.params.idNumber,
          employment: req.body,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'resident.employment',
          entity: 'resident',
          entityId: `${r.county}-${r.residentId}`,
          detail: { before: r.before, after: r.after },
        });
        return { residentId: r.residentId, ...r.after };
      },
    );
  };
