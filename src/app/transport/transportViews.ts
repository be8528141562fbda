/**
 * Rides and trips as screens, the API and the CLI show them. Residents' ID numbers and phones are
 * masked unless the caller asked for them in full (and may: the API checks `pii.unmask`).
 */
import type { Kysely } from 'kysely';
import { ageOn } from '../../domain/age.js';
import { shanghaiDayRange } from '../../domain/calendar.js';
import type { Bilingual } from '../../domain/errors.js';
import { maskIdNumber } from '../../domain/idcard.js';
import { maskPhoneOrNull } from '../../domain/pii.js';
import { TRANSPORT_STATUS_LABELS, type TransportStatus } from '../../domain/transportStatus.js';
import { formatWindow, type TimeWindow } from '../../domain/transportWindow.js';
import { seatsNeeded } from '../../domain/transportPlan.js';
import {
  driverById,
  placeNames,
  residentsWithDoseBetween,
  ridersPeople,
  sitesByIds,
  vehicleById,
  type RequestRow,
  type TripRow,
} from '../../store/fieldops/transportQueries.js';
import type { Database } from '../../store/schema.js';
import { inScope, type Scope } from '../records/findResident.js';

export interface RideView {
  id: number;
  county: string;
  residentId: number;
  /** Masked (430321********123X) unless asked for unmasked. */
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  /** Age on the day of the ride. */
  age: number;
  /** Masked (138****5678) unless asked for unmasked, or shown to the driver who fetches them. */
  phone: string | null;
  gridCode: string;
  villageCode: string;
  villageName: string | null;
  day: string;
  window: TimeWindow;
  /** `08:00–10:00`. */
  windowText: string;
  site: { id: number; name: string };
  pickUp: string;
  wheelchair: boolean;
  companion: boolean;
  /** Seats the ride takes: the resident, and a companion. */
  seats: number;
  note: string | null;
  status: TransportStatus;
  statusLabel: Bilingual;
  /** Why it was cancelled, or why the resident went home without a dose. */
  reason: string | null;
  tripId: number | null;
  campaignId: number | null;
  requestedBy: string;
  createdAt: string;
  pickedUpAt: string | null;
  vaccinatedAt: string | null;
  returnedAt: string | null;
  cancelledAt: string | null;
  /**
   * Once marked vaccinated: whether a dose record exists for the resident on the day. Null
   * before (or when they went home without a dose).
   */
  doseRecorded: boolean | null;
  /** Marked vaccinated but no dose recorded that day: to be checked with the site. */
  mismatch: boolean;
}

export interface TripView {
  id: number;
  day: string;
  window: TimeWindow;
  windowText: string;
  township: string;
  villageCode: string;
  villageName: string | null;
  site: { id: number; name: string; address: string };
  vehicle: { id: number; plate: string; seats: number; accessible: boolean };
  driver: { id: number; name: string; phone: string } | null;
  seats: number;
  seatsUsed: number;
  seatsLeft: number;
  origin: 'plan' | 'manual';
  /** `waiting` (nobody picked up yet), `under-way`, or `done` (everyone home or cancelled). */
  progress: 'waiting' | 'under-way' | 'done';
  /** Its riders the caller may see, in boarding order; cancelled ones are left out. */
  riders: RideView[];
  /** Riders outside the caller's places: their seats count, their names are not shown. */
  otherRiders: number;
}

const key = (county: string, residentId: number) => `${county}:${residentId}`;

/** Requests as rides: names from the register, sites, villages, and the dose check. */
export async function describeRides(
  db: Kysely<Database>,
  rows: readonly RequestRow[],
  unmasked: boolean,
  phonesInFull = unmasked,
): Promise<RideView[]> {
  if (rows.length === 0) return [];
  const keys = rows.map((r) => ({ county: r.county_code, residentId: r.resident_id }));
  const [people, sites, villages] = await Promise.all([
    ridersPeople(db, keys),
    sitesByIds(
      db,
      rows.map((r) => r.site_id),
    ),
    placeNames(
      db,
      rows.map((r) => r.grid_code.slice(0, 12)),
    ),
  ]);
  // The dose check: one query per day present (a board is one day; a history could be several).
  const dosed = new Set<string>();
  const marked = rows.filter((r) => r.vaccinated_at !== null);
  for (const day of new Set(marked.map((r) => r.day))) {
    const { start, end } = shanghaiDayRange(day);
    const found = await residentsWithDoseBetween(
      db,
      marked.filter((r) => r.day === day).map((r) => ({ county: r.county_code, residentId: r.resident_id })),
      start,
      end,
    );
    for (const k of found) dosed.add(`${k}@${day}`);
  }
  return rows.map((r) => {
    const p = people.get(key(r.county_code, r.resident_id));
    const site = sites.get(r.site_id);
    const village = r.grid_code.slice(0, 12);
    const doseRecorded =
      r.vaccinated_at === null ? null : dosed.has(`${key(r.county_code, r.resident_id)}@${r.day}`);
    const window = { from: r.window_from, to: r.window_to };
    return {
      id: r.id,
      county: r.county_code,
      residentId: r.resident_id,
      idNumber: p ? (unmasked ? p.id_number : maskIdNumber(p.id_number)) : '',
      name: p?.name ?? '',
      sex: p?.sex ?? 'M',
      age: p ? ageOn(p.birth_date, r.day) : 0,
      phone: p ? (phonesInFull ? p.phone : maskPhoneOrNull(p.phone)) : null,
      gridCode: r.grid_code,
      villageCode: village,
      villageName: villages.get(village) ?? null,
      day: r.day,
      window,
      windowText: formatWindow(window),
      site: { id: r.site_id, name: site?.name ?? '' },
      pickUp: r.pick_up,
      wheelchair: r.wheelchair === 1,
      companion: r.companion === 1,
      seats: seatsNeeded({ companion: r.companion === 1 }),
      note: r.note,
      status: r.status,
      statusLabel: TRANSPORT_STATUS_LABELS[r.status],
      reason: r.status_reason,
      tripId: r.trip_id,
      campaignId: r.campaign_id,
      requestedBy: r.requested_by,
      createdAt: r.created_at,
      pickedUpAt: r.picked_up_at,
      vaccinatedAt: r.vaccinated_at,
      returnedAt: r.returned_at,
      cancelledAt: r.cancelled_at,
      doseRecorded,
      mismatch: doseRecorded === false,
    };
  });
}

function progressOf(riders: readonly RequestRow[]): TripView['progress'] {
  const live = riders.filter((r) => r.status !== 'cancelled');
  if (live.length > 0 && live.every((r) => r.status === 'returned')) return 'done';
  if (live.length === 0) return riders.length > 0 ? 'done' : 'waiting';
  return live.some((r) => r.status !== 'assigned') ? 'under-way' : 'waiting';
}

/** Trips with their vehicle, driver, site and the riders the caller may see. */
export async function describeTrips(
  db: Kysely<Database>,
  trips: readonly TripRow[],
  riders: readonly RequestRow[],
  options: { unmasked: boolean; phonesInFull?: boolean; scope?: Scope },
): Promise<TripView[]> {
  if (trips.length === 0) return [];
  const uniq = (xs: readonly number[]) => [...new Set(xs)];
  const [vehicles, drivers, sites, villages] = await Promise.all([
    Promise.all(uniq(trips.map((t) => t.vehicle_id)).map((id) => vehicleById(db, id))),
    Promise.all(
      uniq(trips.flatMap((t) => (t.driver_id === null ? [] : [t.driver_id]))).map((id) => driverById(db, id)),
    ),
    sitesByIds(
      db,
      trips.map((t) => t.site_id),
    ),
    placeNames(
      db,
      trips.map((t) => t.village_code),
    ),
  ]);
  const visible = riders.filter((r) => r.status !== 'cancelled' && inScope(options.scope, r.grid_code));
  const rides = new Map(
    (await describeRides(db, visible, options.unmasked, options.phonesInFull ?? options.unmasked)).map(
      (r) => [r.id, r],
    ),
  );
  return trips.map((t) => {
    const mine = riders.filter((r) => r.trip_id === t.id);
    const live = mine.filter((r) => r.status !== 'cancelled');
    const shown = live
      .filter((r) => rides.has(r.id))
      .sort((a, b) => a.grid_code.localeCompare(b.grid_code) || a.id - b.id)
      .map((r) => rides.get(r.id) as RideView);
    const v = vehicles.find((x) => x?.id === t.vehicle_id);
    const d = t.driver_id === null ? undefined : drivers.find((x) => x?.id === t.driver_id);
    const site = sites.get(t.site_id);
    const window = { from: t.window_from, to: t.window_to };
    return {
      id: t.id,
      day: t.day,
      window,
      windowText: formatWindow(window),
      township: t.township_code,
      villageCode: t.village_code,
      villageName: villages.get(t.village_code) ?? null,
      site: { id: t.site_id, name: site?.name ?? '', address: site?.address ?? '' },
      vehicle: {
        id: t.vehicle_id,
        plate: v?.plate ?? '',
        seats: v?.seats ?? t.seats,
        accessible: v?.accessible === 1,
      },
      driver: d ? { id: d.id, name: d.name, phone: d.phone } : null,
      seats: t.seats,
      seatsUsed: t.seats_used,
      seatsLeft: t.seats - t.seats_used,
      origin: t.origin,
      progress: progressOf(mine),
      riders: shown,
      otherRiders: live.length - shown.length,
    };
  });
}
