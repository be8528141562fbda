/**
 * Planning a day's trips (派车) for a township or a village of it: the requests still waiting
 * are grouped into trips by planTrips (src/domain/transportPlan.ts, whose steps the answer
 * repeats), and the plan is written in one transaction — every new trip, every seat taken, every
 * ride moved to assigned — or not at all.
 */
import { conflict, type Bilingual } from '../../domain/errors.js';
import { planTrips, type PlanTrip, type UnplannedCode } from '../../domain/transportPlan.js';
import type { Store } from '../../store/openStore.js';
import {
  driversUnder,
  insertMove,
  insertTrip,
  lockTownshipVehicles,
  requestsOnTrips,
  requestsUnder,
  ridersPeople,
  takeSeats,
  tripsOfTownship,
  tripsUsing,
  updateRequestIf,
  vehiclesUnder,
  type RequestRow,
} from '../../store/fieldops/transportQueries.js';
import { inScope, type Scope } from '../records/findResident.js';
import { requireDay, requireTransportPlace, type TransportActor } from './transportInput.js';
import { movedMeanwhile, tripViews } from './trips.js';
import { describeRides, type RideView, type TripView } from './transportViews.js';

export interface PlanDayInput {
  /** A township, or a village of it (its riders only; the township's vehicles and drivers). */
  place: string;
  day: string;
  by: TransportActor;
  scope?: Scope;
}

export interface DayPlan {
  place: string;
  day: string;
  /** How the trips were made (PLAN_EXPLANATION), to show beside them. */
  explanation: Bilingual[];
  /** Rides put on trips by this plan. */
  assigned: number;
  /** The trips that got riders (new ones and existing ones filled), with all their riders. */
  trips: TripView[];
  /** Rides no vehicle could take, with why. */
  unplanned: { ride: RideView; code: UnplannedCode; message: Bilingual }[];
}

const UNDER_WAY: readonly RequestRow['status'][] = ['picked-up', 'vaccinated', 'returned'];

export async function planDay(store: Store, input: PlanDayInput): Promise<DayPlan> {
  const { place, township } = await requireTransportPlace(store, input.place, input.scope);
  const day = requireDay(store, input.day, { notPast: true });
  const now = store.now().toISOString();

  const outcome = await store.transaction(async (trx) => {
    await lockTownshipVehicles(trx, store.dialect, township);
    const waiting = (await requestsUnder(trx, place.code, day)).filter(
      (r) => r.status === 'requested' && r.trip_id === null && inScope(input.scope, r.grid_code),
    );
    const vehicles = (await vehiclesUnder(trx, township)).filter((v) => v.active === 1);
    const drivers = (await driversUnder(trx, township)).filter((d) => d.active === 1);
    const dayTrips = new Map(
      [
        ...(await tripsOfTownship(trx, township, day)),
        ...(await tripsUsing(
          trx,
          day,
          vehicles.map((v) => v.id),
          drivers.map((d) => d.id),
        )),
      ].map((t) => [t.id, t]),
    );
    const aboard = await requestsOnTrips(trx, [...dayTrips.keys()]);
    const people = await ridersPeople(
      trx,
      waiting.map((r) => ({ county: r.county_code, residentId: r.resident_id })),
    );
    const existing: PlanTrip[] = [...dayTrips.values()].map((t) => {
      const riders = aboard.filter((r) => r.trip_id === t.id && r.status !== 'cancelled');
      return {
        id: t.id,
        vehicleId: t.vehicle_id,
        driverId: t.driver_id,
        window: { from: t.window_from, to: t.window_to },
        siteId: t.site_id,
        seats: t.seats,
        seatsUsed: t.seats_used,
        accessible: vehicles.find((v) => v.id === t.vehicle_id)?.accessible === 1,
        villages: [...new Set([t.village_code, ...riders.map((r) => r.grid_code.slice(0, 12))])],
        open:
          t.township_code === township &&
          inScope(input.scope, t.village_code) &&
          !riders.some((r) => UNDER_WAY.includes(r.status)),
      };
    });
    const plan = planTrips({
      requests: waiting.map((r) => ({
        id: r.id,
        village: r.grid_code.slice(0, 12),
        household: people.get(`${r.county_code}:${r.resident_id}`)?.household_id ?? null,
        window: { from: r.window_from, to: r.window_to },
        siteId: r.site_id,
        wheelchair: r.wheelchair === 1,
        companion: r.companion === 1,
      })),
      vehicles: vehicles.map((v) => ({ id: v.id, seats: v.seats, accessible: v.accessible === 1 })),
      drivers: drivers.map((d) => ({ id: d.id })),
      trips: existing,
    });

    const stale = () =>
      conflict({
        code: 'transport.plan-stale',
        message: {
          zh: '排车期间车次已被他人改动，请重新排车',
          en: 'the trips changed while planning: plan again',
        },
      });
    const touched: number[] = [];
    for (const t of plan.trips) {
      let tripId = t.tripId;
      if (tripId === null) {
        const made = await insertTrip(trx, {
          county_code: township.slice(0, 6),
          township_code: township,
          village_code: t.villages[0] ?? place.code,
          day,
          window_from: t.window.from,
          window_to: t.window.to,
          site_id: t.siteId,
          vehicle_id: t.vehicleId,
          driver_id: t.driverId,
          seats: t.seats,
          seats_used: t.seatsUsed,
          origin: 'plan',
          created_at: now,
          created_by: input.by.name,
        });
        tripId = made.id;
      } else {
        const before = dayTrips.get(tripId)?.seats_used ?? 0;
        if (!(await takeSeats(trx, tripId, t.seatsUsed - before))) throw stale();
      }
      touched.push(tripId);
      for (const requestId of t.riders) {
        const moved = await updateRequestIf(trx, requestId, 'requested', {
          status: 'assigned',
          trip_id: tripId,
          updated_at: now,
        });
        if (!moved) throw movedMeanwhile(requestId);
        await insertMove(trx, {
          request_id: requestId,
          at: now,
          from_status: 'requested',
          to_status: 'assigned',
          by_name: input.by.name,
          by_user: input.by.userId,
          trip_id: tripId,
          reason: null,
          recorded_at: now,
        });
      }
    }
    return { plan, touched, waiting };
  });

  const unplannedRows = outcome.plan.unplanned.map(
    (u) => outcome.waiting.find((r) => r.id === u.requestId) as RequestRow,
  );
  const rides = await describeRides(store.db, unplannedRows, false);
  return {
    place: place.code,
    day,
    explanation: [...outcome.plan.explanation],
    assigned: outcome.plan.trips.reduce((n, t) => n + t.riders.length, 0),
    trips: await tripViews(store, outcome.touched, input.scope ? { scope: input.scope } : {}),
    unplanned: outcome.plan.unplanned.map((u, i) => ({
      ride: rides[i] as RideView,
      code: u.code,
      message: u.message,
    })),
  };
}
