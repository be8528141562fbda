import { sql, type Kysely, type Selectable } from 'kysely';
import type { DialectName } from './dialect.js';
import type { ResidentRow } from './residentQueries.js';
import type {
  ChangeLogTable,
  Database,
  DevicesTable,
  DoseRecordsTable,
  ScreeningVisitsTable,
} from './schema.js';
import { codeRange } from './codeRange.js';

/**
 * The reads and writes behind offline sync: bulk lookups by a batch's ID numbers and record
 * ids, the change log a phone pulls from, and the devices table a supervisor reads. Every
 * list read goes in chunks, so a batch of thousands stays under SQLite's bound-parameter
 * limit and uses the primary keys.
 */
export const IN_CHUNK = 500;

export function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** County codes a lookup may have to search: all counties, or those a scope reaches into. */
export async function countiesWithin(
  db: Kysely<Database>,
  prefixes: readonly string[] | undefined,
): Promise<string[]> {
  const rows = await db.selectFrom('places').select('code').where('level', '=', 'county').execute();
  const all = rows.map((r) => r.code);
  if (!prefixes) return all;
  return all.filter((c) => prefixes.some((p) => c.startsWith(p) || p.startsWith(c)));
}

/**
 * Residents by ID number, in the given counties. The county is named in the query so the
 * (county_code, id_number) unique index answers it; an ID number alone cannot use that index.
 */
export async function residentsByIdNumbers(
  db: Kysely<Database>,
  counties: readonly string[],
  idNumbers: readonly string[],
): Promise<Map<string, ResidentRow[]>> {
  const out = new Map<string, ResidentRow[]>();
  if (counties.length === 0) return out;
  for (const part of chunks([...new Set(idNumbers)])) {
    const rows = await db
      .selectFrom('residents')
      .selectAll()
      .where('county_code', 'in', counties)
      .where('id_number', 'in', part)
      .execute();
    for (const r of rows) {
      const list = out.get(r.id_number);
      if (list) list.push(r);
      else out.set(r.id_number, [r]);
    }
  }
  return out;
}

/** Residents of one county by their ids (the primary key), keyed by id. */
export async function residentsByIds(
  db: Kysely<Database>,
  county: string,
  ids: readonly number[],
): Promise<Map<number, ResidentRow>> {
  const out = new Map<number, ResidentRow>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('residents')
      .selectAll()
      .where('county_code', '=', county)
      .where('id', 'in', part)
      .execute();
    for (const r of rows) out.set(Number(r.id), r);
  }
  return out;
}

/** Which of these record ids a county already holds, in visits or in doses. */
export async function existingRecordIds(
  db: Kysely<Database>,
  table: 'screening_visits' | 'dose_records',
  county: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('county_code', '=', county)
      .where('id', 'in', part)
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

export interface DoseHistoryRow {
  resident_id: number;
  product: string;
  dose_number: number;
  at: string;
}

/** The stored doses of these residents of one county. */
export async function doseHistories(
  db: Kysely<Database>,
  county: string,
  residentIds: readonly number[],
): Promise<DoseHistoryRow[]> {
  const out: DoseHistoryRow[] = [];
  for (const part of chunks([...new Set(residentIds)])) {
    out.push(
      ...(await db
        .selectFrom('dose_records')
        .select(['resident_id', 'product', 'dose_number', 'at'])
        .where('county_code', '=', county)
        .where('resident_id', 'in', part)
        .execute()),
    );
  }
  return out;
}

/** Multi-row inserts, sized so the widest table (visits, 20 columns) stays well under the limits. */
export async function insertVisits(
  db: Kysely<Database>,
  rows: readonly ScreeningVisitsTable[],
): Promise<void> {
  for (const part of chunks(rows, 400)) await db.insertInto('screening_visits').values(part).execute();
}

export async function insertDoses(db: Kysely<Database>, rows: readonly DoseRecordsTable[]): Promise<void> {
  for (const part of chunks(rows, 400)) await db.insertInto('dose_records').values(part).execute();
}

export type ChangeLogInsert = Omit<ChangeLogTable, 'seq'>;

/** Appends to the change log in the given order, so `seq` follows the batch's item order. */
export async function appendChangeLog(db: Kysely<Database>, rows: readonly ChangeLogInsert[]): Promise<void> {
  for (const part of chunks(rows, 1000)) await db.insertInto('change_log').values(part).execute();
}

/** The change log's high-water mark (0 when empty). */
export async function lastChangeSeq(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('change_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * On PostgreSQL, serializes the writers of the change log for the rest of the transaction.
 * Two effects: a phone that retries a batch while the first attempt is still being stored
 * waits for it and then finds its records already there (instead of failing on the key), and
 * `seq` values become visible in the order they were taken, so a reader's cursor never skips a
 * row that commits late. SQLite already runs one writer at a time.
 */
export async function lockChangeLog(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  // An arbitrary constant: the one advisory lock gridvax uses for the change log.
  await sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`.execute(db);
}

const CHANGE_LOG_LOCK = 4303210001;

/** Records that a device sent a batch: first seen, last sync, counters, its cursor. */
export async function recordDeviceBatch(
  db: Kysely<Database>,
  device: { deviceId: string; userName: string | null; at: string; items: number; cursor: number },
): Promise<void> {
  await db
    .insertInto('devices')
    .values({
      device_id: device.deviceId,
      user_name: device.userName,
      first_seen_at: device.at,
      last_sync_at: device.at,
      last_cursor: device.cursor,
      batches: 1,
      items: device.items,
    })
    .onConflict((oc) =>
      oc.column('device_id').doUpdateSet((eb) => ({
        // A batch without a user name (an old app) keeps the one known.
        user_name: eb.fn.coalesce(eb.ref('excluded.user_name'), eb.ref('devices.user_name')),
        last_sync_at: eb.ref('excluded.last_sync_at'),
        last_cursor: eb.ref('excluded.last_cursor'),
        batches: eb('devices.batches', '+', 1),
        items: eb('devices.items', '+', eb.ref('excluded.items')),
      })),
    )
    .execute();
}

export type ChangeLogRow = Selectable<ChangeLogTable>;

/** Grid codes have 15 digits: a grid's own code needs no expansion. */
const GRID_CODE_LENGTH = 15;
/** Beyond this many grids (a county), a place is read as a code range instead. */
const MAX_EXPANDED_GRIDS = 5000;

/**
 * Change-log rows after `cursor` under any of the place codes (grids or villages, already cut
 * to the caller's scope), oldest first, at most `limit`. A village is read as its grids, so
 * each grid is one seek on the (grid_code, seq) index that starts at the cursor: a phone that
 * asks every few minutes reads only what is new, however long its grids' history.
 */
export async function changeLogSince(
  db: Kysely<Database>,
  prefixes: readonly string[],
  cursor: number,
  limit: number,
): Promise<ChangeLogRow[]> {
  const grids = new Set(prefixes.filter((p) => p.length >= GRID_CODE_LENGTH));
  let ranges = prefixes.filter((p) => p.length < GRID_CODE_LENGTH);
  if (ranges.length > 0) {
    const under = await db
      .selectFrom('places')
      .select('code')
      .where('level', '=', 'grid')
      .where((eb) =>
        eb.or(
          ranges.map((p) => {
            const { low, high } = codeRange(p);
            return eb.and([eb('code', '>=', low), eb('code', '<', high)]);
          }),
        ),
      )
      .limit(MAX_EXPANDED_GRIDS + 1)
      .execute();
    if (under.length <= MAX_EXPANDED_GRIDS) {
      for (const g of under) grids.add(g.code);
      ranges = [];
    }
  }
  if (grids.size === 0 && ranges.length === 0) return [];
  return db
    .selectFrom('change_log')
    .selectAll()
    .where('seq', '>', cursor)
    .where((eb) =>
      eb.or([
        ...(grids.size > 0 ? [eb('grid_code', 'in', [...grids])] : []),
        ...ranges.map((p) => {
          const { low, high } = codeRange(p);
          return eb.and([eb('grid_code', '>=', low), eb('grid_code', '<', high)]);
        }),
      ]),
    )
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export type VisitRecordRow = Selectable<ScreeningVisitsTable>;
export type DoseRecordRow = Selectable<DoseRecordsTable>;

/** Stored visits or doses by id, one county at a time. */
export async function recordsByIds<T extends 'screening_visits' | 'dose_records'>(
  db: Kysely<Database>,
  table: T,
  county: string,
  ids: readonly string[],
): Promise<(T extends 'screening_visits' ? VisitRecordRow : DoseRecordRow)[]> {
  const out: unknown[] = [];
  for (const part of chunks([...new Set(ids)])) {
    out.push(
      ...(await db
        .selectFrom(table as 'screening_visits')
        .selectAll()
        .where('county_code', '=', county)
        .where('id', 'in', part)
        .execute()),
    );
  }
  return out as (T extends 'screening_visits' ? VisitRecordRow : DoseRecordRow)[];
}

export type DeviceRow = Selectable<DevicesTable>;

export async function allDevices(db: Kysely<Database>): Promise<DeviceRow[]> {
  return db.selectFrom('devices').selectAll().orderBy('device_id').execute();
}

/**
 * Devices that belong under a place: their user is attached to a place inside it, or they
 * have sent records of residents who live inside it. The devices table has no place of its
 * own, so both are read (the second through the change log's grid index).
 */
export async function deviceIdsUnder(db: Kysely<Database>, prefix: string): Promise<Set<string>> {
  const { low, high } = codeRange(prefix);
  const [byUser, byVisit, byDose] = await Promise.all([
    db
      .selectFrom('devices')
      .innerJoin('users', 'users.username', 'devices.user_name')
      .innerJoin('user_places', 'user_places.user_id', 'users.id')
      .select('devices.device_id')
      // Users attached at or below the place: a township lead's own phone is not a grid's.
      .where('user_places.place_code', '>=', low)
      .where('user_places.place_code', '<', high)
      .distinct()
      .execute(),
    db
      .selectFrom('change_log')
      .innerJoin('screening_visits', (j) =>
        j
          .onRef('screening_visits.county_code', '=', 'change_log.county_code')
          .onRef('screening_visits.id', '=', 'change_log.entity_id'),
      )
      .select('screening_visits.device_id')
      .where('change_log.entity', '=', 'visit')
      .where('change_log.grid_code', '>=', low)
      .where('change_log.grid_code', '<', high)
      .where('screening_visits.device_id', 'is not', null)
      .distinct()
      .execute(),
    db
      .selectFrom('change_log')
      .innerJoin('dose_records', (j) =>
        j
          .onRef('dose_records.county_code', '=', 'change_log.county_code')
          .onRef('dose_records.id', '=', 'change_log.entity_id'),
      )
      .select('dose_records.device_id')
      .where('change_log.entity', '=', 'dose')
      .where('change_log.grid_code', '>=', low)
      .where('change_log.grid_code', '<', high)
      .where('dose_records.device_id', 'is not', null)
      .distinct()
      .execute(),
  ]);
  const out = new Set<string>();
  for (const r of byUser) out.add(r.device_id);
  for (const r of [...byVisit, ...byDose]) if (r.device_id) out.add(r.device_id);
  return out;
}
