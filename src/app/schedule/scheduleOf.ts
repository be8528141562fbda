import { addDays, shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { scheduleUnit, type DailyIncrement, type UnitSchedule } from '../../domain/scheduling.js';
import { siteCapacity, type SiteCapacity } from '../../domain/sites.js';
import { codeRange } from '../../store/codeRange.js';
import { siteCapacityByTownship } from '../../store/fieldops/siteQueries.js';
import type { Store } from '../../store/openStore.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';

export interface UnitScheduleRow {
  code: string;
  name: string;
  level: string;
  schedule: UnitSchedule;
  /**
   * A township's (or the county's) active sites against its needed daily rate, once the county
   * keeps sites; null for villages and grids (sites serve townships) and for units without a task.
   */
  siteCapacity: SiteCapacity | null;
}

export interface ScheduleOfResult {
  today: CalendarDate;
  deadline: CalendarDate;
  unit: UnitScheduleRow;
  children: UnitScheduleRow[];
  /** The children at risk or behind: the ones the command team calls about. */
  atRisk: UnitScheduleRow[];
  /** The unit and children whose needed daily rate is more than their sites can vaccinate. */
  capacityWarnings: (SiteCapacity & {
    code: string;
    name: string;
    warning: NonNullable<SiteCapacity['warning']>;
  })[];
}

/** Daily increments read back: two weeks, twice the recent window, so a trend can be shown. */
export const DAILY_HISTORY_DAYS = 14;

/**
 * Backward scheduling (倒排工期) of a unit and each of its children in a campaign: the task
 * handed down, what is done (the kept per-grid counts), the daily increments of the last two
 * weeks (the kept per-grid daily table), and from them the needed rate, the projected finish
 * and whether the unit will miss the deadline (src/domain/scheduling.ts does the arithmetic).
 */
export async function scheduleOf(
  store: Store,
  input: { campaignId: number; place: string; scope?: Scope },
): Promise<ScheduleOfResult> {
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const place = await requirePlace(store, input.place, input.scope);
  const today = shanghaiDate(store.now());
  const from = addDays(today, -(DAILY_HISTORY_DAYS - 1));
  const { low, high } = codeRange(place.code);
  const [children, tasks, counts, daily, sites] = await Promise.all([
    store.db
      .selectFrom('places')
      .select(['code', 'name', 'level'])
      .where('parent_code', '=', place.code)
      .orderBy('code')
      .execute(),
    store.db
      .selectFrom('task_allocations')
      .select(['place_code', 'count'])
      .where('campaign_id', '=', campaign.id)
      .where('place_code', '>=', low)
      .where('place_code', '<', high)
      .execute(),
    store.db
      .selectFrom('campaign_grid_counts')
      .select(['grid_code', 'done'])
      .where('campaign_id', '=', campaign.id)
      .where('grid_code', '>=', low)
      .where('grid_code', '<', high)
      .execute(),
    store.db
      .selectFrom('campaign_grid_daily')
      .select(['grid_code', 'day', 'done'])
      .where('campaign_id', '=', campaign.id)
      .where('day', '>=', from)
      .where('day', '<=', today)
      .where('grid_code', '>=', low)
      .where('grid_code', '<', high)
      .execute(),
    siteCapacityByTownship(store.db, place.code.slice(0, 6)),
  ]);
  // Sites serve townships: a township's capacity is its active sites', a county's all of them.
  const capacityOf = (code: string): { sites: number; daily: number } | undefined => {
    if (!sites.keepsSites || code.length > 9) return undefined;
    const total = { sites: 0, daily: 0 };
    for (const [t, c] of sites.byTownship) {
      if (!t.startsWith(code)) continue;
      total.sites += c.sites;
      total.daily += c.daily;
    }
    return total;
  };
  const taskOf = new Map(tasks.map((t) => [t.place_code, Number(t.count)]));

  const scheduleFor = (p: { code: string; name: string; level: string }): UnitScheduleRow => {
    let done = 0;
    for (const g of counts) if (g.grid_code.startsWith(p.code)) done += Number(g.done);
    const byDay = new Map<string, number>();
    for (const d of daily)
      if (d.grid_code.startsWith(p.code)) byDay.set(d.day, (byDay.get(d.day) ?? 0) + Number(d.done));
    const increments: DailyIncrement[] = [...byDay].map(([date, n]) => ({ date, done: n }));
    const capacity = capacityOf(p.code);
    const schedule = scheduleUnit({
      task: taskOf.get(p.code) ?? null,
      done,
      deadline: campaign.deadline,
      today,
      daily: increments,
      since: campaign.start_date,
      capacityPerDay: capacity?.daily,
    });
    return {
      code: p.code,
      name: p.name,
      level: p.level,
      schedule,
      siteCapacity:
        capacity && schedule.remaining !== null
          ? siteCapacity({
              unitName: p.name,
              ...capacity,
              needed: schedule.neededDailyRate ?? schedule.remaining,
            })
          : null,
    };
  };

  const childRows = children.map(scheduleFor);
  const unit = scheduleFor(place);
  return {
    today,
    deadline: campaign.deadline,
    unit,
    children: childRows,
    atRisk: childRows.filter((c) => c.schedule.status === 'at-risk' || c.schedule.status === 'behind'),
    capacityWarnings: [unit, ...childRows].flatMap((r) =>
      r.siteCapacity?.warning
        ? [{ code: r.code, name: r.name, ...r.siteCapacity, warning: r.siteCapacity.warning }]
        : [],
    ),
  };
}
