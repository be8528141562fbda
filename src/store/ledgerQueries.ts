/**
 * The reads and writes behind the close-out ledger (销号台账): the named open residents of a
 * unit, and the closures recorded against them. A unit is a code range on grid_code, so every
 * read here is a range scan of campaign_residents' (campaign_id, grid_code, status) index
 * joined to residents by primary key; nothing reads a whole county without a limit.
 */
import { expressionBuilder, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { CalendarDate } from '../domain/calendar.js';
import { codeRange } from './codeRange.js';
import type { CampaignResidentsTable, Database, LedgerClosuresTable } from './schema.js';

export type CampaignResidentRow = Selectable<CampaignResidentsTable>;
export type LedgerClosureRow = Selectable<LedgerClosuresTable>;

/**
 * On the ledger today: open or unscreened, or deferred with a deferral whose end has come (the
 * kept status says deferred until the next write touches the resident; the calendar alone
 * makes them open again, DESIGN.md). The SQL twin of statusToday.
 */
export function onLedgerToday(today: CalendarDate): Expression<SqlBool> {
  const eb = expressionBuilder<Database, 'campaign_residents'>();
  return eb.or([
    eb('campaign_residents.status', 'in', ['open', 'unscreened']),
    eb.and([
      eb('campaign_residents.status', '=', 'deferred'),
      eb('campaign_residents.until_date', '<=', today),
    ]),
  ]);
}

/** Deferred whose end has not come yet: statusToday's `deferred`. */
export function stillDeferred(today: CalendarDate): Expression<SqlBool> {
  const eb = expressionBuilder<Database, 'campaign_residents'>();
  return eb.and([
    eb('campaign_residents.status', '=', 'deferred'),
    eb.or([eb('campaign_residents.until_date', 'is', null), eb('campaign_residents.until_date', '>', today)]),
  ]);
}

/**
 * A kept status as it stands today: a deferral whose until date has come is open with the
 * reason `deferral-ended`, as residentStatus would derive it now (campaignStatus.ts).
 */
export function statusToday(
  row: Pick<CampaignResidentRow, 'status' | 'reason' | 'until_date'>,
  today: CalendarDate,
): { status: CampaignResidentRow['status']; reason: string | null; fellDue: boolean } {
  if (row.status === 'deferred' && row.until_date !== null && row.until_date <= today) {
    return { status: 'open', reason: 'deferral-ended', fellDue: true };
  }
  return { status: row.status, reason: row.reason, fellDue: false };
}

/** A campaign_residents row with the register columns a named list shows. */
export interface NamedStatusRow extends CampaignResidentRow {
  id_number: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  phone: string | null;
  household_id: string | null;
  limited_mobility: number;
  remote: number;
  /** The register's status (active, moved out, deceased), apart from the campaign status. */
  register_status: 'active' | 'moved-out' | 'deceased';
}

/** campaign_residents of a campaign under a place (a grid_code range), joined to the register. */
export function namedStatusesUnder(db: Kysely<Database>, campaignId: number, placeCode: string) {
  const { low, high } = codeRange(placeCode);
  return db
    .selectFrom('campaign_residents')
    .innerJoin('residents', (j) =>
      j
        .onRef('residents.county_code', '=', 'campaign_residents.county_code')
        .onRef('residents.id', '=', 'campaign_residents.resident_id'),
    )
    .selectAll('campaign_residents')
    .select([
      'residents.id_number',
      'residents.name',
      'residents.sex',
      'residents.birth_date',
      'residents.phone',
      'residents.household_id',
      'residents.limited_mobility',
      'residents.remote',
      'residents.status as register_status',
    ])
    .where('campaign_residents.campaign_id', '=', campaignId)
    .where('campaign_residents.grid_code', '>=', low)
    .where('campaign_residents.grid_code', '<', high);
}

/** One page of a unit's ledger, by grid, household, name (and id, so pages never overlap). */
export async function ledgerPage(
  db: Kysely<Database>,
  campaignId: number,
  placeCode: string,
  today: CalendarDate,
  limit: number,
  offset: number,
): Promise<NamedStatusRow[]> {
  return namedStatusesUnder(db, campaignId, placeCode)
    .where(onLedgerToday(today))
    .orderBy('campaign_residents.grid_code')
    .orderBy('residents.household_id')
    .orderBy('residents.name')
    .orderBy('campaign_residents.resident_id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** How many of a unit's residents are on the ledger, by kept status and reason. */
export async function ledgerReasonCounts(
  db: Kysely<Database>,
  campaignId: number,
  placeCode: string,
  today: CalendarDate,
): Promise<{ status: CampaignResidentRow['status']; reason: string | null; n: number }[]> {
  const { low, high } = codeRange(placeCode);
  const rows = await db
    .selectFrom('campaign_residents')
    .select(['status', 'reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('grid_code', '>=', low)
    .where('grid_code', '<', high)
    .where(onLedgerToday(today))
    .groupBy(['status', 'reason'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export async function campaignResident(
  db: Kysely<Database>,
  county: string,
  campaignId: number,
  residentId: number,
): Promise<CampaignResidentRow | undefined> {
  return db
    .selectFrom('campaign_residents')
    .selectAll()
    .where('county_code', '=', county)
    .where('campaign_id', '=', campaignId)
    .where('resident_id', '=', residentId)
    .executeTakeFirst();
}

/** A resident's visits, oldest first (by `at`, then as received): the ledger reasons they had. */
export async function visitOutcomes(
  db: Kysely<Database>,
  county: string,
  residentId: number,
): Promise<{ outcome: string; at: string; verified: number | null; until_date: string | null }[]> {
  return db
    .selectFrom('screening_visits')
    .select(['outcome', 'at', 'verified', 'until_date'])
    .where('county_code', '=', county)
    .where('resident_id', '=', residentId)
    .orderBy('at')
    .orderBy('received_at')
    .execute();
}

/**
 * When the resident's facts last changed: the latest visit or dose received, or the register
 * row's last update. A status can change only through one of these (or the calendar).
 */
export async function lastFactChange(
  db: Kysely<Database>,
  county: string,
  residentId: number,
): Promise<string | null> {
  const [visit, dose, resident] = await Promise.all([
    db
      .selectFrom('screening_visits')
      .select((eb) => eb.fn.max('received_at').as('at'))
      .where('county_code', '=', county)
      .where('resident_id', '=', residentId)
      .executeTakeFirst(),
    db
      .selectFrom('dose_records')
      .select((eb) => eb.fn.max('received_at').as('at'))
      .where('county_code', '=', county)
      .where('resident_id', '=', residentId)
      .executeTakeFirst(),
    db
      .selectFrom('residents')
      .select('updated_at as at')
      .where('county_code', '=', county)
      .where('id', '=', residentId)
      .executeTakeFirst(),
  ]);
  const times = [visit?.at, dose?.at, resident?.at].filter((t): t is string => typeof t === 'string');
  return times.length === 0 ? null : times.reduce((a, b) => (a > b ? a : b));
}

export async function latestClosure(
  db: Kysely<Database>,
  county: string,
  campaignId: number,
  residentId: number,
): Promise<LedgerClosureRow | undefined> {
  return db
    .selectFrom('ledger_closures')
    .selectAll()
    .where('county_code', '=', county)
    .where('campaign_id', '=', campaignId)
    .where('resident_id', '=', residentId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertClosure(
  db: Kysely<Database>,
  row: Omit<LedgerClosureRow, 'id'>,
): Promise<LedgerClosureRow> {
  return db.insertInto('ledger_closures').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * The closures of a campaign's residents who live under a place now, oldest first. Driven by
 * the register's (county_code, grid_code) index, then the closures' resident index.
 */
export async function closuresUnder(
  db: Kysely<Database>,
  campaignId: number,
  placeCode: string,
  limit: number,
  offset: number,
): Promise<
  (LedgerClosureRow & { status_now: CampaignResidentRow['status'] | null; until_now: string | null })[]
> {
  const { low, high } = codeRange(placeCode);
  let q = db
    .selectFrom('residents')
    .innerJoin('ledger_closures', (j) =>
      j
        .onRef('ledger_closures.county_code', '=', 'residents.county_code')
        .onRef('ledger_closures.resident_id', '=', 'residents.id'),
    )
    .leftJoin('campaign_residents', (j) =>
      j
        .onRef('campaign_residents.county_code', '=', 'ledger_closures.county_code')
        .onRef('campaign_residents.campaign_id', '=', 'ledger_closures.campaign_id')
        .onRef('campaign_residents.resident_id', '=', 'ledger_closures.resident_id'),
    )
    .selectAll('ledger_closures')
    .select(['campaign_residents.status as status_now', 'campaign_residents.until_date as until_now'])
    .where('ledger_closures.campaign_id', '=', campaignId)
    .where('residents.grid_code', '>=', low)
    .where('residents.grid_code', '<', high);
  if (placeCode.length >= 6) {
    q = q.where('residents.county_code', '=', placeCode.slice(0, 6));
  } else {
    q = q.where('residents.county_code', '>=', low).where('residents.county_code', '<', high);
  }
  return q.orderBy('ledger_closures.at').orderBy('ledger_closures.id').limit(limit).offset(offset).execute();
}
