import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAnswerable } from '../../app/teams/answerableFor.js';
import { setAnswerable } from '../../app/teams/setAnswerable.js';
import type { Store } from '../../store/openStore.js';
import { auditRequest } from '../auth/auditRequest.js';
import { callerOf } from '../auth/authenticate.js';
import { scopeOf } from '../scope.js';
import { errorResponses, placeCode } from '../schemas.js';
import { answerableUnit, cadreInput } from './teamSchemas.js';

/** The cadres answerable for units (包保责任人), under the 'teams' tag. */
export const answerableRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ place: placeCode });

    app.get(
      '/answerable/:place',
      {
        config: { permission: 'teams.read' },
        schema: {
          tags: ['teams'],
          summary: 'A unit and its children, each with the cadre answerable for it (包保责任人)',
          description:
            '县包乡、乡包村组: a county lists its townships with their county cadres, a township its villages with their township cadres. `answeredBy` says which level of cadre a unit should have; `cadre` is null until one is named.',
          params,
          response: {
            200: z.object({ unit: answerableUnit, children: z.array(answerableUnit) }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (req) => listAnswerable(store, { place: req.params.place, scope: scopeOf(req) }),
    );

    app.put(
      '/answerable/:place',
      {
        config: { permission: 'teams.write' },
        schema: {
          tags: ['teams'],
          summary: 'Name the cadre answerable for a township or village (replaces any before)',
          description:
            'A township gets a county cadre, a village a township cadre: `cadreLevel`, when given, must pair (422 `answerable.level-pairing`); a county or grid has none (400 `answerable.level`). Named by the level above: the caller must see the unit’s parent (403 `answerable.assigned-above`).',
          params,
          body: cadreInput,
          response: { 200: z.object({ unit: answerableUnit }), ...errorResponses(400, 404, 422) },
        },
      },
      async (req) => {
        const { unit, before } = await setAnswerable(store, {
          place: req.params.place,
          cadre: req.body,
          by: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'answerable.set',
          entity: 'place',
          entityId: unit.code,
          detail: {
            before: before && { name: before.name, title: before.title, phone: before.phone },
            after: unit.cadre && { name: unit.cadre.name, title: unit.cadre.title, phone: unit.cadre.phone },
          },
        });
        return { unit };
      },
    );
  };
