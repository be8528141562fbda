/**
 * The reads behind a daily report. Three kinds of figure, each from where it is exact:
 *
 * - done, increments, 60+ done: campaign_grid_daily (residents who reached the target, per grid
 *   and day). A resident's day of reaching it is a dated fact, so the cumulative sum up to any
 *   past day is exact for that day, late records included.
 * - eligible and 60+ eligible: the kept per-grid counts. Eligibility depends on the campaign's
 *   age band measured on its fixed as-of day and on the register, which keeps no history: the
 *   register as it stands now is used for every day.
 * - open and unscreened (and so double clearance and the analysis): the live read model when the
 *   report day is today and its cut-off has not passed; otherwise re-derived for the day from
 *   the visits recorded up to the cut-off (reconstructOpen).
 */
import { sql } from 'kysely';
import { residentStatus, type CampaignRules, type VisitFacts } from '../../domain/campaignStatus.js';
import type { CalendarDate } from '../../domain/calendar.js';
import type { OpenReason } from '../../domain/campaignStatus.js';
import { codeRange } from '../../store/codeRange.js';
import type { Store } from '../../store/openStore.js';
import { gridFiguresUnder } from '../../store/progressQueries.js';
import { toVisit } from '../engine/residentFacts.js';
import { addOpen, emptyOpenTally, type OpenTally } from './openAnalysis.js';

export interface GridState {
  eligible: number;
  sixtyEligible: number;
  open: number;
  unscreened: number;
}

export interface DayFigures {
  done: number;
  sixtyDone: number;
}

/** A village's done figures: everything before the window summed, then day by day. */
export interface VillageDaily {
  base: DayFigures;
  days: Map<CalendarDate, DayFigures>;
}

const villageOf = sql<string>`substr(grid_code, 1, 12)`;

/** Done per village: the sum before `windowStart`, and each day from it through `date`. */
export async function readVillageDaily(
  store: Store,
  campaignId: number,
  placeCode: string,
  windowStart: CalendarDate,
  date: CalendarDate,
): Promise<Map<string, VillageDaily>> {
  const { low, high } = codeRange(placeCode);
  const [before, window] = await Promise.all([
    store.db
      .selectFrom('campaign_grid_daily')
      .select([
        villageOf.as('village'),
        (eb) => eb.fn.sum<number>('done').as('done'),
        (eb) => eb.fn.sum<number>('sixty_done').as('sixty_done'),
      ])
      .where('campaign_id', '=', campaignId)
      .where('grid_code', '>=', low)
      .where('grid_code', '<', high)
      .where('day', '<', windowStart)
      .groupBy(villageOf)
      .execute(),
    store.db
      .selectFrom('campaign_grid_daily')
      .select([
        villageOf.as('village'),
        'day',
        (eb) => eb.fn.sum<number>('done').as('done'),
        (eb) => eb.fn.sum<number>('sixty_done').as('sixty_done'),
      ])
      .where('campaign_id', '=', campaignId)
      .where('grid_code', '>=', low)
      .where('grid_code', '<', high)
      .where('day', '>=', windowStart)
      .where('day', '<=', date)
      .groupBy([villageOf, 'day'])
      .execute(),
  ]);
  const out = new Map<string, VillageDaily>();
  const of = (v: string): VillageDaily => {
    let d = out.get(v);
    if (!d) out.set(v, (d = { base: { done: 0, sixtyDone: 0 }, days: new Map() }));
    return d;
  };
  for (const r of before) {
    const d = of(r.village);
    d.base.done += Number(r.done);
    d.base.sixtyDone += Number(r.sixty_done);
  }
  for (const r of window)
    of(r.village).days.set(r.day, { done: Number(r.done), sixtyDone: Number(r.sixty_done) });
  return out;
}

/**
 * Open and unscreened per grid, and the open residents tallied, from the live read model: the
 * figures `gridvax progress` shows (a deferral whose end has come is open again).
 */
export async function readOpenLive(
  store: Store,
  campaignId: number,
  placeCode: string,
  today: CalendarDate,
  ageAsOf: CalendarDate,
): Promise<{ grids: Map<string, GridState>; tally: OpenTally }> {
  const { low, high } = codeRange(placeCode);
  const [figures, open] = await Promise.all([
    gridFiguresUnder(store, campaignId, placeCode, today),
    store.db
      .selectFrom('campaign_residents as cr')
      .innerJoin('residents as r', (j) =>
        j.onRef('r.county_code', '=', 'cr.county_code').onRef('r.id', '=', 'cr.resident_id'),
      )
      .select(['cr.grid_code', 'cr.status', 'cr.reason', 'r.birth_date'])
      .where('cr.campaign_id', '=', campaignId)
      .where('cr.grid_code', '>=', low)
      .where('cr.grid_code', '<', high)
      .where((eb) =>
        eb.or([
          eb('cr.status', '=', 'open'),
          eb.and([eb('cr.status', '=', 'deferred'), eb('cr.until_date', '<=', today)]),
        ]),
      )
      .execute(),
  ]);
  const grids = new Map<string, GridState>();
  for (const g of figures.counts) {
    const due = figures.dueDeferrals.get(g.grid_code) ?? 0;
    grids.set(g.grid_code, {
      eligible: Number(g.residents) - Number(g.ineligible),
      sixtyEligible: Number(g.sixty_eligible),
      open: Number(g.open) + due,
      unscreened: Number(g.unscreened),
    });
  }
  const tally = emptyOpenTally();
  for (const r of open) {
    const reason = (r.status === 'deferred' ? 'deferral-ended' : r.reason) as OpenReason;
    addOpen(tally, r.grid_code, reason, r.birth_date, ageAsOf);
  }
  return { grids, tally };
}

interface PastResident {
  grid: string;
  birthDate: string;
  visits: VisitFacts[];
}

/**
 * Open and unscreened per grid on a past day, re-derived with the same rule as the live figures
 * (residentStatus) from the visits recorded up to the cut-off. Only residents who were not yet
 * done that day need it: a resident is done on a day exactly when the read model says they are
 * done and reached the target on or before it (doses are dated facts), and eligibility does not
 * depend on the day. So one read of the others with their visits up to the cut-off is enough —
 * about a second for a county of 800,000.
 */
export async function reconstructOpen(
  store: Store,
  campaignId: number,
  placeCode: string,
  rules: CampaignRules,
  date: CalendarDate,
  cutoff: string,
): Promise<{ grids: Map<string, GridState>; tally: OpenTally }> {
  const { low, high } = codeRange(placeCode);
  const [figures, rows] = await Promise.all([
    gridFiguresUnder(store, campaignId, placeCode, date),
    store.db
      .selectFrom('campaign_residents as cr')
      .innerJoin('residents as r', (j) =>
        j.onRef('r.county_code', '=', 'cr.county_code').onRef('r.id', '=', 'cr.resident_id'),
      )
      .leftJoin('screening_visits as v', (j) =>
        j
          .onRef('v.county_code', '=', 'cr.county_code')
          .onRef('v.resident_id', '=', 'cr.resident_id')
          .on('v.at', '<=', cutoff),
      )
      .select([
        'cr.resident_id',
        'cr.grid_code',
        'r.birth_date',
        'v.outcome',
        'v.at',
        'v.until_date',
        'v.follow_up_date',
        'v.booked_date',
        'v.verified',
      ])
      .where('cr.campaign_id', '=', campaignId)
      .where('cr.grid_code', '>=', low)
      .where('cr.grid_code', '<', high)
      .where('cr.status', '<>', 'ineligible')
      .where((eb) =>
        eb.or([eb('cr.status', '<>', 'done'), eb('cr.done_on', 'is', null), eb('cr.done_on', '>', date)]),
      )
      .execute(),
  ]);
  const residents = new Map<number, PastResident>();
  for (const r of rows) {
    const id = Number(r.resident_id);
    let p = residents.get(id);
    if (!p) residents.set(id, (p = { grid: r.grid_code, birthDate: r.birth_date, visits: [] }));
    if (r.outcome !== null && r.at !== null) {
      p.visits.push(
        toVisit({
          resident_id: id,
          outcome: r.outcome,
          at: r.at,
          until_date: r.until_date,
          follow_up_date: r.follow_up_date,
          booked_date: r.booked_date,
          verified: r.verified,
        }),
      );
    }
  }
  const grids = new Map<string, GridState>();
  for (const g of figures.counts) {
    grids.set(g.grid_code, {
      eligible: Number(g.residents) - Number(g.ineligible),
      sixtyEligible: Number(g.sixty_eligible),
      open: 0,
      unscreened: 0,
    });
  }
  const tally = emptyOpenTally();
  for (const p of residents.values()) {
    // Not done that day (no dose counts), active and of age (not ineligible in the read model).
    const s = residentStatus(rules, { birthDate: p.birthDate, status: 'active' }, [], p.visits, date);
    const g = grids.get(p.grid);
    if (!g) continue;
    if (s.status === 'open') {
      g.open++;
      addOpen(tally, p.grid, s.reason, p.birthDate, rules.ageAsOf);
    } else if (s.status === 'unscreened') g.unscreened++;
  }
  return { grids, tally };
}

/** Whether any dose or visit of a resident under the place had been recorded by the cut-off. */
export async function anyRecordBy(store: Store, placeCode: string, cutoff: string): Promise<boolean> {
  const county = placeCode.slice(0, 6);
  const { low, high } = codeRange(placeCode);
  const dose = await store.db
    .selectFrom('dose_records as d')
    .innerJoin('residents as r', (j) =>
      j.onRef('r.county_code', '=', 'd.county_code').onRef('r.id', '=', 'd.resident_id'),
    )
    .select('d.id')
    .where('d.county_code', '=', county)
    .where('d.at', '<=', cutoff)
    .where('r.grid_code', '>=', low)
    .where('r.grid_code', '<', high)
    .limit(1)
    .executeTakeFirst();
  if (dose) return true;
  const visit = await store.db
    .selectFrom('screening_visits as v')
    .innerJoin('residents as r', (j) =>
      j.onRef('r.county_code', '=', 'v.county_code').onRef('r.id', '=', 'v.resident_id'),
    )
    .select('v.id')
    .where('v.county_code', '=', county)
    .where('v.at', '<=', cutoff)
    .where('r.grid_code', '>=', low)
    .where('r.grid_code', '<', high)
    .limit(1)
    .executeTakeFirst();
  return visit !== undefined;
}

/**
 * The unit's done on a day among its siblings (the children of `parentCode`), for ranking a
 * township's report among the county's townships.
 */
export async function siblingsDone(
  store: Store,
  campaignId: number,
  parentCode: string,
  childLength: number,
  date: CalendarDate,
): Promise<Map<string, number>> {
  const { low, high } = codeRange(parentCode);
  const unit = sql<string>`substr(grid_code, 1, ${sql.lit(childLength)})`;
  const rows = await store.db
    .selectFrom('campaign_grid_daily')
    .select([unit.as('unit'), (eb) => eb.fn.sum<number>('done').as('done')])
    .where('campaign_id', '=', campaignId)
    .where('grid_code', '>=', low)
    .where('grid_code', '<', high)
    .where('day', '<=', date)
    .groupBy(unit)
    .execute();
  return new Map(rows.map((r) => [r.unit, Number(r.done)]));
}
