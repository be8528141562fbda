/**
 * The reads behind sector responsibility (行业监管): residents who carry a sector, counted by
 * their status in a campaign, and a sector's close-out ledger. Residents with a sector are few
 * (the partial index residents_sector holds only them), so a county's sectors are one index scan
 * joined to campaign_residents by primary key.
 */
import type { Kysely } from 'kysely';
import type { CalendarDate } from '../../domain/calendar.js';
import { codeRange } from '../codeRange.js';
import {
  namedStatusesUnder,
  onLedgerToday,
  type CampaignResidentRow,
  type NamedStatusRow,
} from '../ledgerQueries.js';
import type { Database } from '../schema.js';

export interface SectorStatusCount {
  sector: string;
  status: CampaignResidentRow['status'];
  n: number;
  /** Of a deferred count: those whose deferral has ended by today (open again). */
  due: number;
}

/** Residents under a place with a sector, by sector and kept campaign status. */
export async function sectorStatusCounts(
  db: Kysely<Database>,
  campaignId: number,
  place: string,
  today: CalendarDate,
): Promise<SectorStatusCount[]> {
  const { low, high } = codeRange(place);
  let q = db
    .selectFrom('residents')
    .innerJoin('campaign_residents', (j) =>
      j
        .onRef('campaign_residents.county_code', '=', 'residents.county_code')
        .onRef('campaign_residents.resident_id', '=', 'residents.id'),
    )
    .select((eb) => [
      'residents.sector',
      'campaign_residents.status',
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.and([
                eb('campaign_residents.status', '=', 'deferred'),
                eb('campaign_residents.until_date', '<=', today),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('due'),
    ])
    .where('residents.sector', 'is not', null)
    .where('residents.grid_code', '>=', low)
    .where('residents.grid_code', '<', high)
    .where('campaign_residents.campaign_id', '=', campaignId);
  q =
    place.length >= 6
      ? q.where('residents.county_code', '=', place.slice(0, 6))
      : q.where('residents.county_code', '>=', low).where('residents.county_code', '<', high);
  const rows = await q.groupBy(['residents.sector', 'campaign_residents.status']).execute();
  return rows.map((r) => ({
    sector: r.sector ?? '',
    status: r.status,
    n: Number(r.n),
    due: Number(r.due ?? 0),
  }));
}

export interface SectorLedgerRow extends NamedStatusRow {
  employer: string | null;
  sector: string | null;
}

/** One page of a sector's ledger under a place, in the ledger's order (grid, household, name). */
export async function sectorLedgerPage(
  db: Kysely<Database>,
  campaignId: number,
  place: string,
  sector: string,
  today: CalendarDate,
  limit: number,
  offset: number,
): Promise<SectorLedgerRow[]> {
  return namedStatusesUnder(db, campaignId, place)
    .select(['residents.employer', 'residents.sector'])
    .where('residents.sector', '=', sector)
    .where(onLedgerToday(today))
    .orderBy('campaign_residents.grid_code')
    .orderBy('residents.household_id')
    .orderBy('residents.name')
    .orderBy('campaign_residents.resident_id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** How many residents of a sector under a place are on the ledger today. */
export async function sectorLedgerTotal(
  db: Kysely<Database>,
  campaignId: number,
  place: string,
  sector: string,
  today: CalendarDate,
): Promise<number> {
  const { low, high } = codeRange(place);
  const r = await db
    .selectFrom('campaign_residents')
    .innerJoin('residents', (j) =>
      j
        .onRef('residents.county_code', '=', 'campaign_residents.county_code')
        .onRef('residents.id', '=', 'campaign_residents.resident_id'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_residents.campaign_id', '=', campaignId)
    .where('campaign_residents.grid_code', '>=', low)
    .where('campaign_residents.grid_code', '<', high)
    .where('residents.sector', '=', sector)
    .where(onLedgerToday(today))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Sets a resident's employer, sector and public role (register extras: no status depends on them). */
export async function setResidentEmployment(
  db: Kysely<Database>,
  county: string,
  residentId: number,
  employment: {
    employer: string | null;
    sector: string | null;
    public_role: 'cadre' | 'party-member' | 'public-servant' | null;
  },
): Promise<void> {
  await db
    .updateTable('residents')
    .set(employment)
    .where('county_code', '=', county)
    .where('id', '=', residentId)
    .execute();
}
