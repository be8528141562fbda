/**
 * The reads and writes behind transport (上门接送). A day's requests are read by (day, grid_code
 * range) and a township's trips by (township_code, day), so a board or a plan reads one
 * township-day, never a county.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import { codeRange } from '../codeRange.js';
import type { DialectName } from '../dialect.js';
import type { Database } from '../schema.js';
import type { ResidentRow } from '../residentQueries.js';
import type { SitesTable } from './sitesTables.js';
import type {
  TransportDriversTable,
  TransportRequestMovesTable,
  TransportRequestsTable,
  TransportTripsTable,
  TransportVehiclesTable,
} from './transportTables.js';

export type DriverRow = Selectable<TransportDriversTable>;
export type VehicleRow = Selectable<TransportVehiclesTable>;
export type TripRow = Selectable<TransportTripsTable>;
export type RequestRow = Selectable<TransportRequestsTable>;
export type SiteRow = Selectable<SitesTable>;

// pg hands bigserial ids back as numbers (openStore's type parser), SQLite as numbers; ids that
// come from a join or a RETURNING are normalized anyway, so callers compare numbers with numbers.
const n = (v: number | string | null): number | null => (v === null ? null : Number(v));

const driverOf = (r: DriverRow): DriverRow => ({ ...r, id: Number(r.id), user_id: n(r.user_id) });
const vehicleOf = (r: VehicleRow): VehicleRow => ({ ...r, id: Number(r.id) });
const tripOf = (r: TripRow): TripRow => ({
  ...r,
  id: Number(r.id),
  site_id: Number(r.site_id),
  vehicle_id: Number(r.vehicle_id),
  driver_id: n(r.driver_id),
});
const requestOf = (r: RequestRow): RequestRow => ({
  ...r,
  id: Number(r.id),
  resident_id: Number(r.resident_id),
  site_id: Number(r.site_id),
  trip_id: n(r.trip_id),
  campaign_id: n(r.campaign_id),
});

/** A unique index refused a row (PostgreSQL 23505, SQLite's UNIQUE constraint). */
export function isUniqueViolation(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

// ---------------------------------------------------------------------------------------------
// Drivers and vehicles

export async function insertDriver(
  db: Kysely<Database>,
  row: Insertable<TransportDriversTable>,
): Promise<DriverRow> {
  return driverOf(
    await db.insertInto('transport_drivers').values(row).returningAll().executeTakeFirstOrThrow(),
  );
}

/** Drivers of a township (or based under a place of it), active first, by id. */
export async function driversUnder(
  db: Kysely<Database>,
  township: string,
  place = township,
): Promise<DriverRow[]> {
  const { low, high } = codeRange(place);
  const rows = await db
    .selectFrom('transport_drivers')
    .selectAll()
    .where('township_code', '=', township)
    .where('place_code', '>=', low)
    .where('place_code', '<', high)
    .orderBy('active', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(driverOf);
}

export async function driverById(db: Kysely<Database>, id: number): Promise<DriverRow | undefined> {
  const r = await db.selectFrom('transport_drivers').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? driverOf(r) : undefined;
}

export async function driverOfUser(db: Kysely<Database>, userId: number): Promise<DriverRow | undefined> {
  const r = await db
    .selectFrom('transport_drivers')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r ? driverOf(r) : undefined;
}

export async function insertVehicle(
  db: Kysely<Database>,
  row: Insertable<TransportVehiclesTable>,
): Promise<VehicleRow> {
  return vehicleOf(
    await db.insertInto('transport_vehicles').values(row).returningAll().executeTakeFirstOrThrow(),
  );
}

export async function vehiclesUnder(
  db: Kysely<Database>,
  township: string,
  place = township,
): Promise<VehicleRow[]> {
  const { low, high } = codeRange(place);
  const rows = await db
    .selectFrom('transport_vehicles')
    .selectAll()
    .where('township_code', '=', township)
    .where('place_code', '>=', low)
    .where('place_code', '<', high)
    .orderBy('active', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(vehicleOf);
}

export async function vehicleById(db: Kysely<Database>, id: number): Promise<VehicleRow | undefined> {
  const r = await db.selectFrom('transport_vehicles').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? vehicleOf(r) : undefined;
}

export async function vehicleByPlate(
  db: Kysely<Database>,
  county: string,
  plate: string,
): Promise<VehicleRow | undefined> {
  const r = await db
    .selectFrom('transport_vehicles')
    .selectAll()
    .where('county_code', '=', county)
    .where('plate', '=', plate)
    .executeTakeFirst();
  return r ? vehicleOf(r) : undefined;
}

/**
 * On PostgreSQL, locks a township's vehicles for the rest of the transaction: planners and
 * dispatchers of one township take turns, so two of them cannot both put a vehicle on the road
 * in one window. SQLite has one writer at a time already.
 */
export async function lockTownshipVehicles(
  db: Kysely<Database>,
  dialect: DialectName,
  township: string,
): Promise<void> {
  if (dialect !== 'postgres') return;
  await db
    .selectFrom('transport_vehicles')
    .select('id')
    .where('township_code', '=', township)
    .forUpdate()
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Sites (read only: the sites area owns them)

export async function siteById(db: Kysely<Database>, id: number): Promise<SiteRow | undefined> {
  const r = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { ...r, id: Number(r.id) } : undefined;
}

/** A township's active sites, its health centre first (kind sorts `health-centre` < `temporary`). */
export async function activeSitesOf(db: Kysely<Database>, township: string): Promise<SiteRow[]> {
  const rows = await db
    .selectFrom('sites')
    .selectAll()
    .where('township_code', '=', township)
    .where('active', '=', 1)
    .orderBy('kind')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function sitesByIds(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, SiteRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sites')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
}

// ---------------------------------------------------------------------------------------------
// Requests

export async function householdAddress(
  db: Kysely<Database>,
  county: string,
  householdId: string | null,
): Promise<string | null> {
  if (householdId === null) return null;
  const r = await db
    .selectFrom('households')
    .select('address')
    .where('county_code', '=', county)
    .where('id', '=', householdId)
    .executeTakeFirst();
  return r?.address.trim() ? r.address.trim() : null;
}

/** Residents with this id in any county (the key is county + id; naming the counties uses it). */
export async function residentsById(db: Kysely<Database>, id: number): Promise<ResidentRow[]> {
  if (!Number.isSafeInteger(id)) return [];
  return db
    .selectFrom('residents')
    .selectAll()
    .where('county_code', 'in', db.selectFrom('places').select('code').where('level', '=', 'county'))
    .where('id', '=', id)
    .execute();
}

/** The resident's request for the day that is not cancelled, if any. */
export async function liveRequest(
  db: Kysely<Database>,
  county: string,
  residentId: number,
  day: string,
): Promise<RequestRow | undefined> {
  const r = await db
    .selectFrom('transport_requests')
    .selectAll()
    .where('county_code', '=', county)
    .where('resident_id', '=', residentId)
    .where('day', '=', day)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();
  return r ? requestOf(r) : undefined;
}

export async function insertRequest(
  db: Kysely<Database>,
  row: Insertable<TransportRequestsTable>,
): Promise<RequestRow> {
  return requestOf(
    await db.insertInto('transport_requests').values(row).returningAll().executeTakeFirstOrThrow(),
  );
}

export async function requestById(db: Kysely<Database>, id: number): Promise<RequestRow | undefined> {
  const r = await db.selectFrom('transport_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? requestOf(r) : undefined;
}

export async function insertMove(
  db: Kysely<Database>,
  row: Insertable<TransportRequestMovesTable>,
): Promise<void> {
  await db.insertInto('transport_request_moves').values(row).execute();
}

/**
 * Moves a request from one status to another only if it is still in `from` (and on `tripFrom`):
 * false when someone else moved it first, so the caller refuses instead of overwriting.
 */
export async function updateRequestIf(
  db: Kysely<Database>,
  id: number,
  from: RequestRow['status'],
  set: Partial<
    Pick<
      RequestRow,
      | 'status'
      | 'trip_id'
      | 'updated_at'
      | 'picked_up_at'
      | 'vaccinated_at'
      | 'returned_at'
      | 'cancelled_at'
      | 'status_reason'
    >
  >,
): Promise<boolean> {
  const r = await db
    .updateTable('transport_requests')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A day's requests of residents under a place, oldest first. */
export async function requestsUnder(db: Kysely<Database>, place: string, day: string): Promise<RequestRow[]> {
  const { low, high } = codeRange(place);
  const rows = await db
    .selectFrom('transport_requests')
    .selectAll()
    .where('day', '=', day)
    .where('grid_code', '>=', low)
    .where('grid_code', '<', high)
    .orderBy('id')
    .execute();
  return rows.map(requestOf);
}

export async function requestsOnTrips(
  db: Kysely<Database>,
  tripIds: readonly number[],
): Promise<RequestRow[]> {
  if (tripIds.length === 0) return [];
  const rows = await db
    .selectFrom('transport_requests')
    .selectAll()
    .where('trip_id', 'in', [...new Set(tripIds)])
    .orderBy('id')
    .execute();
  return rows.map(requestOf);
}

/** The register columns a request shows, for a set of residents. */
export interface RiderPerson {
  county_code: string;
  id: number;
  id_number: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  phone: string | null;
  household_id: string | null;
  limited_mobility: number;
  remote: number;
}

export async function ridersPeople(
  db: Kysely<Database>,
  keys: readonly { county: string; residentId: number }[],
): Promise<Map<string, RiderPerson>> {
  const out = new Map<string, RiderPerson>();
  const byCounty = new Map<string, number[]>();
  for (const k of keys) byCounty.set(k.county, [...(byCounty.get(k.county) ?? []), k.residentId]);
  for (const [county, ids] of byCounty) {
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('residents')
        .select([
          'county_code',
          'id',
          'id_number',
          'name',
          'sex',
          'birth_date',
          'phone',
          'household_id',
          'limited_mobility',
          'remote',
        ])
        .where('county_code', '=', county)
        .where('id', 'in', [...new Set(ids.slice(i, i + 500))])
        .execute();
      for (const r of rows) out.set(`${r.county_code}:${Number(r.id)}`, { ...r, id: Number(r.id) });
    }
  }
  return out;
}

/** Which of these residents have a dose record in [start, end) (one Shanghai day, as UTC instants). */
export async function residentsWithDoseBetween(
  db: Kysely<Database>,
  keys: readonly { county: string; residentId: number }[],
  start: string,
  end: string,
): Promise<Set<string>> {
  const out = new Set<string>();
  const byCounty = new Map<string, number[]>();
  for (const k of keys) byCounty.set(k.county, [...(byCounty.get(k.county) ?? []), k.residentId]);
  for (const [county, ids] of byCounty) {
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('dose_records')
        .select('resident_id')
        .where('county_code', '=', county)
        .where('resident_id', 'in', [...new Set(ids.slice(i, i + 500))])
        .where('at', '>=', start)
        .where('at', '<', end)
        .execute();
      for (const r of rows) out.add(`${county}:${Number(r.resident_id)}`);
    }
  }
  return out;
}

/** The first dose given in [start, end) to each of these residents of a county: key `county:id` → at. */
export async function firstDoseTimesBetween(
  db: Kysely<Database>,
  county: string,
  residentIds: readonly number[],
  start: string,
  end: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < residentIds.length; i += 500) {
    const rows = await db
      .selectFrom('dose_records')
      .select(['resident_id', 'at'])
      .where('county_code', '=', county)
      .where('resident_id', 'in', [...new Set(residentIds.slice(i, i + 500))])
      .where('at', '>=', start)
      .where('at', '<', end)
      .orderBy('at')
      .execute();
    for (const r of rows) {
      const k = `${county}:${Number(r.resident_id)}`;
      if (!out.has(k)) out.set(k, r.at);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Trips

export async function insertTrip(
  db: Kysely<Database>,
  row: Insertable<TransportTripsTable>,
): Promise<TripRow> {
  return tripOf(await db.insertInto('transport_trips').values(row).returningAll().executeTakeFirstOrThrow());
}

export async function tripById(db: Kysely<Database>, id: number): Promise<TripRow | undefined> {
  const r = await db.selectFrom('transport_trips').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? tripOf(r) : undefined;
}

export async function tripsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<TripRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('transport_trips')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .orderBy('window_from')
    .orderBy('id')
    .execute();
  return rows.map(tripOf);
}

/** A township's trips of a day, by window and id. */
export async function tripsOfTownship(
  db: Kysely<Database>,
  township: string,
  day: string,
): Promise<TripRow[]> {
  const rows = await db
    .selectFrom('transport_trips')
    .selectAll()
    .where('township_code', '=', township)
    .where('day', '=', day)
    .orderBy('window_from')
    .orderBy('id')
    .execute();
  return rows.map(tripOf);
}

/** The day's trips that use any of these vehicles or drivers (wherever they go). */
export async function tripsUsing(
  db: Kysely<Database>,
  day: string,
  vehicleIds: readonly number[],
  driverIds: readonly number[],
): Promise<TripRow[]> {
  if (vehicleIds.length === 0 && driverIds.length === 0) return [];
  const rows = await db
    .selectFrom('transport_trips')
    .selectAll()
    .where('day', '=', day)
    .where((eb) =>
      eb.or([
        ...(vehicleIds.length ? [eb('vehicle_id', 'in', [...vehicleIds])] : []),
        ...(driverIds.length ? [eb('driver_id', 'in', [...driverIds])] : []),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map(tripOf);
}

export async function tripsOfDriver(db: Kysely<Database>, driverId: number, day: string): Promise<TripRow[]> {
  const rows = await db
    .selectFrom('transport_trips')
    .selectAll()
    .where('driver_id', '=', driverId)
    .where('day', '=', day)
    .orderBy('window_from')
    .orderBy('id')
    .execute();
  return rows.map(tripOf);
}

/**
 * Takes `seats` more seats on a trip, only if they are free: one conditional UPDATE, so the last
 * seat goes to one dispatcher only on either engine. False when the trip has too few seats left.
 */
export async function takeSeats(db: Kysely<Database>, tripId: number, seats: number): Promise<boolean> {
  const r = await db
    .updateTable('transport_trips')
    .set((eb) => ({ seats_used: eb('seats_used', '+', seats) }))
    .where('id', '=', tripId)
    .where((eb) => eb(eb('seats_used', '+', seats), '<=', eb.ref('seats')))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives back the seats of a rider who will not ride (cancelled). */
export async function releaseSeats(db: Kysely<Database>, tripId: number, seats: number): Promise<void> {
  await db
    .updateTable('transport_trips')
    .set((eb) => ({ seats_used: eb('seats_used', '-', seats) }))
    .where('id', '=', tripId)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Suggestions

export interface SuggestionRow {
  county_code: string;
  resident_id: number;
  grid_code: string;
  booked_date: string | null;
  id_number: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  household_id: string | null;
  limited_mobility: number;
  remote: number;
  address: string | null;
}

/**
 * Residents under a place who are 60 or over, have limited mobility or a remote home (unless
 * `anyMobility`), are booked for the day in the campaign (open, reason `booked`), are on the
 * register, and have no request for that day yet (a cancelled one counts: whoever cancelled it
 * knew why).
 */
export async function suggestionRows(
  db: Kysely<Database>,
  campaignId: number,
  place: string,
  day: string,
  options: { anyMobility?: boolean } = {},
): Promise<SuggestionRow[]> {
  const { low, high } = codeRange(place);
  const rows = await db
    .selectFrom('campaign_residents as cr')
    .innerJoin('residents as r', (j) =>
      j.onRef('r.county_code', '=', 'cr.county_code').onRef('r.id', '=', 'cr.resident_id'),
    )
    .leftJoin('households as h', (j) =>
      j.onRef('h.county_code', '=', 'r.county_code').onRef('h.id', '=', 'r.household_id'),
    )
    .select([
      'cr.county_code',
      'cr.resident_id',
      'cr.grid_code',
      'cr.booked_date',
      'r.id_number',
      'r.name',
      'r.sex',
      'r.birth_date',
      'r.household_id',
      'r.limited_mobility',
      'r.remote',
      'h.address',
    ])
    .where('cr.campaign_id', '=', campaignId)
    .where('cr.grid_code', '>=', low)
    .where('cr.grid_code', '<', high)
    .where('cr.status', '=', 'open')
    .where('cr.reason', '=', 'booked')
    .where('cr.booked_date', '=', day)
    .where('cr.sixty_plus', '=', 1)
    .where('r.status', '=', 'active')
    .$if(options.anyMobility !== true, (qb) =>
      qb.where((eb) => eb.or([eb('r.limited_mobility', '=', 1), eb('r.remote', '=', 1)])),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('transport_requests as t')
            .select('t.id')
            .whereRef('t.county_code', '=', 'cr.county_code')
            .whereRef('t.resident_id', '=', 'cr.resident_id')
            .where('t.day', '=', day),
        ),
      ),
    )
    .orderBy('cr.grid_code')
    .orderBy('r.household_id')
    .orderBy('cr.resident_id')
    .execute();
  return rows.map((r) => ({ ...r, resident_id: Number(r.resident_id) }));
}

/**
 * Residents under a place done on a day (their first dose that day), 60 or over, those with
 * limited mobility or a remote home first; at most `limit`.
 */
export async function doneOnDaySixtyPlus(
  db: Kysely<Database>,
  campaignId: number,
  place: string,
  day: string,
  limit: number,
): Promise<SuggestionRow[]> {
  const { low, high } = codeRange(place);
  const rows = await db
    .selectFrom('campaign_residents as cr')
    .innerJoin('residents as r', (j) =>
      j.onRef('r.county_code', '=', 'cr.county_code').onRef('r.id', '=', 'cr.resident_id'),
    )
    .leftJoin('households as h', (j) =>
      j.onRef('h.county_code', '=', 'r.county_code').onRef('h.id', '=', 'r.household_id'),
    )
    .select([
      'cr.county_code',
      'cr.resident_id',
      'cr.grid_code',
      'cr.booked_date',
      'r.id_number',
      'r.name',
      'r.sex',
      'r.birth_date',
      'r.household_id',
      'r.limited_mobility',
      'r.remote',
      'h.address',
    ])
    .where('cr.campaign_id', '=', campaignId)
    .where('cr.grid_code', '>=', low)
    .where('cr.grid_code', '<', high)
    .where('cr.status', '=', 'done')
    .where('cr.done_on', '=', day)
    .where('cr.sixty_plus', '=', 1)
    .where('r.status', '=', 'active')
    .orderBy((eb) => eb('r.limited_mobility', '+', eb.ref('r.remote')), 'desc')
    .orderBy('cr.grid_code')
    .orderBy('r.household_id')
    .orderBy('cr.resident_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, resident_id: Number(r.resident_id) }));
}

/** Place names by code. */
export async function placeNames(
  db: Kysely<Database>,
  codes: readonly string[],
): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('places')
    .select(['code', 'name'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
