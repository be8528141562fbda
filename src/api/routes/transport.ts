import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { myTrips, transportBoard } from '../../app/transport/board.js';
import { addDriver, addVehicle, listDrivers, listVehicles } from '../../app/transport/fleet.js';
import { moveRequest } from '../../app/transport/moveRequest.js';
import { planDay } from '../../app/transport/planDay.js';
import { requestTransport } from '../../app/transport/requestTransport.js';
import { acceptSuggestions, suggestRequests } from '../../app/transport/suggestRequests.js';
import type { TransportActor } from '../../app/transport/transportInput.js';
import { addRider, createTrip } from '../../app/transport/trips.js';
import { TRANSPORT_STATUSES } from '../../domain/transportStatus.js';
import type { Store } from '../../store/openStore.js';
import { auditRequest } from '../auth/auditRequest.js';
import { callerOf } from '../auth/authenticate.js';
import { scopeOf } from '../scope.js';
import {
  bilingual,
  campaignIdParam,
  errorResponses,
  idNumberInput,
  instant,
  residentIdInput,
  unmaskedFlag,
} from '../schemas.js';
import {
  acceptResult,
  boardView,
  dayPlanView,
  driverView,
  idParam,
  myTripsView,
  rideView,
  suggestionView,
  transportDay,
  transportPlace,
  tripView,
  vehicleView,
  windowText,
} from './transportSchemas.js';

const TAGS = ['transport'];

const actor = (req: FastifyRequest): TransportActor => {
  const c = callerOf(req);
  return { name: c.displayName, userId: c.id, role: c.role };
};

const placeQuery = z.object({ place: transportPlace });

/** Transport 上门接送 (issue 8): drivers, vehicles, requests, suggestions, trips, moves, the board. */
export const transportRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/transport/drivers',
      {
        config: { permission: 'transport.read' },
        schema: {
          tags: TAGS,
          summary: "A township's drivers (接送司机)",
          description:
            'The drivers of the place’s township based at the place or under it (a township lists all of its drivers, a village its own volunteers).',
          querystring: placeQuery,
          response: { 200: z.object({ items: z.array(driverView) }), ...errorResponses(400, 404) },
        },
      },
      async (req) => ({ items: await listDrivers(store, { place: req.query.place, scope: scopeOf(req) }) }),
    );

    app.post(
      '/transport/drivers',
      {
        config: { permission: 'transport.write' },
        schema: {
          tags: TAGS,
          summary: 'Register a driver',
          description:
            'A driver of a township, based at the township or one of its villages. `username` links a gridvax account of role `driver` (422 `transport.driver-role` for another role, 409 `transport.driver-user-taken` if linked already): that account then sees the driver’s trips at GET /transport/my-trips.',
          body: z.object({
            place: transportPlace,
            name: z.string().trim().min(1).max(100),
            phone: z.string().trim().min(1).max(30),
            username: z.string().trim().min(1).max(100).optional(),
          }),
          response: { 201: driverView, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const d = await addDriver(store, { ...req.body, scope: scopeOf(req) });
        await auditRequest(store, req, {
          action: 'transport.driver-add',
          entity: 'transport-driver',
          entityId: d.id,
          detail: { place: d.place, name: d.name, username: d.username },
        });
        return reply.status(201).send(d);
      },
    );

    app.get(
      '/transport/vehicles',
      {
        config: { permission: 'transport.read' },
        schema: {
          tags: TAGS,
          summary: "A township's vehicles",
          description:
            'The vehicles of the place’s township based at the place or under it, with their seats.',
          querystring: placeQuery,
          response: { 200: z.object({ items: z.array(vehicleView) }), ...errorResponses(400, 404) },
        },
      },
      async (req) => ({ items: await listVehicles(store, { place: req.query.place, scope: scopeOf(req) }) }),
    );

    app.post(
      '/transport/vehicles',
      {
        config: { permission: 'transport.write' },
        schema: {
          tags: TAGS,
          summary: 'Register a vehicle',
          description:
            'Seats count riders only (the driver’s seat is not counted); `accessible` if it takes a wheelchair. 409 `transport.plate-taken` for a plate registered already in the county.',
          body: z.object({
            place: transportPlace,
            plate: z.string().trim().min(1).max(20),
            seats: z.number().int(),
            accessible: z.boolean().optional(),
          }),
          response: { 201: vehicleView, ...errorResponses(400, 404, 409) },
        },
      },
      async (req, reply) => {
        const v = await addVehicle(store, { ...req.body, scope: scopeOf(req) });
        await auditRequest(store, req, {
          action: 'transport.vehicle-add',
          entity: 'transport-vehicle',
          entityId: v.id,
          detail: { place: v.place, plate: v.plate, seats: v.seats, accessible: v.accessible },
        });
        return reply.status(201).send(v);
      },
    );

    app.post(
      '/transport/requests',
      {
        config: { permission: 'transport.write' },
        schema: {
          tags: TAGS,
          summary: 'Book a ride for a resident (预约接送)',
          description:
            'The grid member’s “book transport” form. The resident is named in the body (never the URL): by `idNumber`, or by `residentId` (with `county`) as the worklist gives it — one of the two, else 400 `transport.resident`. `siteId` defaults to the township’s first open site (its health centre); `pickUp` to the household’s address. Refused: 409 `transport.duplicate` (a live ride that day already), 422 `transport.site-township` (the site does not serve the resident’s township), `transport.past-day`, `transport.after-hours`, `transport.resident-inactive`, `transport.no-site`, `transport.pick-up` (no address on the register: give one).',
          body: z.object({
            idNumber: idNumberInput.optional(),
            residentId: residentIdInput.optional().meta({
              description:
                'Instead of `idNumber`: the resident id a worklist or suggestion gave (a phone holding masked ID numbers need not type the full one)',
            }),
            county: z
              .string()
              .regex(/^\d{6}$/)
              .optional()
              .meta({
                description: "With `residentId`: the resident's county (the first 6 digits of the grid code)",
              }),
            day: transportDay,
            window: windowText,
            siteId: z.number().int().positive().optional(),
            pickUp: z.string().max(500).optional(),
            wheelchair: z.boolean().optional(),
            companion: z.boolean().optional().meta({ description: 'A companion rides along (takes a seat)' }),
            note: z.string().max(500).optional(),
            campaignId: z.number().int().positive().optional(),
          }),
          response: { 201: rideView, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const { residentId, county, ...rest } = req.body;
        const ride = await requestTransport(store, {
          ...rest,
          ...(residentId === undefined ? {} : { resident: { id: residentId, county: county ?? null } }),
          by: actor(req),
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'transport.request',
          entity: 'transport-request',
          entityId: ride.id,
          detail: {
            residentId: ride.residentId,
            county: ride.county,
            day: ride.day,
            window: ride.windowText,
            siteId: ride.site.id,
          },
        });
        return reply.status(201).send(ride);
      },
    );

    app.get(
      '/transport/suggestions',
      {
        config: { permission: 'transport.read' },
        schema: {
          tags: TAGS,
          summary: 'Residents who should be offered a ride on a day',
          description:
            'Residents 60 and over with limited mobility or a remote home, booked for the day in the campaign, with no ride asked for yet; each with the township’s site and a morning window. `place` may be a township, village or grid. Accept them with POST /transport/suggestions/accept.',
          querystring: z.object({
            campaign: campaignIdParam,
            place: transportPlace,
            day: transportDay,
          }),
          response: {
            200: z.object({
              campaignId: z.number().int(),
              place: z.string(),
              day: z.string(),
              criteria: bilingual,
              suggestions: z.array(suggestionView),
            }),
            ...errorResponses(400, 404, 422),
          },
        },
      },
      async (req) =>
        suggestRequests(store, {
          campaignId: req.query.campaign,
          place: req.query.place,
          day: req.query.day,
          scope: scopeOf(req),
        }),
    );

    app.post(
      '/transport/suggestions/accept',
      {
        config: { permission: 'transport.write' },
        schema: {
          tags: TAGS,
          summary: 'Turn suggestions into ride requests, item by item',
          description:
            'Without `items`, every current suggestion of the place and day is accepted as suggested; with them, those residents, each with what the dispatcher changed (window, site, pick-up, wheelchair, companion). Each item is answered on its own: `created` with the ride, or `refused` with the error (e.g. `transport.not-suggested`); one refused item never sinks the others.',
          body: z.object({
            campaignId: z.number().int().positive(),
            place: transportPlace,
            day: transportDay,
            items: z
              .array(
                z.object({
                  residentId: residentIdInput,
                  county: z
                    .string()
                    .regex(/^\d{6}$/)
                    .optional(),
                  window: windowText.optional(),
                  siteId: z.number().int().positive().optional(),
                  pickUp: z.string().max(500).optional(),
                  wheelchair: z.boolean().optional(),
                  companion: z.boolean().optional(),
                  note: z.string().max(500).optional(),
                }),
              )
              .max(1000)
              .optional(),
          }),
          response: {
            200: z.object({
              created: z.number().int(),
              refused: z.number().int(),
              results: z.array(acceptResult),
            }),
            ...errorResponses(400, 404, 422),
          },
        },
      },
      async (req) => {
        const r = await acceptSuggestions(store, { ...req.body, by: actor(req), scope: scopeOf(req) });
        if (r.created > 0) {
          await auditRequest(store, req, {
            action: 'transport.suggestions-accept',
            entity: 'transport-request',
            detail: {
              place: req.body.place,
              day: req.body.day,
              created: r.results.flatMap((x) => (x.result === 'created' ? [x.ride.id] : [])),
              refused: r.refused,
            },
          });
        }
        return r;
      },
    );

    app.post(
      '/transport/plan',
      {
        config: { permission: 'transport.write' },
        schema: {
          tags: TAGS,
          summary: 'Plan the day’s trips (派车) of a township or village',
          description:
            'Groups the waiting rides into trips by window, site, village and seats, with the township’s vehicles and drivers; `explanation` says how, step by step. Existing trips with seats left are filled first; a trip under way takes no one more. Rides no vehicle can take are listed in `unplanned` with the reason. Written whole or not at all.',
          body: z.object({ place: transportPlace, day: transportDay }),
          response: { 200: dayPlanView, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req) => {
        const plan = await planDay(store, { ...req.body, by: actor(req), scope: scopeOf(req) });
        if (plan.assigned > 0) {
          await auditRequest(store, req, {
            action: 'transport.plan',
            entity: 'transport-trip',
            detail: {
              place: plan.place,
              day: plan.day,
              trips: plan.trips.map((t) => ({ id: t.id, riders: t.riders.map((r) => r.id) })),
              unplanned: plan.unplanned.map((u) => u.ride.id),
            },
          });
        }
        return plan;
      },
    );

    app.post(
      '/transport/trips',
      {
        config: { permission: 'transport.write' },
        schema: {
          tags: TAGS,
          summary: 'Put a vehicle on the road by hand: a trip for a village, window and site',
          description:
            'The vehicle (and driver, optional) must belong to the village’s township; 409 `trip.vehicle-busy` / `trip.driver-busy` when either is on another trip in an overlapping window. Add riders with POST /transport/trips/{id}/riders.',
          body: z.object({
            village: z.string().regex(/^\d{12}$/, 'a 12-digit village code'),
            day: transportDay,
            window: windowText,
            siteId: z.number().int().positive().optional(),
            vehicleId: z.number().int().positive(),
            driverId: z.number().int().positive().optional(),
          }),
          response: { 201: tripView, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const trip = await createTrip(store, { ...req.body, by: actor(req), scope: scopeOf(req) });
        await auditRequest(store, req, {
          action: 'transport.trip-create',
          entity: 'transport-trip',
          entityId: trip.id,
          detail: {
            village: trip.villageCode,
            day: trip.day,
            window: trip.windowText,
            vehicleId: trip.vehicle.id,
            driverId: trip.driver?.id ?? null,
          },
        });
        return reply.status(201).send(trip);
      },
    );

    app.post(
      '/transport/trips/:id/riders',
      {
        config: { permission: 'transport.write' },
        schema: {
          tags: TAGS,
          summary: 'Add a waiting ride to a trip',
          description:
            'The ride must be `requested`, for the trip’s day, site and window (422 `trip.other-day`, `trip.other-site`, `trip.other-window`); a wheelchair needs an accessible vehicle (`trip.not-accessible`). A ride that needs more seats than are left is refused 422 `trip.over-seats`, and nothing is written.',
          params: z.object({ id: idParam }),
          body: z.object({ requestId: z.number().int().positive() }),
          response: {
            200: z.object({ trip: tripView, ride: rideView }),
            ...errorResponses(400, 404, 409, 422),
          },
        },
      },
      async (req) => {
        const r = await addRider(store, {
          tripId: req.params.id,
          requestId: req.body.requestId,
          by: actor(req),
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'transport.rider-add',
          entity: 'transport-request',
          entityId: r.ride.id,
          detail: {
            tripId: r.trip.id,
            before: { status: 'requested', tripId: null },
            after: { status: 'assigned', tripId: r.trip.id },
          },
        });
        return r;
      },
    );

    app.post(
      '/transport/requests/:id/moves',
      {
        config: { permission: 'transport.write' },
        schema: {
          tags: TAGS,
          summary: 'Move a ride along: picked-up, vaccinated, returned, or cancelled',
          description:
            'requested → assigned (by a trip) → picked-up → vaccinated → returned; picked-up → returned with a reason (screened out at the site); cancelled with a reason from any state before returned. Anything else is 422 `transport.bad-transition`, naming from and to. A driver account may only move rides on its own trips (403 `transport.not-your-trip`). “vaccinated” is accepted without a dose record and shown as a mismatch (`mismatch: true`) until the site’s dose is recorded. `at` records when it happened (default now; not in the future; on the ride’s day).',
          params: z.object({ id: idParam }),
          body: z.object({
            to: z.enum(TRANSPORT_STATUSES),
            reason: z.string().max(500).optional(),
            at: instant.optional(),
          }),
          response: {
            200: z.object({
              from: z.enum(TRANSPORT_STATUSES),
              to: z.enum(TRANSPORT_STATUSES),
              ride: rideView,
            }),
            ...errorResponses(400, 404, 409, 422),
          },
        },
      },
      async (req) => {
        const moved = await moveRequest(store, {
          requestId: req.params.id,
          ...req.body,
          by: actor(req),
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'transport.move',
          entity: 'transport-request',
          entityId: moved.ride.id,
          detail: {
            before: { status: moved.from },
            after: { status: moved.to },
            reason: moved.ride.reason,
            residentId: moved.ride.residentId,
          },
        });
        return moved;
      },
    );

    app.get(
      '/transport/board/:place',
      {
        config: { permission: 'transport.read' },
        schema: {
          tags: TAGS,
          summary: 'The day’s transport board (接送看板) of a township, village or grid',
          description:
            'Every ride of the place’s residents that day by status, the trips (driver, vehicle, window, site, riders), who is still out and how many “vaccinated” marks lack a dose record. ID and phone numbers are masked unless `unmasked=true`.',
          params: z.object({ place: transportPlace }),
          querystring: z.object({ day: transportDay.optional(), unmasked: unmaskedFlag }),
          response: { 200: boardView, ...errorResponses(400, 404) },
        },
      },
      async (req) =>
        transportBoard(store, {
          place: req.params.place,
          ...(req.query.day ? { day: req.query.day } : {}),
          unmasked: req.query.unmasked,
          scope: scopeOf(req),
        }),
    );

    app.get(
      '/transport/my-trips',
      {
        config: { permission: 'transport.read' },
        schema: {
          tags: TAGS,
          summary: 'The signed-in driver’s own trips of a day',
          description:
            'For the driver’s phone: the trips of the driver linked to this account (by window), each with its site, vehicle and riders — name, pick-up place, wheelchair, companion, status — to mark picked-up, vaccinated and returned. ID and phone numbers are masked unless `unmasked=true` (which a driver account may not ask). An account linked to no driver gets `driver: null` and no trips. `day` defaults to today.',
          querystring: z.object({ day: transportDay.optional(), unmasked: unmaskedFlag }),
          response: { 200: myTripsView, ...errorResponses(400) },
        },
      },
      async (req) =>
        myTrips(store, {
          userId: callerOf(req).id,
          ...(req.query.day ? { day: req.query.day } : {}),
          unmasked: req.query.unmasked,
          scope: scopeOf(req),
        }),
    );
  };
