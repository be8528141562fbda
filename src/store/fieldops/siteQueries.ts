/**
 * The reads and writes behind sites, their bookings (按村组排班), stock and checklist. Sites are
 * few (one or two per township), so they are read whole; bookings and movements are read by
 * site and day range on their keys. The figures beside them come from the engine's tables:
 * residents booked for a day (campaign_residents), people done per day (campaign_grid_daily)
 * and the doses recorded at the site (dose_records, on its (county_code, at) index).
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CalendarDate } from '../../domain/calendar.js';
import { shanghaiDayRange } from '../../domain/calendar.js';
import { codeRange } from '../codeRange.js';
import type { DialectName } from '../dialect.js';
import type { Database } from '../schema.js';
import type { SiteBookingsTable, SitesTable, SiteStockMovementsTable } from './sitesTables.js';

export type SiteRow = Selectable<SitesTable> & { township_name: string };
export type BookingRow = Selectable<SiteBookingsTable>;
export type MovementRow = Selectable<SiteStockMovementsTable>;

function sitesWithTownship(db: Kysely<Database>) {
  return db
    .selectFrom('sites')
    .innerJoin('places', 'places.code', 'sites.township_code')
    .selectAll('sites')
    .select('places.name as township_name');
}

export async function findSite(db: Kysely<Database>, id: number): Promise<SiteRow | undefined> {
  return sitesWithTownship(db).where('sites.id', '=', id).executeTakeFirst();
}

/**
 * Sites of the townships under a place (a county: all its townships; a township: its own), and
 * for a place below a township (a village, a grid) the sites of its township, which serve it;
 * with no place, all of them.
 */
export async function sitesServing(
  db: Kysely<Database>,
  place: string | undefined,
  options: { activeOnly?: boolean } = {},
): Promise<SiteRow[]> {
  let q = sitesWithTownship(db);
  if (place === undefined) {
    // Every site: a caller without a scope (the command line).
  } else if (place.length >= 9) q = q.where('sites.township_code', '=', place.slice(0, 9));
  else {
    const { low, high } = codeRange(place);
    q = q.where('sites.township_code', '>=', low).where('sites.township_code', '<', high);
  }
  if (options.activeOnly) q = q.where('sites.active', '=', 1);
  return q.orderBy('sites.township_code').orderBy('sites.kind').orderBy('sites.name').execute();
}

export async function siteNamed(
  db: Kysely<Database>,
  county: string,
  name: string,
): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('sites')
    .select('id')
    .where('county_code', '=', county)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertSite(db: Kysely<Database>, row: Omit<SitesTable, 'id'>): Promise<number> {
  const r = await db.insertInto('sites').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/**
 * Locks the site's row until the transaction ends, so two plans (or two stock movements) for the
 * same site cannot both pass the capacity (or stock) check and together break it. SQLite runs
 * one writing transaction at a time anyway; PostgreSQL needs the row lock.
 */
export async function lockSite(trx: Transaction<Database>, dialect: DialectName, id: number): Promise<void> {
  const q = trx.selectFrom('sites').select('id').where('id', '=', id);
  await (dialect === 'postgres' ? q.forUpdate() : q).execute();
}

// ---------------------------------------------------------------------------------------------
// Bookings

export async function bookingsOf(
  db: Kysely<Database>,
  siteIds: readonly number[],
  from: CalendarDate,
  to: CalendarDate,
): Promise<BookingRow[]> {
  if (siteIds.length === 0) return [];
  return db
    .selectFrom('site_bookings')
    .selectAll()
    .where('site_id', 'in', [...siteIds])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .orderBy('village_code')
    .execute();
}

/** Days from `from` on whose plans add up to more than `capacity`: what a lower capacity would break. */
export async function daysOverCapacity(
  db: Kysely<Database>,
  siteId: number,
  from: CalendarDate,
  capacity: number,
): Promise<{ day: string; planned: number }[]> {
  const rows = await db
    .selectFrom('site_bookings')
    .select(['day', (eb) => eb.fn.sum<number>('planned').as('planned')])
    .where('site_id', '=', siteId)
    .where('day', '>=', from)
    .groupBy('day')
    .orderBy('day')
    .execute();
  return rows.map((r) => ({ day: r.day, planned: Number(r.planned) })).filter((r) => r.planned > capacity);
}

export async function hasBookingsFrom(
  db: Kysely<Database>,
  siteId: number,
  from: CalendarDate,
): Promise<boolean> {
  const r = await db
    .selectFrom('site_bookings')
    .select('day')
    .where('site_id', '=', siteId)
    .where('day', '>=', from)
    .where('planned', '>', 0)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Sets each (village, day) to its figure; a figure of 0 removes the row. */
export async function writeBookings(
  trx: Transaction<Database>,
  siteId: number,
  entries: readonly { village: string; day: string; planned: number }[],
  by: string,
  at: string,
): Promise<void> {
  for (const e of entries) {
    if (e.planned === 0) {
      await trx
        .deleteFrom('site_bookings')
        .where('site_id', '=', siteId)
        .where('day', '=', e.day)
        .where('village_code', '=', e.village)
        .execute();
      continue;
    }
    await trx
      .insertInto('site_bookings')
      .values({
        site_id: siteId,
        village_code: e.village,
        day: e.day,
        planned: e.planned,
        created_by: by,
        created_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(['site_id', 'day', 'village_code'])
          .doUpdateSet({ planned: e.planned, created_by: by, created_at: at }),
      )
      .execute();
  }
}

/**
 * Residents still booked (open, reason `booked`) per village and day in a campaign, under a
 * township: what the villages' grid members have actually booked against the plan.
 */
export async function bookedByVillageDay(
  db: Kysely<Database>,
  campaignId: number,
  township: string,
  from: CalendarDate,
  to: CalendarDate,
): Promise<{ village: string; day: string; n: number }[]> {
  const { low, high } = codeRange(township);
  const village = sql<string>`substr(grid_code, 1, 12)`;
  const rows = await db
    .selectFrom('campaign_residents')
    .select([village.as('village'), 'booked_date', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('grid_code', '>=', low)
    .where('grid_code', '<', high)
    .where('status', '=', 'open')
    .where('reason', '=', 'booked')
    .where('booked_date', '>=', from)
    .where('booked_date', '<=', to)
    .groupBy([village, 'booked_date'])
    .execute();
  return rows.map((r) => ({ village: r.village, day: r.booked_date as string, n: Number(r.n) }));
}

/** People done (the campaign's target met) per village and day, under a township. */
export async function doneByVillageDay(
  db: Kysely<Database>,
  campaignId: number,
  township: string,
  from: CalendarDate,
  to: CalendarDate,
): Promise<{ village: string; day: string; n: number }[]> {
  const { low, high } = codeRange(township);
  const rows = await db
    .selectFrom('campaign_grid_daily')
    .select(['grid_code', 'day', 'done'])
    .where('campaign_id', '=', campaignId)
    .where('grid_code', '>=', low)
    .where('grid_code', '<', high)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  const sum = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.grid_code.slice(0, 12)}|${r.day}`;
    sum.set(key, (sum.get(key) ?? 0) + Number(r.done));
  }
  return [...sum].map(([key, n]) => {
    const [village, day] = key.split('|') as [string, string];
    return { village, day, n };
  });
}

export async function villagesOf(
  db: Kysely<Database>,
  township: string,
): Promise<{ code: string; name: string }[]> {
  return (
    db
      .selectFrom('places')
      // As officials write it: 锦石村, not 锦石村委会.
      .select(['code', 'short_name as name'])
      .where('parent_code', '=', township)
      .where('level', '=', 'village')
      .orderBy('code')
      .execute()
  );
}

// ---------------------------------------------------------------------------------------------
// Stock

export async function movementsOf(
  db: Kysely<Database>,
  siteId: number,
  options: { upTo?: CalendarDate; product?: string; lot?: string } = {},
): Promise<MovementRow[]> {
  let q = db.selectFrom('site_stock_movements').selectAll().where('site_id', '=', siteId);
  if (options.upTo !== undefined) q = q.where('day', '<=', options.upTo);
  if (options.product !== undefined) q = q.where('product', '=', options.product);
  if (options.lot !== undefined) q = q.where('lot', '=', options.lot);
  return q.orderBy('day').orderBy('id').execute();
}

export async function insertMovements(
  trx: Transaction<Database>,
  rows: readonly Omit<SiteStockMovementsTable, 'id'>[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const ids = await trx
    .insertInto('site_stock_movements')
    .values([...rows])
    .returning('id')
    .execute();
  return ids.map((r) => Number(r.id));
}

/**
 * Doses recorded as given at the site (its name in dose_records.site) on a Shanghai day, by
 * product and lot. A dose verified elsewhere was not given here, whatever its site text says.
 */
export async function dosesRecordedAt(
  db: Kysely<Database>,
  county: string,
  siteName: string,
  day: CalendarDate,
): Promise<{ product: string; lot: string | null; n: number }[]> {
  const { start, end } = shanghaiDayRange(day);
  const rows = await db
    .selectFrom('dose_records')
    .select(['product', 'lot', (eb) => eb.fn.countAll<number>().as('n')])
    .where('county_code', '=', county)
    .where('at', '>=', start)
    .where('at', '<', end)
    .where('site', '=', siteName)
    .where('source', '!=', 'verified-elsewhere')
    .groupBy(['product', 'lot'])
    .execute();
  return rows.map((r) => ({ product: r.product, lot: r.lot, n: Number(r.n) }));
}

// ---------------------------------------------------------------------------------------------
// Checklist

export async function checksOf(
  db: Kysely<Database>,
  siteId: number,
  day: CalendarDate,
): Promise<{ item: string; ok: boolean; note: string | null; checkedBy: string; checkedAt: string }[]> {
  const rows = await db
    .selectFrom('site_checklist')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('day', '=', day)
    .execute();
  return rows.map((r) => ({
    item: r.item,
    ok: Number(r.ok) === 1,
    note: r.note,
    checkedBy: r.checked_by,
    checkedAt: r.checked_at,
  }));
}

export async function writeChecks(
  trx: Transaction<Database>,
  siteId: number,
  day: CalendarDate,
  checks: readonly { item: string; ok: boolean; note: string | null }[],
  by: string,
  at: string,
): Promise<void> {
  for (const c of checks) {
    const values = { ok: c.ok ? 1 : 0, note: c.note, checked_by: by, checked_at: at };
    await trx
      .insertInto('site_checklist')
      .values({ site_id: siteId, day, item: c.item, ...values })
      .onConflict((oc) => oc.columns(['site_id', 'day', 'item']).doUpdateSet(values))
      .execute();
  }
}

// ---------------------------------------------------------------------------------------------
// Capacity for the backward schedule

/**
 * Each township's sites in a county: how many are active and their total daily capacity, and
 * whether the county keeps sites at all (a database that does not use them has no capacity to
 * check a schedule against, rather than a capacity of 0 everywhere).
 */
export async function siteCapacityByTownship(
  db: Kysely<Database>,
  county: string,
): Promise<{ keepsSites: boolean; byTownship: Map<string, { sites: number; daily: number }> }> {
  const { low, high } = codeRange(county);
  const rows = await db
    .selectFrom('sites')
    .select([
      'township_code',
      'active',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('daily_capacity').as('daily'),
    ])
    .where('township_code', '>=', low)
    .where('township_code', '<', high)
    .groupBy(['township_code', 'active'])
    .execute();
  const byTownship = new Map<string, { sites: number; daily: number }>();
  for (const r of rows) {
    const t = byTownship.get(r.township_code) ?? { sites: 0, daily: 0 };
    if (Number(r.active) === 1) {
      t.sites += Number(r.n);
      t.daily += Number(r.daily);
    }
    byTownship.set(r.township_code, t);
  }
  return { keepsSites: rows.length > 0, byTownship };
}
