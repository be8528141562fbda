/**
 * The reads and writes behind look-backs (回头看): the pool a sample is drawn from, the stored
 * look-back and its items, and the clearance history a finding appends to.
 */
import type { Kysely, Selectable } from 'kysely';
import { codeRange } from './codeRange.js';
import type { CampaignResidentRow } from './ledgerQueries.js';
import type { ClearanceEventsTable, Database, LookbackItemsTable, LookbacksTable } from './schema.js';

export type LookbackRow = Selectable<LookbacksTable>;
export type LookbackItemRow = Selectable<LookbackItemsTable>;

/**
 * The residents of a campaign under a place who count (status not ineligible), by resident id:
 * the pool a look-back sample is drawn from. A village is a few thousand rows.
 */
export async function eligiblePool(
  db: Kysely<Database>,
  campaignId: number,
  placeCode: string,
): Promise<Pick<CampaignResidentRow, 'county_code' | 'resident_id' | 'status' | 'reason' | 'until_date'>[]> {
  const { low, high } = codeRange(placeCode);
  return db
    .selectFrom('campaign_residents')
    .select(['county_code', 'resident_id', 'status', 'reason', 'until_date'])
    .where('campaign_id', '=', campaignId)
    .where('grid_code', '>=', low)
    .where('grid_code', '<', high)
    .where('status', '!=', 'ineligible')
    .orderBy('resident_id')
    .execute();
}

/** How many look-backs of a unit in a campaign were created at or after an instant. */
export async function lookbacksSince(
  db: Kysely<Database>,
  campaignId: number,
  placeCode: string,
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom('lookbacks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .where('place_code', '=', placeCode)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertLookback(
  db: Kysely<Database>,
  row: Omit<LookbackRow, 'id'>,
  items: readonly Omit<LookbackItemRow, 'lookback_id'>[],
): Promise<number> {
  const { id } = await db.insertInto('lookbacks').values(row).returning('id').executeTakeFirstOrThrow();
  const lookbackId = Number(id);
  for (let i = 0; i < items.length; i += 500) {
    await db
      .insertInto('lookback_items')
      .values(items.slice(i, i + 500).map((it) => ({ ...it, lookback_id: lookbackId })))
      .execute();
  }
  return lookbackId;
}

export async function lookbackById(db: Kysely<Database>, id: number): Promise<LookbackRow | undefined> {
  return db.selectFrom('lookbacks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A look-back's items in draw order, with who they are on the register. */
export async function lookbackItems(
  db: Kysely<Database>,
  lookbackId: number,
): Promise<(LookbackItemRow & { name: string; id_number: string; grid_code: string })[]> {
  return db
    .selectFrom('lookback_items')
    .innerJoin('residents', (j) =>
      j
        .onRef('residents.county_code', '=', 'lookback_items.county_code')
        .onRef('residents.id', '=', 'lookback_items.resident_id'),
    )
    .selectAll('lookback_items')
    .select(['residents.name', 'residents.id_number', 'residents.grid_code'])
    .where('lookback_items.lookback_id', '=', lookbackId)
    .orderBy('lookback_items.position')
    .execute();
}

export async function recordItemCheck(
  db: Kysely<Database>,
  lookbackId: number,
  position: number,
  check: { checked_at: string; matches: boolean; note: string | null },
): Promise<void> {
  await db
    .updateTable('lookback_items')
    .set({ checked_at: check.checked_at, matches: check.matches ? 1 : 0, note: check.note })
    .where('lookback_id', '=', lookbackId)
    .where('position', '=', position)
    .execute();
}

export async function setLookbackVerdict(
  db: Kysely<Database>,
  lookbackId: number,
  verdict: string,
  closedAt: string | null,
): Promise<void> {
  await db
    .updateTable('lookbacks')
    .set({ verdict, closed_at: closedAt })
    .where('id', '=', lookbackId)
    .execute();
}

/** The latest clearance event of one kind for a unit: whether its history says cleared now. */
export async function latestClearanceEvent(
  db: Kysely<Database>,
  campaignId: number,
  placeCode: string,
  which: ClearanceEventsTable['which'],
): Promise<ClearanceEventsTable['kind'] | undefined> {
  const row = await db
    .selectFrom('clearance_events')
    .select('kind')
    .where('campaign_id', '=', campaignId)
    .where('place_code', '=', placeCode)
    .where('which', '=', which)
    // Append order, as the engine's recount reads the history (instants can tie or, with a
    // pinned clock moved back, run backwards).
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.kind;
}

export async function appendClearanceEvent(
  db: Kysely<Database>,
  event: Omit<Selectable<ClearanceEventsTable>, 'id'>,
): Promise<void> {
  await db.insertInto('clearance_events').values(event).execute();
}

/** Who did what, for actions whose own table has no column for the actor (a look-back check). */
export async function appendAudit(
  db: Kysely<Database>,
  entry: { at: string; actor: string; action: string; entity: string; entityId: string; detail: unknown },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      user_id: null,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      detail: JSON.stringify(entry.detail),
      origin: null,
    })
    .execute();
}
