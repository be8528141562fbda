/**
 * The reads and writes behind check-in and screening at the site. A site's day is an index
 * range on (site_id, day, at); a unit's day is one on (day, grid_code), the unit being a code
 * range; a resident's decision of a day is one seek on (county_code, resident_id, day,
 * decided_at). Nothing here reads a table whole.
 */
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { CalendarDate } from '../../domain/calendar.js';
import { codeRange } from '../codeRange.js';
import type { Database } from '../schema.js';
import type { AefiReportsTable, SiteCheckinsTable, SiteScreeningsTable } from './siteScreeningTables.js';

export type CheckinRow = Selectable<SiteCheckinsTable>;
export type ScreeningRow = Selectable<SiteScreeningsTable>;
export type AefiRow = Selectable<AefiReportsTable>;

/** A check-in with what a screen shows of its site, its resident and its dose. */
export interface CheckinDetailRow extends CheckinRow {
  site_name: string;
  site_township: string;
  id_number: string;
  resident_name: string;
  sex: 'M' | 'F';
  birth_date: string;
  phone: string | null;
  dose_product: string | null;
  dose_number: number | null;
  dose_lot: string | null;
  dose_at: string | null;
}

function detailQuery(db: Kysely<Database>) {
  return db
    .selectFrom('site_checkins as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .innerJoin('residents as r', (j) =>
      j.onRef('r.county_code', '=', 'c.county_code').onRef('r.id', '=', 'c.resident_id'),
    )
    .leftJoin('dose_records as d', (j) =>
      j.onRef('d.county_code', '=', 'c.county_code').onRef('d.id', '=', 'c.dose_id'),
    )
    .selectAll('c')
    .select([
      's.name as site_name',
      's.township_code as site_township',
      'r.id_number',
      'r.name as resident_name',
      'r.sex',
      'r.birth_date',
      'r.phone',
      'd.product as dose_product',
      'd.dose_number',
      'd.lot as dose_lot',
      'd.at as dose_at',
    ]);
}

export async function insertCheckin(db: Kysely<Database>, row: SiteCheckinsTable): Promise<void> {
  await db.insertInto('site_checkins').values(row).execute();
}

export async function checkinDetail(db: Kysely<Database>, id: string): Promise<CheckinDetailRow | undefined> {
  return (await detailQuery(db).where('c.id', '=', id).executeTakeFirst()) as CheckinDetailRow | undefined;
}

/** A site's check-ins of a day, in the order they came. */
export async function checkinsOfSite(
  db: Kysely<Database>,
  siteId: number,
  day: CalendarDate,
  limit: number,
  offset: number,
): Promise<CheckinDetailRow[]> {
  return (await detailQuery(db)
    .where('c.site_id', '=', siteId)
    .where('c.day', '=', day)
    .orderBy('c.at')
    .orderBy('c.id')
    .limit(limit)
    .offset(offset)
    .execute()) as CheckinDetailRow[];
}

/** The check-ins of a day of the residents of a unit (by their grid at check-in), at any site. */
export async function checkinsUnder(
  db: Kysely<Database>,
  place: string,
  day: CalendarDate,
  limit: number,
  offset: number,
): Promise<CheckinDetailRow[]> {
  const { low, high } = codeRange(place);
  return (await detailQuery(db)
    .where('c.day', '=', day)
    .where('c.grid_code', '>=', low)
    .where('c.grid_code', '<', high)
    .orderBy('c.at')
    .orderBy('c.id')
    .limit(limit)
    .offset(offset)
    .execute()) as CheckinDetailRow[];
}

/**
 * The resident's check-in of the day at this site that is still under way: not decided yet, or
 * recommended and not yet vaccinated. A card read twice finds it again.
 */
export async function checkinUnderWay(
  db: Kysely<Database>,
  county: string,
  residentId: number,
  siteId: number,
  day: CalendarDate,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('site_checkins')
    .select('id')
    .where('county_code', '=', county)
    .where('resident_id', '=', residentId)
    .where('day', '=', day)
    .where('site_id', '=', siteId)
    .where((eb) =>
      eb.or([
        eb('decision', 'is', null),
        eb.and([eb('decision', '=', 'recommend'), eb('dose_id', 'is', null)]),
      ]),
    )
    .orderBy('at', 'desc')
    .executeTakeFirst();
  return row?.id;
}

/**
 * The resident's latest decided check-in of a day: what the dose guard asks before any dose is
 * stored. One seek on site_checkins_resident_day, the site's name by its primary key.
 */
export async function latestDecisionOfDay(
  db: Kysely<Database>,
  county: string,
  residentId: number,
  day: CalendarDate,
): Promise<
  | {
      id: string;
      decision: string;
      until_date: string | null;
      contraindication: string | null;
      site_name: string;
    }
  | undefined
> {
  return db
    .selectFrom('site_checkins as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .select(['c.id', 'c.decision', 'c.until_date', 'c.contraindication', 's.name as site_name'])
    .where('c.county_code', '=', county)
    .where('c.resident_id', '=', residentId)
    .where('c.day', '=', day)
    .where('c.decided_at', 'is not', null)
    .orderBy('c.decided_at', 'desc')
    .limit(1)
    .executeTakeFirst() as Promise<
    | {
        id: string;
        decision: string;
        until_date: string | null;
        contraindication: string | null;
        site_name: string;
      }
    | undefined
  >;
}

/**
 * Updates a check-in's later steps, only while the step is still open (`unless` names a column
 * that must still be null): a second click on "decide" or "end observation" changes nothing and
 * is told so (false).
 */
export async function updateCheckinStep(
  db: Kysely<Database>,
  county: string,
  id: string,
  unless: 'decided_at' | 'dose_id' | 'observation_ended_at',
  patch: Updateable<SiteCheckinsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('site_checkins')
    .set(patch)
    .where('county_code', '=', county)
    .where('id', '=', id)
    .where(unless, 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertScreening(
  db: Kysely<Database>,
  row: Omit<SiteScreeningsTable, 'id'>,
): Promise<number> {
  const r = await db.insertInto('site_screenings').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** The screenings of some check-ins of a county, oldest first. */
export async function screeningsOf(
  db: Kysely<Database>,
  county: string,
  checkinIds: readonly string[],
): Promise<ScreeningRow[]> {
  if (checkinIds.length === 0) return [];
  return db
    .selectFrom('site_screenings')
    .selectAll()
    .where('county_code', '=', county)
    .where('checkin_id', 'in', checkinIds)
    .orderBy('id')
    .execute();
}

/** The dose, by its id, with the check-in (and site) it was given through, if any. */
export async function doseWithCheckin(
  db: Kysely<Database>,
  county: string,
  doseId: string,
): Promise<
  | { id: string; resident_id: number; at: string; checkin_id: string | null; site_id: number | null }
  | undefined
> {
  return db
    .selectFrom('dose_records as d')
    .leftJoin('site_checkins as c', (j) =>
      j.onRef('c.county_code', '=', 'd.county_code').onRef('c.dose_id', '=', 'd.id'),
    )
    .select(['d.id', 'd.resident_id', 'd.at', 'c.id as checkin_id', 'c.site_id'])
    .where('d.county_code', '=', county)
    .where('d.id', '=', doseId)
    .executeTakeFirst();
}

export async function insertAefi(db: Kysely<Database>, row: AefiReportsTable): Promise<void> {
  await db.insertInto('aefi_reports').values(row).execute();
}

/** An AEFI report with the names a list shows. */
export interface AefiDetailRow extends AefiRow {
  id_number: string;
  resident_name: string;
  site_name: string | null;
  dose_product: string;
  dose_number: number;
  dose_at: string;
}

function aefiQuery(db: Kysely<Database>) {
  return db
    .selectFrom('aefi_reports as a')
    .innerJoin('residents as r', (j) =>
      j.onRef('r.county_code', '=', 'a.county_code').onRef('r.id', '=', 'a.resident_id'),
    )
    .innerJoin('dose_records as d', (j) =>
      j.onRef('d.county_code', '=', 'a.county_code').onRef('d.id', '=', 'a.dose_id'),
    )
    .leftJoin('sites as s', 's.id', 'a.site_id')
    .selectAll('a')
    .select([
      'r.id_number',
      'r.name as resident_name',
      's.name as site_name',
      'd.product as dose_product',
      'd.dose_number',
      'd.at as dose_at',
    ]);
}

export async function aefiById(
  db: Kysely<Database>,
  county: string,
  id: string,
): Promise<AefiDetailRow | undefined> {
  return (await aefiQuery(db)
    .where('a.county_code', '=', county)
    .where('a.id', '=', id)
    .executeTakeFirst()) as AefiDetailRow | undefined;
}

export async function aefiOfSite(
  db: Kysely<Database>,
  siteId: number,
  day: CalendarDate,
): Promise<AefiDetailRow[]> {
  return (await aefiQuery(db)
    .where('a.site_id', '=', siteId)
    .where('a.day', '=', day)
    .orderBy('a.onset_at')
    .orderBy('a.id')
    .execute()) as AefiDetailRow[];
}

/** The AEFI reports of a unit's residents with an onset between two days (inclusive). */
export async function aefiUnder(
  db: Kysely<Database>,
  place: string,
  from: CalendarDate,
  to: CalendarDate,
  limit: number,
): Promise<AefiDetailRow[]> {
  const { low, high } = codeRange(place);
  return (await aefiQuery(db)
    .where('a.day', '>=', from)
    .where('a.day', '<=', to)
    .where('a.grid_code', '>=', low)
    .where('a.grid_code', '<', high)
    .orderBy('a.day')
    .orderBy('a.onset_at')
    .orderBy('a.id')
    .limit(limit)
    .execute()) as AefiDetailRow[];
}
