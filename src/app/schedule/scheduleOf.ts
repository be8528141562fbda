import { addDays, shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { scheduleUnit, type DailyIncrement, type UnitSchedule } from '../../domain/scheduling.js';
import { codeRange } from '../../store/codeRange.js';
import type { Store } from '../../store/openStore.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';

export interface UnitScheduleRow {
  code: string;
  name: string;
  level: string;
  schedule: UnitSchedule;
}

export interface ScheduleOfResult {
  today: CalendarDate;
  deadline: CalendarDate;
  unit: UnitScheduleRow;
  children: UnitScheduleRow[];
  /** The children at risk or behind: the ones the command team calls about. */
  atRisk: UnitScheduleRow[];
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
  const [children, tasks, counts, daily] = await Promise.all([
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
  ]);
  const taskOf = new Map(tasks.map((t) => [t.place_code, Number(t.count)]));

  const scheduleFor = (p: { code: string; name: string; level: string }): UnitScheduleRow => {
    let done = 0;
    for (const g of counts) if (g.grid_code.startsWith(p.code)) done += Number(g.done);
    const byDay = new Map<string, number>();
    for (const d of daily)
      if (d.grid_code.startsWith(p.code)) byDay.set(d.day, (byDay.get(d.day) ?? 0) + Number(d.done));
    const increments: DailyIncrement[] = [...byDay].map(([date, n]) => ({ date, done: n }));
    return {
      code: p.code,
      name: p.name,
      level: p.level,
      schedule: scheduleUnit({
        task: taskOf.get(p.code) ?? null,
        done,
        deadline: campaign.deadline,
        today,
        daily: increments,
        since: campaign.start_date,
        // Site capacity belongs here once sites and their daily capacity are kept (field
        // operations come later); until then there is nothing to check the need against.
        capacityPerDay: undefined,
      }),
    };
  };

  const childRows = children.map(scheduleFor);
  return {
    today,
    deadline: campaign.deadline,
    unit: scheduleFor(place),
    children: childRows,
    atRisk: childRows.filter((c) => c.schedule.status === 'at-risk' || c.schedule.status === 'behind'),
  };
}
