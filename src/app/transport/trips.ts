/**
 * Trips by hand: a dispatcher puts a vehicle (and a driver) on the road for a village, a window
 * and a site, and adds riders to it. A rider who does not fit is refused (`trip.over-seats`) and
 * nothing is written: the seat is taken by one conditional update, then the ride is moved, in one
 * transaction.
 */
import { businessRule, conflict, notFound } from '../../domain/errors.js';
import { seatsNeeded } from '../../domain/transportPlan.js';
import { checkMove } from '../../domain/transportStatus.js';
import { parseWindow, sameWindow, windowsOverlap, type TimeWindow } from '../../domain/transportWindow.js';
import type { Store } from '../../store/openStore.js';
import {
  driverById,
  insertMove,
  insertTrip,
  lockTownshipVehicles,
  requestById,
  requestsOnTrips,
  takeSeats,
  tripById,
  tripsByIds,
  tripsUsing,
  updateRequestIf,
  vehicleById,
  type RequestRow,
  type TripRow,
} from '../../store/fieldops/transportQueries.js';
import { inScope, type Scope } from '../records/findResident.js';
import { checkWindowAtSite, siteForRide } from './requestTransport.js';
import { requireDay, requireTransportPlace, type TransportActor } from './transportInput.js';
import { describeRides, describeTrips, type RideView, type TripView } from './transportViews.js';

export const tripNotFound = (id: number) =>
  notFound({
    code: 'trip.not-found',
    field: 'trip',
    message: { zh: `找不到车次 ${id}`, en: `no trip ${id}` },
  });

export const requestNotFound = (id: number) =>
  notFound({
    code: 'transport.request-not-found',
    field: 'request',
    message: { zh: `找不到接送申请 ${id}`, en: `no ride request ${id}` },
  });

/** The trip, if the caller may see it (its village is in their places). */
export async function requireTrip(store: Store, id: number, scope?: Scope): Promise<TripRow> {
  const trip = Number.isInteger(id) ? await tripById(store.db, id) : undefined;
  if (!trip || !inScope(scope, trip.village_code)) throw tripNotFound(id);
  return trip;
}

/** The request, if the caller may see its resident. */
export async function requireRequest(store: Store, id: number, scope?: Scope): Promise<RequestRow> {
  const r = Number.isInteger(id) ? await requestById(store.db, id) : undefined;
  if (!r || !inScope(scope, r.grid_code)) throw requestNotFound(id);
  return r;
}

/** Trips with their riders, described for the caller. */
export async function tripViews(
  store: Store,
  ids: readonly number[],
  options: { unmasked?: boolean; scope?: Scope } = {},
): Promise<TripView[]> {
  const trips = await tripsByIds(store.db, ids);
  const riders = await requestsOnTrips(
    store.db,
    trips.map((t) => t.id),
  );
  return describeTrips(store.db, trips, riders, {
    unmasked: options.unmasked === true,
    ...(options.scope ? { scope: options.scope } : {}),
  });
}

export interface CreateTripInput {
  /** The village the trip is for (12 digits). */
  village: string;
  day: string;
  window: string | TimeWindow;
  siteId?: number | null;
  vehicleId: number;
  driverId?: number | null;
  by: TransportActor;
  scope?: Scope;
}

export async function createTrip(store: Store, input: CreateTripInput): Promise<TripView> {
  const { place, township } = await requireTransportPlace(store, input.village, input.scope, {
    field: 'village',
  });
  if (place.code.length !== 12) {
    throw businessRule({
      code: 'trip.village',
      field: 'village',
      message: { zh: '车次须指定一个村（12 位代码）', en: 'a trip is for a village (a 12-digit code)' },
    });
  }
  const day = requireDay(store, input.day, { notPast: true });
  const window = parseWindow(input.window);
  const site = await siteForRide(store, township, input.siteId);
  checkWindowAtSite(window, site);
  const vehicle = Number.isInteger(input.vehicleId)
    ? await vehicleById(store.db, input.vehicleId)
    : undefined;
  if (!vehicle || vehicle.active !== 1 || vehicle.township_code !== township) {
    throw notFound({
      code: 'transport.vehicle-not-found',
      field: 'vehicleId',
      message: {
        zh: `本乡镇没有在用的车辆 ${input.vehicleId}`,
        en: `no vehicle ${input.vehicleId} in service in the township`,
      },
    });
  }
  const driverId = input.driverId ?? null;
  if (driverId !== null) {
    const driver = Number.isInteger(driverId) ? await driverById(store.db, driverId) : undefined;
    if (!driver || driver.active !== 1 || driver.township_code !== township) {
      throw notFound({
        code: 'transport.driver-not-found',
        field: 'driverId',
        message: {
          zh: `本乡镇没有在岗的司机 ${driverId}`,
          en: `no driver ${driverId} on duty in the township`,
        },
      });
    }
  }
  const trip = await store.transaction(async (trx) => {
    await lockTownshipVehicles(trx, store.dialect, township);
    const others = await tripsUsing(trx, day, [vehicle.id], driverId === null ? [] : [driverId]);
    const clash = others.find((t) => windowsOverlap({ from: t.window_from, to: t.window_to }, window));
    if (clash) {
      const sameVehicle = clash.vehicle_id === vehicle.id;
      throw conflict({
        code: sameVehicle ? 'trip.vehicle-busy' : 'trip.driver-busy',
        field: sameVehicle ? 'vehicleId' : 'driverId',
        message: {
          zh: `${sameVehicle ? `车辆 ${vehicle.plate}` : '该司机'}在 ${clash.window_from}–${clash.window_to} 已有车次 #${clash.id}`,
          en: `${sameVehicle ? `vehicle ${vehicle.plate}` : 'the driver'} is on trip #${clash.id} at ${clash.window_from}–${clash.window_to}`,
        },
      });
    }
    return insertTrip(trx, {
      county_code: township.slice(0, 6),
      township_code: township,
      village_code: place.code,
      day,
      window_from: window.from,
      window_to: window.to,
      site_id: site.id,
      vehicle_id: vehicle.id,
      driver_id: driverId,
      seats: vehicle.seats,
      seats_used: 0,
      origin: 'manual',
      created_at: store.now().toISOString(),
      created_by: input.by.name,
    });
  });
  const [view] = await tripViews(store, [trip.id], input.scope ? { scope: input.scope } : {});
  return view as TripView;
}

export interface AddRiderInput {
  tripId: number;
  requestId: number;
  by: TransportActor;
  scope?: Scope;
}

/** Puts a requested ride on a trip: refused, and nothing written, when it does not fit. */
export async function addRider(
  store: Store,
  input: AddRiderInput,
): Promise<{ trip: TripView; ride: RideView }> {
  const trip = await requireTrip(store, input.tripId, input.scope);
  const request = await requireRequest(store, input.requestId, input.scope);
  checkMove(request.status, 'assigned');
  const mismatch = (code: string, zh: string, en: string) =>
    businessRule({ code, field: 'request', message: { zh, en } });
  if (request.day !== trip.day) {
    throw mismatch(
      'trip.other-day',
      `申请是 ${request.day} 的，车次是 ${trip.day} 的`,
      `the ride is for ${request.day}, the trip for ${trip.day}`,
    );
  }
  if (request.site_id !== trip.site_id) {
    throw mismatch(
      'trip.other-site',
      '申请与车次去往不同的接种点',
      'the ride and the trip go to different sites',
    );
  }
  const tripWindow = { from: trip.window_from, to: trip.window_to };
  if (!sameWindow({ from: request.window_from, to: request.window_to }, tripWindow)) {
    throw mismatch(
      'trip.other-window',
      `申请时段 ${request.window_from}–${request.window_to} 与车次时段 ${trip.window_from}–${trip.window_to} 不同`,
      `the ride's window ${request.window_from}–${request.window_to} is not the trip's ${trip.window_from}–${trip.window_to}`,
    );
  }
  if (request.wheelchair === 1) {
    const vehicle = await vehicleById(store.db, trip.vehicle_id);
    if (vehicle?.accessible !== 1) {
      throw mismatch(
        'trip.not-accessible',
        '坐轮椅的居民只能上无障碍车',
        'a wheelchair rides only in an accessible vehicle',
      );
    }
  }
  const need = seatsNeeded({ companion: request.companion === 1 });
  const now = store.now().toISOString();
  await store.transaction(async (trx) => {
    const aboard = await requestsOnTrips(trx, [trip.id]);
    if (
      aboard.some((r) => r.status === 'picked-up' || r.status === 'vaccinated' || r.status === 'returned')
    ) {
      throw mismatch(
        'trip.under-way',
        '该车次已出发，不能再加人',
        'the trip is under way: no one more can board',
      );
    }
    if (!(await takeSeats(trx, trip.id, need))) {
      const left = (await tripById(trx, trip.id)) ?? trip;
      throw businessRule({
        code: 'trip.over-seats',
        field: 'trip',
        message: {
          zh: `车次 #${trip.id} 只剩 ${left.seats - left.seats_used} 个座位（共 ${left.seats} 座），该申请需要 ${need} 个`,
          en: `trip #${trip.id} has ${left.seats - left.seats_used} of ${left.seats} seats left; the ride needs ${need}`,
        },
      });
    }
    if (
      !(await updateRequestIf(trx, request.id, 'requested', {
        status: 'assigned',
        trip_id: trip.id,
        updated_at: now,
      }))
    ) {
      throw movedMeanwhile(request.id);
    }
    await insertMove(trx, {
      request_id: request.id,
      at: now,
      from_status: 'requested',
      to_status: 'assigned',
      by_name: input.by.name,
      by_user: input.by.userId,
      trip_id: trip.id,
      reason: null,
      recorded_at: now,
    });
  });
  const [tripView] = await tripViews(store, [trip.id], input.scope ? { scope: input.scope } : {});
  const moved = await requestById(store.db, request.id);
  const [ride] = await describeRides(store.db, moved ? [moved] : [], false);
  return { trip: tripView as TripView, ride: ride as RideView };
}

export const movedMeanwhile = (id: number) =>
  conflict({
    code: 'transport.moved-meanwhile',
    field: 'request',
    message: {
      zh: `接送申请 ${id} 刚被他人改动，请刷新后重试`,
      en: `ride request ${id} was changed by someone else just now: reload and try again`,
    },
  });
