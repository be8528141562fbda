/**
 * The daily dispatch report (按日调度) of a unit on a day, computed from the stored facts:
 * DESIGN.md "Daily dispatch", issue "Daily dispatch and the battle map". The unit is a county,
 * township or village; below it come its townships and their villages.
 *
 * What a report for a PAST day can say, and how (the model's `basis` repeats it):
 * - exact from dated facts: done, each day's increment, completion, rank, 60+ done, the needed
 *   and recent daily rates, the projected finish and the status. Every dose is dated, so the sum
 *   of the days up to the report day is what was true that day — including doses entered late,
 *   which is the point: a frozen snapshot keeps what was reported, the facts say what happened.
 *   A day is a whole Shanghai calendar day: a dose given after the cut-off counts for its day.
 * - re-derived as of the cut-off: open, unscreened, double clearance and the data group's
 *   analysis, from the visits recorded up to the cut-off with the same rule as the live figures
 *   (src/domain/campaignStatus.ts), unless the day's snapshot was stored (then that is read back
 *   and nothing is recomputed: see dailyReport.ts).
 * - as they stand now: task numbers (their history is not kept) and the register — who lives in
 *   which grid, who moved out or died — so eligible counts are today's.
 * Today's report, before its cut-off, reads the live read model: the numbers `gridvax progress`
 * shows.
 */
import { addDays, type CalendarDate } from '../../domain/calendar.js';
import type { DailyReport, ReportCorrection, ReportUnit } from '../../domain/dailyReport.js';
import { invalidInput } from '../../domain/errors.js';
import { scheduleUnit, type ScheduleStatus } from '../../domain/scheduling.js';
import { completion } from '../../domain/tasks.js';
import { tasksUnder, type CampaignRow } from '../../store/campaignQueries.js';
import { codeRange } from '../../store/codeRange.js';
import type { Store } from '../../store/openStore.js';
import type { PlaceRow } from '../../store/placeQueries.js';
import { placesUnder } from '../../store/progressQueries.js';
import { snapshotsBefore, type StoredSnapshot } from '../../store/snapshotQueries.js';
import { campaignRules } from '../campaigns/campaignRules.js';
import { reportDispatch } from '../dispatch/reportDispatch.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';
import { answerableFor } from '../teams/answerableFor.js';
import type { Scope } from '../records/findResident.js';
import { analysisOf } from './openAnalysis.js';
import {
  anyRecordBy,
  readOpenLive,
  readVillageDaily,
  reconstructOpen,
  siblingsDone,
  type DayFigures,
} from './reportFigures.js';
import { previousDay, reportDay, type ReportDay } from './reportDay.js';

/** Days in the report's trend (two weeks: twice the recent window the rates use). */
export const TREND_DAYS = 14;

export interface DailyReportInput {
  campaignId: number;
  /** County, township or village code; the campaign's own unit when absent. */
  place?: string;
  /** YYYY-MM-DD; today (the Shanghai day of the store's now) when absent. */
  date?: CalendarDate;
  /** 'HH:MM' Asia/Shanghai; 18:00 when absent. */
  cutoffTime?: string;
  scope?: Scope;
}

type Level = ReportUnit['level'];
const LEVELS: Record<number, Level> = { 6: 'county', 9: 'township', 12: 'village' };

export interface ResolvedReport {
  campaign: CampaignRow;
  place: PlaceRow & { level: Level };
  day: ReportDay;
}

/** The campaign, unit and day a report is asked for, each checked (and refused clearly). */
export async function resolveReport(store: Store, input: DailyReportInput): Promise<ResolvedReport> {
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const place = await requirePlace(store, input.place ?? campaign.place_code, input.scope);
  if (LEVELS[place.code.length] !== place.level) {
    throw invalidInput({
      code: 'report.place',
      field: 'place',
      message: {
        zh: `按日调度报表的单位应为县、乡镇或村（社区）：${place.name}（${place.code}）`,
        en: `a daily report is of a county, township or village: ${place.name} (${place.code}) is a ${place.level}`,
      },
    });
  }
  if (!place.code.startsWith(campaign.place_code)) {
    throw invalidInput({
      code: 'report.place',
      field: 'place',
      message: {
        zh: `${place.name}（${place.code}）不在接种任务“${campaign.name}”的范围内`,
        en: `${place.name} (${place.code}) is outside the campaign “${campaign.name}”`,
      },
    });
  }
  const day = reportDay(campaign, input.date, store.now(), input.cutoffTime);
  return { campaign, place: place as ResolvedReport['place'], day };
}

interface Node {
  code: string;
  level: Level;
  name: string;
  shortName: string;
  parent: Node | undefined;
  children: Node[];
  /** Villages: their grids, and how many of those are double-cleared. */
  grids: number;
  gridsCleared: number;
  eligible: number;
  sixtyEligible: number;
  open: number;
  unscreened: number;
  base: DayFigures;
  days: Map<CalendarDate, DayFigures>;
}

const SEVERITY: Record<ScheduleStatus, number | null> = {
  done: 0,
  'on-track': 1,
  'at-risk': 2,
  behind: 3,
  'no-task': null,
};

const cleared = (g: { eligible: number; open: number; unscreened: number }): boolean =>
  g.eligible > 0 && g.open === 0 && g.unscreened === 0;

/** 1-based ranks by completion, highest first; equal completions share a rank; null without a task. */
export function rankByCompletion(values: readonly (number | null)[]): (number | null)[] {
  return values.map((v) => (v === null ? null : 1 + values.filter((w) => w !== null && w > v).length));
}

function walk(n: Node, fn: (n: Node) => void): void {
  fn(n);
  for (const c of n.children) walk(c, fn);
}

function flatten(u: ReportUnit, into = new Map<string, ReportUnit>()): Map<string, ReportUnit> {
  into.set(u.code, u);
  for (const c of u.children ?? []) flatten(c, into);
  return into;
}

/** Builds the report from the stored facts; never reads or writes a snapshot of the day itself. */
export async function buildDailyReport(store: Store, input: DailyReportInput): Promise<DailyReport> {
  const { campaign, place, day } = await resolveReport(store, input);
  const campaignId = Number(campaign.id);
  const rules = campaignRules(campaign);
  const D = day.date;
  const cutoff = day.cutoff.toISOString();

  const earlier = await snapshotsBefore(store.db, campaignId, place.code, D);
  let windowStart = addDays(D, -(TREND_DAYS - 1));
  for (const s of earlier) if (s.date < windowStart) windowStart = s.date;

  const { low, high } = codeRange(place.code);
  const [places, tasks, daily, open] = await Promise.all([
    placesUnder(store, place.code),
    tasksUnder(store, campaignId, low, high),
    readVillageDaily(store, campaignId, place.code, windowStart, D),
    day.live
      ? readOpenLive(store, campaignId, place.code, D, rules.ageAsOf)
      : reconstructOpen(store, campaignId, place.code, rules, D, cutoff),
  ]);

  // The tree: the unit, its townships, their villages; grids are counted, not listed.
  const nodes = new Map<string, Node>();
  for (const p of places) {
    const level = LEVELS[p.code.length];
    if (level === undefined || p.level !== level) continue;
    const parent = p.code === place.code ? undefined : nodes.get(p.code.slice(0, p.code.length - 3));
    if (p.code !== place.code && !parent) continue;
    const n: Node = {
      code: p.code,
      level,
      name: p.name,
      shortName: p.short_name,
      parent,
      children: [],
      grids: 0,
      gridsCleared: 0,
      eligible: 0,
      sixtyEligible: 0,
      open: 0,
      unscreened: 0,
      base: { done: 0, sixtyDone: 0 },
      days: new Map(),
    };
    nodes.set(p.code, n);
    parent?.children.push(n);
  }
  const root = nodes.get(place.code) as Node;
  const upFrom = (code: string): Node[] => {
    const out: Node[] = [];
    for (const len of [12, 9, 6]) {
      if (len < place.code.length) break;
      const n = nodes.get(code.slice(0, len));
      if (n) out.push(n);
    }
    return out;
  };
  for (const p of places)
    if (p.level === 'grid') {
      const village = nodes.get(p.code.slice(0, 12));
      if (village) village.grids++;
    }
  for (const [grid, g] of open.grids) {
    for (const n of upFrom(grid)) {
      n.eligible += g.eligible;
      n.sixtyEligible += g.sixtyEligible;
      n.open += g.open;
      n.unscreened += g.unscreened;
      if (n.level === 'village' && cleared(g)) n.gridsCleared++;
    }
  }
  for (const [village, v] of daily) {
    for (const n of upFrom(village)) {
      n.base.done += v.base.done;
      n.base.sixtyDone += v.base.sixtyDone;
      for (const [d, f] of v.days) {
        const into = n.days.get(d) ?? { done: 0, sixtyDone: 0 };
        into.done += f.done;
        into.sixtyDone += f.sixtyDone;
        n.days.set(d, into);
      }
    }
  }

  // Cumulative figures on any day from the window start on (the base holds the days before).
  const at = (n: Node, x: CalendarDate): DayFigures => {
    const f = { ...n.base };
    for (const [d, v] of n.days)
      if (d <= x) {
        f.done += v.done;
        f.sixtyDone += v.sixtyDone;
      }
    return f;
  };
  const incrementOn = (n: Node, x: CalendarDate): number => n.days.get(x)?.done ?? 0;
  const scheduleOn = (n: Node, x: CalendarDate) =>
    scheduleUnit({
      task: tasks.get(n.code) ?? null,
      done: at(n, x).done,
      deadline: campaign.deadline,
      today: x,
      daily: [...n.days].filter(([d]) => d <= x).map(([date, f]) => ({ date, done: f.done })),
      since: campaign.start_date,
      // Site capacity joins once sites are kept (field operations come later).
      capacityPerDay: undefined,
    });

  const labelOf = (code: string): string => {
    const n = nodes.get(code);
    if (!n) return code;
    // A village named alone is ambiguous across a county (several townships have a 新塘村).
    if (n.level === 'village' && root.level === 'county' && n.parent)
      return `${n.parent.shortName}${n.shortName}`;
    return n.level === 'county' ? n.name : n.shortName;
  };

  const answerables = await answerableFor(store.db, [...nodes.keys()]);
  const toUnit = (n: Node): ReportUnit => {
    const task = tasks.get(n.code) ?? null;
    const f = at(n, D);
    const s = scheduleOn(n, D);
    const unit: ReportUnit = {
      code: n.code,
      name: n.name,
      shortName: n.shortName,
      level: n.level,
      task,
      done: f.done,
      increment: incrementOn(n, D),
      completion: completion(f.done, task),
      rank: null,
      eligible: n.eligible,
      open: n.open,
      unscreened: n.unscreened,
      doubleCleared: cleared(n),
      doubleClearedChildren: n.level === 'village' ? n.gridsCleared : n.children.filter(cleared).length,
      childUnits: n.level === 'village' ? n.grids : n.children.length,
      sixtyPlus: {
        eligible: n.sixtyEligible,
        done: f.sixtyDone,
        coverage: n.sixtyEligible === 0 ? null : f.sixtyDone / n.sixtyEligible,
      },
      neededDailyRate: s.neededDailyRate,
      recentDailyRate: s.recentDailyRate,
      projectedFinish: s.projectedFinish,
      status: s.status,
      answerable: answerables.get(n.code) ?? null,
    };
    if (n.level !== 'village') {
      unit.children = n.children.map(toUnit);
      const ranks = rankByCompletion(unit.children.map((c) => c.completion));
      unit.children.forEach((c, i) => (c.rank = ranks[i] ?? null));
    }
    return unit;
  };
  const unit = toUnit(root);
  unit.rank = await rootRank(store, campaignId, unit, D);

  const trend = [];
  for (let i = TREND_DAYS - 1; i >= 0; i--) {
    const d = addDays(D, -i);
    trend.push({ date: d, done: at(root, d).done, increment: incrementOn(root, d) });
  }

  // Yesterday as its report said it (the snapshot), or as the facts say it was.
  const fellBehind: DailyReport['fellBehind'] = [];
  const prev = previousDay(campaign, D);
  if (prev !== undefined) {
    const said = new Map<string, ReportUnit>();
    for (const s of earlier) if (s.date === prev) flatten(s.report.unit, said);
    const now = flatten(unit);
    walk(root, (n) => {
      const from = said.get(n.code)?.status ?? scheduleOn(n, prev).status;
      const to = now.get(n.code)?.status ?? 'no-task';
      const a = SEVERITY[from];
      const b = SEVERITY[to];
      if (a !== null && b !== null && b > a)
        fellBehind.push({ code: n.code, name: labelOf(n.code), from, to });
    });
  }

  const hasData = at(root, D).done > 0 || (await anyRecordBy(store, place.code, cutoff));
  const dispatch = await reportDispatch(store, { campaignId, place: place.code, cutoff });

  return {
    campaign: {
      id: campaignId,
      name: campaign.name,
      target: campaign.target,
      start: campaign.start_date,
      deadline: campaign.deadline,
    },
    date: D,
    cutoff,
    generatedAt: store.now().toISOString(),
    frozen: false,
    hasData,
    unit,
    fellBehind,
    corrections: corrections(earlier, nodes, root, at, incrementOn, labelOf),
    trend,
    analysis: analysisOf(open.tally, labelOf),
    dispatch,
    basis: day.live
      ? {
          kind: 'live',
          note: {
            zh: '当日截止前的实时数据，与“进度”查询一致。',
            en: 'Live figures of today before its cut-off, as `gridvax progress` shows them.',
          },
        }
      : {
          kind: 'reconstructed',
          note: {
            zh: '按有日期的记录重算：累计接种、当日新增、完成率、排名、60岁以上接种和进度测算为当日实数（含事后补录）；待接种、未摸排、双清零和数据研判按截止时间前的摸排记录推算；任务数和居民花名册为现状。',
            en: 'Recomputed from dated records: done, increments, completion, rank, 60+ done and the schedule are exact for the day (late records included); open, unscreened, double clearance and the analysis are re-derived from the visits recorded by the cut-off; task numbers and the register are as they stand now.',
          },
        },
  };
}

/** The unit's rank among its siblings (a township among the county's townships); null for a county. */
async function rootRank(
  store: Store,
  campaignId: number,
  unit: ReportUnit,
  date: CalendarDate,
): Promise<number | null> {
  if (unit.level === 'county' || unit.completion === null) return null;
  const parent = unit.code.slice(0, unit.code.length - 3);
  const { low, high } = codeRange(parent);
  const [done, tasks] = await Promise.all([
    siblingsDone(store, campaignId, parent, unit.code.length, date),
    tasksUnder(store, campaignId, low, high),
  ]);
  const values: (number | null)[] = [];
  for (const [code, task] of tasks)
    if (code.length === unit.code.length && code !== unit.code)
      values.push(completion(done.get(code) ?? 0, task));
  return rankByCompletion([unit.completion, ...values])[0] ?? null;
}

/**
 * Late records against the reports already frozen: for each earlier day with a snapshot, the
 * units whose figures for that day changed after it was taken. A unit is listed on the day the
 * late records belong to — its increment that day changed — or, when the day before had no
 * snapshot, on the first frozen day after records for the days in between; so one late dose is
 * one line per unit, not one per later day. Each line gives the cumulative done then and now.
 * A change the previous frozen report already listed is not repeated.
 */
function corrections(
  earlier: readonly StoredSnapshot[],
  nodes: Map<string, Node>,
  root: Node,
  at: (n: Node, x: CalendarDate) => DayFigures,
  incrementOn: (n: Node, x: CalendarDate) => number,
  labelOf: (code: string) => string,
): ReportCorrection[] {
  // The most specific snapshot of each day (a township's own over the county's).
  const byDate = new Map<CalendarDate, Map<string, ReportUnit>>();
  for (const s of earlier) byDate.set(s.date, flatten(s.report.unit));
  const out: ReportCorrection[] = [];
  for (const [date, units] of [...byDate].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const dayBefore = byDate.get(addDays(date, -1));
    walk(root, (n) => {
      const then = units.get(n.code);
      if (!then) return;
      const now = at(n, date).done;
      const incrementChanged = incrementOn(n, date) !== then.increment;
      const gapChanged = !dayBefore?.has(n.code) && now - then.done !== incrementOn(n, date) - then.increment;
      if (incrementChanged || gapChanged) {
        out.push({ date, code: n.code, name: labelOf(n.code), doneThen: then.done, doneNow: now });
      }
    });
  }
  const last = earlier.at(-1);
  const told = new Set(last?.report.corrections.map((c) => `${c.date} ${c.code} ${c.doneNow}`));
  return out.filter((c) => !told.has(`${c.date} ${c.code} ${c.doneNow}`));
}
