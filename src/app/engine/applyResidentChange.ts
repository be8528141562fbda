import type { Kysely } from 'kysely';
import { residentStatus } from '../../domain/campaignStatus.js';
import { clearanceOf, clearanceTransition, type ClearanceReason } from '../../domain/clearance.js';
import type { CalendarDate } from '../../domain/calendar.js';
import { campaignsCovering } from '../../store/campaignQueries.js';
import { codeRange } from '../../store/codeRange.js';
import type { Database } from '../../store/schema.js';
import { campaignRules } from '../campaigns/campaignRules.js';
import { emptyTally, tallyStatus, type GridTally } from './gridTally.js';
import { factsOfRange } from './residentFacts.js';
import { statusColumns, statusFromColumns } from './statusRow.js';

const COUNT_COLUMNS = [
  'residents',
  'ineligible',
  'done',
  'exempt',
  'deferred',
  'open',
  'unscreened',
] as const;

/**
 * After a write that changed a resident's facts (a visit, a dose, the register), re-derives
 * their status in every campaign covering their county and moves them between the kept
 * counts, inside the caller's transaction, so the read model never disagrees with the facts.
 * Units whose clearance flips get a clearance event with the reason.
 */
export async function applyResidentChange(
  trx: Kysely<Database>,
  county: string,
  residentId: number,
  today: CalendarDate,
  at: string,
  reason: ClearanceReason,
): Promise<void> {
  const [facts] = await factsOfRange(trx, county, residentId, residentId);
  if (!facts) return;
  for (const campaign of await campaignsCovering(trx, county)) {
    const next = residentStatus(campaignRules(campaign), facts.resident, facts.doses, facts.visits, today);
    const row = await trx
      .selectFrom('campaign_residents')
      .selectAll()
      .where('county_code', '=', county)
      .where('campaign_id', '=', campaign.id)
      .where('resident_id', '=', residentId)
      .executeTakeFirst();
    const nextColumns = statusColumns(next);
    if (row && row.grid_code === facts.gridCode && sameStatus(row, nextColumns)) continue;

    const tallies = new Map<string, GridTally>();
    const tallyOf = (grid: string): GridTally => {
      let t = tallies.get(grid);
      if (!t) tallies.set(grid, (t = emptyTally()));
      return t;
    };
    if (row) tallyStatus(tallyOf(row.grid_code), statusFromColumns(row), -1);
    tallyStatus(tallyOf(facts.gridCode), next, 1);

    if (row) {
      await trx
        .updateTable('campaign_residents')
        .set({ ...nextColumns, grid_code: facts.gridCode })
        .where('county_code', '=', county)
        .where('campaign_id', '=', campaign.id)
        .where('resident_id', '=', residentId)
        .execute();
    } else {
      await trx
        .insertInto('campaign_residents')
        .values({
          county_code: county,
          campaign_id: campaign.id,
          resident_id: residentId,
          grid_code: facts.gridCode,
          ...nextColumns,
        })
        .execute();
    }
    for (const [grid, t] of tallies) await applyTally(trx, campaign.id, grid, t);

    await recordClearanceChanges(trx, campaign.id, tallies, today, at, reason);
  }
}

export function sameStatus(
  row: ReturnType<typeof statusColumns>,
  next: ReturnType<typeof statusColumns>,
): boolean {
  return (Object.keys(next) as (keyof typeof next)[]).every(
    (k) => String(row[k] ?? '') === String(next[k] ?? ''),
  );
}

export async function applyTally(
  trx: Kysely<Database>,
  campaignId: number,
  grid: string,
  t: GridTally,
): Promise<void> {
  await trx
    .insertInto('campaign_grid_counts')
    .values({
      campaign_id: campaignId,
      grid_code: grid,
      residents: t.residents,
      ineligible: t.ineligible,
      done: t.done,
      exempt: t.exempt,
      deferred: t.deferred,
      open: t.open,
      unscreened: t.unscreened,
      sixty_eligible: t.sixtyEligible,
      sixty_done: t.sixtyDone,
    })
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'grid_code']).doUpdateSet((eb) => ({
        ...Object.fromEntries(
          COUNT_COLUMNS.map((c) => [c, eb(`campaign_grid_counts.${c}`, '+', eb.ref(`excluded.${c}`))]),
        ),
        sixty_eligible: eb('campaign_grid_counts.sixty_eligible', '+', eb.ref('excluded.sixty_eligible')),
        sixty_done: eb('campaign_grid_counts.sixty_done', '+', eb.ref('excluded.sixty_done')),
      })),
    )
    .execute();
  for (const [until, n] of t.deferrals) {
    if (n === 0) continue;
    await trx
      .insertInto('campaign_grid_deferrals')
      .values({ campaign_id: campaignId, grid_code: grid, until_date: until, n })
      .onConflict((oc) =>
        oc
          .columns(['campaign_id', 'grid_code', 'until_date'])
          .doUpdateSet((eb) => ({ n: eb('campaign_grid_deferrals.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  }
  for (const [day, d] of t.daily) {
    if (d.done === 0 && d.sixtyDone === 0) continue;
    await trx
      .insertInto('campaign_grid_daily')
      .values({ campaign_id: campaignId, grid_code: grid, day, done: d.done, sixty_done: d.sixtyDone })
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'grid_code', 'day']).doUpdateSet((eb) => ({
          done: eb('campaign_grid_daily.done', '+', eb.ref('excluded.done')),
          sixty_done: eb('campaign_grid_daily.sixty_done', '+', eb.ref('excluded.sixty_done')),
        })),
      )
      .execute();
  }
}

interface UnitSums {
  unscreened: number;
  open: number;
  eligible: number;
}

/** A unit's kept counts now (deferrals fallen due by `today` count as open). */
async function unitSums(
  trx: Kysely<Database>,
  campaignId: number,
  unit: string,
  today: CalendarDate,
): Promise<UnitSums> {
  const { low, high } = codeRange(unit);
  const sums = await trx
    .selectFrom('campaign_grid_counts')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('residents'), eb.lit(0)).as('residents'),
      eb.fn.coalesce(eb.fn.sum<number>('ineligible'), eb.lit(0)).as('ineligible'),
      eb.fn.coalesce(eb.fn.sum<number>('open'), eb.lit(0)).as('open'),
      eb.fn.coalesce(eb.fn.sum<number>('unscreened'), eb.lit(0)).as('unscreened'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('grid_code', '>=', low)
    .where('grid_code', '<', high)
    .executeTakeFirstOrThrow();
  const due = await trx
    .selectFrom('campaign_grid_deferrals')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('n'))
    .where('campaign_id', '=', campaignId)
    .where('grid_code', '>=', low)
    .where('grid_code', '<', high)
    .where('until_date', '<=', today)
    .executeTakeFirstOrThrow();
  return {
    unscreened: Number(sums.unscreened),
    open: Number(sums.open) + Number(due.n),
    eligible: Number(sums.residents) - Number(sums.ineligible),
  };
}

/**
 * Appends clearance events for every unit, from the changed grids up to the county, whose
 * clearance the change flipped. The state before is the state after minus what moved. A level
 * that did not flip ends the walk: a parent's count is at least its child's, so it cannot flip.
 */
export async function recordClearanceChanges(
  trx: Kysely<Database>,
  campaignId: number,
  moved: Map<string, GridTally>,
  today: CalendarDate,
  at: string,
  reason: ClearanceReason,
): Promise<void> {
  const seen = new Set<string>();
  for (const grid of moved.keys()) {
    for (const len of [15, 12, 9, 6]) {
      const unit = grid.slice(0, len);
      if (seen.has(unit)) break;
      seen.add(unit);
      const after = await unitSums(trx, campaignId, unit, today);
      const before = { ...after };
      for (const [g, t] of moved) {
        if (!g.startsWith(unit)) continue;
        before.unscreened -= t.unscreened;
        before.open -= t.open;
        // A deferral that has fallen due is counted as open, so moving one moves an open.
        for (const [until, n] of t.deferrals) if (until <= today) before.open -= n;
        before.eligible -= t.residents - t.ineligible;
      }
      const events = clearanceTransition(clearanceOf(before), clearanceOf(after), at, reason);
      for (const e of events) {
        await trx
          .insertInto('clearance_events')
          .values({
            campaign_id: campaignId,
            place_code: unit,
            at: e.at,
            kind: e.kind,
            which: e.which,
            reason: e.reason ?? null,
          })
          .execute();
      }
      if (events.length === 0) break;
    }
  }
}
