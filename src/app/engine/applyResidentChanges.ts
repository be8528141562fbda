import type { Kysely } from 'kysely';
import { residentStatus } from '../../domain/campaignStatus.js';
import type { CalendarDate } from '../../domain/calendar.js';
import type { ClearanceReason } from '../../domain/clearance.js';
import { campaignsCovering } from '../../store/campaignQueries.js';
import type { CampaignResidentsTable, Database } from '../../store/schema.js';
import { chunks } from '../../store/syncQueries.js';
import { campaignRules } from '../campaigns/campaignRules.js';
import { applyTally, recordClearanceChanges, sameStatus } from './applyResidentChange.js';
import { emptyTally, tallyStatus, type GridTally } from './gridTally.js';
import { toDose, toVisit, type FactsOfResident } from './residentFacts.js';
import { statusColumns, statusFromColumns } from './statusRow.js';

const CHUNK = 500;

export interface AppliedChanges {
  /** Residents whose facts were read. */
  residents: number;
  /** Campaign rows (resident × campaign) whose status or grid changed. */
  changed: number;
}

/**
 * applyResidentChange for many residents of one county at once (a sync batch, an import of
 * corrections): the same result — every resident's status in every campaign covering the
 * county re-derived, the kept counts moved, clearance events for the units that flipped — in
 * a number of queries that grows with the chunks and the grids touched, not with the residents.
 * Facts and current rows are read ~500 residents a query, changed rows are written with one
 * upsert per chunk, and each grid's counts are moved once with the net of all its residents.
 *
 * Clearance is judged on the batch as a whole: a unit that one item would clear and a later
 * one reopen gets no event, because the history records what the unit was, not what the
 * order of a phone's outbox made it look like for a moment.
 */
export async function applyResidentChanges(
  trx: Kysely<Database>,
  county: string,
  residentIds: readonly number[],
  today: CalendarDate,
  at: string,
  reason: ClearanceReason,
): Promise<AppliedChanges> {
  const ids = [...new Set(residentIds)].sort((a, b) => a - b);
  if (ids.length === 0) return { residents: 0, changed: 0 };
  const campaigns = (await campaignsCovering(trx, county)).map((c) => ({
    id: Number(c.id),
    rules: campaignRules(c),
  }));
  if (campaigns.length === 0) return { residents: 0, changed: 0 };

  const moved = new Map<number, Map<string, GridTally>>(campaigns.map((c) => [c.id, new Map()]));
  const tallyOf = (campaignId: number, grid: string): GridTally => {
    const byGrid = moved.get(campaignId) as Map<string, GridTally>;
    let t = byGrid.get(grid);
    if (!t) byGrid.set(grid, (t = emptyTally()));
    return t;
  };

  let residents = 0;
  let changed = 0;
  for (const part of chunks(ids, CHUNK)) {
    const [facts, current] = await Promise.all([
      factsOfIds(trx, county, part),
      trx
        .selectFrom('campaign_residents')
        .selectAll()
        .where('county_code', '=', county)
        .where(
          'campaign_id',
          'in',
          campaigns.map((c) => c.id),
        )
        .where('resident_id', 'in', part)
        .execute(),
    ]);
    residents += facts.length;
    const rowOf = new Map(current.map((r) => [`${r.campaign_id}:${r.resident_id}`, r]));
    const writes: CampaignResidentsTable[] = [];
    for (const f of facts) {
      for (const c of campaigns) {
        const next = residentStatus(c.rules, f.resident, f.doses, f.visits, today);
        const columns = statusColumns(next);
        const row = rowOf.get(`${c.id}:${f.id}`);
        if (row && row.grid_code === f.gridCode && sameStatus(row, columns)) continue;
        if (row) tallyStatus(tallyOf(c.id, row.grid_code), statusFromColumns(row), -1);
        tallyStatus(tallyOf(c.id, f.gridCode), next, 1);
        writes.push({
          county_code: county,
          campaign_id: c.id,
          resident_id: f.id,
          grid_code: f.gridCode,
          ...columns,
        });
      }
    }
    changed += writes.length;
    // 12 columns a row: 400 rows stay far below either engine's bound-parameter limit.
    for (const rows of chunks(writes, 400)) {
      await trx
        .insertInto('campaign_residents')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['county_code', 'campaign_id', 'resident_id']).doUpdateSet((eb) => ({
            grid_code: eb.ref('excluded.grid_code'),
            status: eb.ref('excluded.status'),
            reason: eb.ref('excluded.reason'),
            until_date: eb.ref('excluded.until_date'),
            follow_up_date: eb.ref('excluded.follow_up_date'),
            booked_date: eb.ref('excluded.booked_date'),
            done_on: eb.ref('excluded.done_on'),
            sixty_plus: eb.ref('excluded.sixty_plus'),
            last_visit_at: eb.ref('excluded.last_visit_at'),
          })),
        )
        .execute();
    }
  }

  for (const [campaignId, byGrid] of moved) {
    // A grid whose residents moved out of one status and back into it has nothing to write.
    for (const [grid, t] of byGrid) if (isNil(t)) byGrid.delete(grid);
    if (byGrid.size === 0) continue;
    for (const [grid, t] of byGrid) await applyTally(trx, campaignId, grid, t);
    await recordClearanceChanges(trx, campaignId, byGrid, today, at, reason);
  }
  return { residents, changed };
}

function isNil(t: GridTally): boolean {
  const counts =
    t.residents | t.ineligible | t.done | t.exempt | t.deferred | t.open | t.unscreened | t.sixtyEligible;
  if (counts !== 0 || t.sixtyDone !== 0) return false;
  for (const n of t.deferrals.values()) if (n !== 0) return false;
  for (const d of t.daily.values()) if (d.done !== 0 || d.sixtyDone !== 0) return false;
  return true;
}

/** factsOfRange for a list of residents: three reads of ~500 ids each, on the same indexes. */
async function factsOfIds(
  db: Kysely<Database>,
  county: string,
  ids: readonly number[],
): Promise<FactsOfResident[]> {
  const [residents, doses, visits] = await Promise.all([
    db
      .selectFrom('residents')
      .select(['id', 'grid_code', 'birth_date', 'status'])
      .where('county_code', '=', county)
      .where('id', 'in', ids)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('dose_records')
      .select(['resident_id', 'product', 'dose_number', 'at'])
      .where('county_code', '=', county)
      .where('resident_id', 'in', ids)
      .execute(),
    db
      .selectFrom('screening_visits')
      .select(['resident_id', 'outcome', 'at', 'until_date', 'follow_up_date', 'booked_date', 'verified'])
      .where('county_code', '=', county)
      .where('resident_id', 'in', ids)
      .execute(),
  ]);
  const byId = new Map<number, FactsOfResident>();
  for (const r of residents) {
    byId.set(Number(r.id), {
      id: Number(r.id),
      gridCode: r.grid_code,
      resident: { birthDate: r.birth_date, status: r.status },
      doses: [],
      visits: [],
    });
  }
  for (const d of doses) byId.get(Number(d.resident_id))?.doses.push(toDose(d));
  for (const v of visits) byId.get(Number(v.resident_id))?.visits.push(toVisit(v));
  return [...byId.values()];
}
