/**
 * Named lists of residents under a place: the register, a campaign's statuses, a grid member's
 * worklist. Each is a range scan on an index that starts with the place's code range —
 * residents (county_code, grid_code), campaign_residents (campaign_id, grid_code, status) — read
 * a page at a time, so a township or a county streams instead of landing in memory at once.
 */
import type { Expression, Kysely, Selectable, SqlBool } from 'kysely';
import { addDays, type CalendarDate } from '../domain/calendar.js';
import { invalidInput } from '../domain/errors.js';
import { DEFERRAL_LOOKAHEAD_DAYS } from '../domain/worklist.js';
import { codeRange } from './codeRange.js';
import { namedStatusesUnder, type NamedStatusRow } from './ledgerQueries.js';
import type { Database, ResidentsTable } from './schema.js';

/** A page unless the caller asks otherwise; enough for a village's ledger on one screen. */
export const DEFAULT_PAGE = 1000;
/** The most one read returns: a township's open residents, never a county's register. */
export const MAX_PAGE = 10_000;

/** The page size asked for, checked: a whole number from 1 to MAX_PAGE (default DEFAULT_PAGE). */
export function pageSize(limit: number | undefined, field = 'limit'): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw invalidInput({
      code: 'page.limit',
      field,
      message: {
        zh: `每页条数应为 1–${MAX_PAGE} 的整数：${limit}`,
        en: `limit must be a whole number from 1 to ${MAX_PAGE}: ${limit}`,
      },
    });
  }
  return limit;
}

/** The offset asked for, checked: a whole number ≥ 0 (default 0). */
export function pageOffset(offset: number | undefined, field = 'offset'): number {
  if (offset === undefined) return 0;
  if (!Number.isInteger(offset) || offset < 0) {
    throw invalidInput({
      code: 'page.offset',
      field,
      message: { zh: `起始位置应为非负整数：${offset}`, en: `offset must be a whole number ≥ 0: ${offset}` },
    });
  }
  return offset;
}

/** Where a keyset page starts: after this resident, in (grid_code, resident id) order. */
export interface Keyset {
  grid: string;
  id: number;
}

export type RegisterRow = Selectable<ResidentsTable>;

/**
 * One page of the register under a place (within one county), in (grid, id) order: the order
 * the (county_code, grid_code) index already gives up to the id, so each page seeks to where
 * the last one stopped.
 */
export async function registerPage(
  db: Kysely<Database>,
  county: string,
  placeCode: string,
  after: Keyset | undefined,
  limit: number,
): Promise<RegisterRow[]> {
  const { low, high } = codeRange(placeCode);
  let q = db
    .selectFrom('residents')
    .selectAll()
    .where('county_code', '=', county)
    .where('grid_code', '>=', after && after.grid > low ? after.grid : low)
    .where('grid_code', '<', high);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('grid_code', '>', after.grid),
        eb.and([eb('grid_code', '=', after.grid), eb('id', '>', after.id)]),
      ]),
    );
  }
  return q.orderBy('grid_code').orderBy('id').limit(limit).execute();
}

/** The register grid of a resident, to resume a register page after them. */
export async function registerGridOf(
  db: Kysely<Database>,
  county: string,
  residentId: number,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('residents')
    .select('grid_code')
    .where('county_code', '=', county)
    .where('id', '=', residentId)
    .executeTakeFirst();
  return row?.grid_code;
}

/**
 * One page of a campaign's statuses under a place, with the register columns, in (grid, id)
 * order, optionally narrowed by a status condition (ledgerQueries' onLedgerToday and the like).
 */
export async function campaignPage(
  db: Kysely<Database>,
  campaignId: number,
  placeCode: string,
  where: Expression<SqlBool> | undefined,
  after: Keyset | undefined,
  limit: number,
): Promise<NamedStatusRow[]> {
  const { low } = codeRange(placeCode);
  let q = namedStatusesUnder(db, campaignId, placeCode);
  if (where) q = q.where(where);
  if (after) {
    q = q
      .where('campaign_residents.grid_code', '>=', after.grid > low ? after.grid : low)
      .where((eb) =>
        eb.or([
          eb('campaign_residents.grid_code', '>', after.grid),
          eb.and([
            eb('campaign_residents.grid_code', '=', after.grid),
            eb('campaign_residents.resident_id', '>', after.id),
          ]),
        ]),
      );
  }
  return q
    .orderBy('campaign_residents.grid_code')
    .orderBy('campaign_residents.resident_id')
    .limit(limit)
    .execute();
}

/** The grid a resident is counted in for a campaign, to resume a campaign page after them. */
export async function campaignGridOf(
  db: Kysely<Database>,
  county: string,
  campaignId: number,
  residentId: number,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('campaign_residents')
    .select('grid_code')
    .where('county_code', '=', county)
    .where('campaign_id', '=', campaignId)
    .where('resident_id', '=', residentId)
    .executeTakeFirst();
  return row?.grid_code;
}

/**
 * The candidates for a grid member's worklist under a place: open, unscreened, and deferred
 * with a deferral ending within the worklist's look-ahead (or already ended). At most `limit`.
 */
export async function worklistCandidates(
  db: Kysely<Database>,
  campaignId: number,
  placeCode: string,
  today: CalendarDate,
  limit: number,
): Promise<NamedStatusRow[]> {
  const horizon = addDays(today, DEFERRAL_LOOKAHEAD_DAYS);
  return namedStatusesUnder(db, campaignId, placeCode)
    .where((eb) =>
      eb.or([
        eb('campaign_residents.status', 'in', ['open', 'unscreened']),
        eb.and([
          eb('campaign_residents.status', '=', 'deferred'),
          eb('campaign_residents.until_date', '<=', horizon),
        ]),
      ]),
    )
    .orderBy('campaign_residents.grid_code')
    .orderBy('campaign_residents.resident_id')
    .limit(limit)
    .execute();
}

/**
 * The day each of these residents, found away (外出) at their latest visit, is expected back:
 * the kept status does not carry it, the visit does. Read on the visits' (county, resident, at)
 * index, 500 residents at a time.
 */
export async function awayReturnDates(
  db: Kysely<Database>,
  county: string,
  latest: readonly { residentId: number; at: string }[],
): Promise<Map<number, CalendarDate>> {
  const out = new Map<number, CalendarDate>();
  const atOf = new Map(latest.map((l) => [l.residentId, l.at]));
  for (let i = 0; i < latest.length; i += 500) {
    const ids = latest.slice(i, i + 500).map((l) => l.residentId);
    const rows = await db
      .selectFrom('screening_visits')
      .select(['resident_id', 'at', 'until_date'])
      .where('county_code', '=', county)
      .where('resident_id', 'in', ids)
      .where('outcome', '=', 'away')
      .where('until_date', 'is not', null)
      .execute();
    for (const r of rows) {
      const id = Number(r.resident_id);
      if (r.until_date !== null && atOf.get(id) === r.at) out.set(id, r.until_date);
    }
  }
  return out;
}
