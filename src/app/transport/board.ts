/**
 * The day's transport board (接送看板) of a township, a village or a grid: every ride by status,
 * the trips with their driver, vehicle, window, site and riders, who is still out (picked up,
 * not yet home) and which rides were marked vaccinated with no dose recorded that day. And a
 * driver's own trips, for the phone in the car.
 */
import { TRANSPORT_STATUSES, type TransportStatus } from '../../domain/transportStatus.js';
import type { Store } from '../../store/openStore.js';
import {
  driverOfUser,
  requestsOnTrips,
  requestsUnder,
  tripsOfDriver,
  tripsOfTownship,
} from '../../store/fieldops/transportQueries.js';
import { shanghaiDate } from '../../domain/calendar.js';
import { inScope, type Scope } from '../records/findResident.js';
import { requireDay, requireTransportPlace } from './transportInput.js';
import { describeRides, describeTrips, type RideView, type TripView } from './transportViews.js';

export interface TransportBoard {
  place: string;
  placeName: string;
  day: string;
  counts: Record<TransportStatus, number>;
  /** Every ride of the place's residents that day, by status (oldest request first). */
  byStatus: Record<TransportStatus, RideView[]>;
  /** Picked up or vaccinated and not yet home: whom the township still has on the road. */
  stillOut: number;
  /** Marked vaccinated with no dose recorded that day. */
  mismatches: number;
  /** The day's trips of the place (its villages', and any carrying its residents), by window. */
  trips: TripView[];
}

export interface BoardInput {
  place: string;
  /** Default: today (Asia/Shanghai, the store's "now"). */
  day?: string;
  unmasked?: boolean;
  scope?: Scope;
}

const emptyByStatus = <T>(make: () => T): Record<TransportStatus, T> =>
  Object.fromEntries(TRANSPORT_STATUSES.map((s) => [s, make()])) as Record<TransportStatus, T>;

export async function transportBoard(store: Store, input: BoardInput): Promise<TransportBoard> {
  const { place, township } = await requireTransportPlace(store, input.place, input.scope, { grids: true });
  const day = requireDay(store, input.day ?? shanghaiDate(store.now()));
  const unmasked = input.unmasked === true;
  const requests = (await requestsUnder(store.db, place.code, day)).filter((r) =>
    inScope(input.scope, r.grid_code),
  );
  const carrying = new Set(
    requests.flatMap((r) => (r.trip_id === null || r.status === 'cancelled' ? [] : [r.trip_id])),
  );
  const trips = (await tripsOfTownship(store.db, township, day)).filter(
    (t) => carrying.has(t.id) || (place.code.length <= 12 && t.village_code.startsWith(place.code)),
  );
  const riders = await requestsOnTrips(
    store.db,
    trips.map((t) => t.id),
  );
  const rides = await describeRides(store.db, requests, unmasked);
  const byStatus = emptyByStatus<RideView[]>(() => []);
  for (const r of rides) byStatus[r.status].push(r);
  const counts = emptyByStatus(() => 0);
  for (const s of TRANSPORT_STATUSES) counts[s] = byStatus[s].length;
  return {
    place: place.code,
    placeName: place.name,
    day,
    counts,
    byStatus,
    stillOut: counts['picked-up'] + counts.vaccinated,
    mismatches: rides.filter((r) => r.mismatch).length,
    trips: await describeTrips(store.db, trips, riders, {
      unmasked,
      ...(input.scope ? { scope: input.scope } : {}),
    }),
  };
}

export interface MyTrips {
  day: string;
  /** The driver linked to the signed-in account; null when none is (then no trips). */
  driver: { id: number; name: string; phone: string; township: string } | null;
  trips: TripView[];
}

/** The trips of the driver linked to an account, on a day (default today), by window. */
export async function myTrips(
  store: Store,
  input: { userId: number; day?: string; unmasked?: boolean; scope?: Scope },
): Promise<MyTrips> {
  const day = requireDay(store, input.day ?? shanghaiDate(store.now()));
  const driver = await driverOfUser(store.db, input.userId);
  if (!driver) return { day, driver: null, trips: [] };
  const trips = await tripsOfDriver(store.db, driver.id, day);
  const riders = await requestsOnTrips(
    store.db,
    trips.map((t) => t.id),
  );
  return {
    day,
    driver: { id: driver.id, name: driver.name, phone: driver.phone, township: driver.township_code },
    trips: await describeTrips(store.db, trips, riders, {
      unmasked: input.unmasked === true,
      // A driver calls the riders they fetch ("I am at the gate"): their phones, never their ID numbers.
      phonesInFull: true,
      ...(input.scope ? { scope: input.scope } : {}),
    }),
  };
}
