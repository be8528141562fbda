/**
 * The reads behind the exports that the list and ledger queries do not already give: a unit's
 * campaign roster in ledger order, and, for one page of residents at a time, their households,
 * latest visits and doses. Every read is bounded (a page of residents, looked up 500 ids at a
 * time on the person tables' (county_code, resident) keys), so an export of a township streams
 * instead of loading the township.
 */
import {
  expressionBuilder,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
} from 'kysely';
import { namedStatusesUnder, type NamedStatusRow } from '../../store/ledgerQueries.js';
import type { Database, DoseRecordsTable, ScreeningVisitsTable } from '../../store/schema.js';

/** Ids per IN (…) list: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** A condition on campaign_residents, for campaignPage (residentListQueries.ts). */
export function campaignWhere(
  build: (eb: ExpressionBuilder<Database, 'campaign_residents'>) => Expression<SqlBool>,
): Expression<SqlBool> {
  return build(expressionBuilder<Database, 'campaign_residents'>());
}

/**
 * One page of a unit's campaign roster — everyone the campaign counts who is not ineligible —
 * in the close-out ledger's order (grid, household, name, id: one household is one trip to the
 * door), so the ledger's entries appear in the same order as `ledgerOf` lists them.
 */
export async function rosterPage(
  db: Kysely<Database>,
  campaignId: number,
  placeCode: string,
  offset: number,
  limit: number,
): Promise<NamedStatusRow[]> {
  return namedStatusesUnder(db, campaignId, placeCode)
    .where('campaign_residents.status', '!=', 'ineligible')
    .orderBy('campaign_residents.grid_code')
    .orderBy('residents.household_id')
    .orderBy('residents.name')
    .orderBy('campaign_residents.resident_id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export interface HouseholdInfo {
  address: string;
  headName: string | null;
}

/** The households of one page of residents, by household id. */
export async function householdsOf(
  db: Kysely<Database>,
  county: string,
  householdIds: readonly (string | null)[],
): Promise<Map<string, HouseholdInfo>> {
  const ids = [...new Set(householdIds.filter((h): h is string => h !== null))];
  const out = new Map<string, HouseholdInfo>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('households')
      .select(['id', 'address', 'head_name'])
      .where('county_code', '=', county)
      .where('id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, { address: r.address, headName: r.head_name });
  }
  return out;
}

export type VisitRow = Pick<
  Selectable<ScreeningVisitsTable>,
  'id' | 'at' | 'received_at' | 'outcome' | 'place_text' | 'until_date' | 'contraindication' | 'reason'
>;

/**
 * The latest visit of each of these residents: by `at`, then by when it was received (the
 * visit appended later wins a tie, as the campaign status reads them), then by id.
 */
export async function latestVisitsOf(
  db: Kysely<Database>,
  county: string,
  residentIds: readonly number[],
): Promise<Map<number, VisitRow>> {
  const out = new Map<number, VisitRow>();
  const later = (a: VisitRow, b: VisitRow): boolean =>
    a.at !== b.at
      ? a.at > b.at
      : a.received_at !== b.received_at
        ? a.received_at > b.received_at
        : a.id > b.id;
  for (const part of chunks(residentIds)) {
    const rows = await db
      .selectFrom('screening_visits')
      .select([
        'resident_id',
        'id',
        'at',
        'received_at',
        'outcome',
        'place_text',
        'until_date',
        'contraindication',
        'reason',
      ])
      .where('county_code', '=', county)
      .where('resident_id', 'in', part)
      .execute();
    for (const { resident_id, ...v } of rows) {
      const id = Number(resident_id);
      const seen = out.get(id);
      if (!seen || later(v, seen)) out.set(id, v);
    }
  }
  return out;
}

export type DoseRow = Selectable<DoseRecordsTable>;

/** The doses of each of these residents, oldest first (by time, then dose number). */
export async function dosesOf(
  db: Kysely<Database>,
  county: string,
  residentIds: readonly number[],
): Promise<Map<number, DoseRow[]>> {
  const out = new Map<number, DoseRow[]>();
  for (const part of chunks(residentIds)) {
    const rows = await db
      .selectFrom('dose_records')
      .selectAll()
      .where('county_code', '=', county)
      .where('resident_id', 'in', part)
      .orderBy('resident_id')
      .orderBy('at')
      .orderBy('dose_number')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const id = Number(r.resident_id);
      const list = out.get(id);
      if (list) list.push(r);
      else out.set(id, [r]);
    }
  }
  return out;
}

export interface ResidentBrief {
  name: string;
  idNumber: string;
  gridCode: string;
  householdId: string | null;
  phone: string | null;
}

/** Name, ID number and grid of each of these residents (for the closures sheet). */
export async function residentsOf(
  db: Kysely<Database>,
  county: string,
  residentIds: readonly number[],
): Promise<Map<number, ResidentBrief>> {
  const out = new Map<number, ResidentBrief>();
  for (const part of chunks([...new Set(residentIds)])) {
    const rows = await db
      .selectFrom('residents')
      .select(['id', 'name', 'id_number', 'grid_code', 'household_id', 'phone'])
      .where('county_code', '=', county)
      .where('id', 'in', part)
      .execute();
    for (const r of rows) {
      out.set(Number(r.id), {
        name: r.name,
        idNumber: r.id_number,
        gridCode: r.grid_code,
        householdId: r.household_id,
        phone: r.phone,
      });
    }
  }
  return out;
}
