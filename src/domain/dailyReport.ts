/**
 * The daily dispatch report (按日调度) as data: one model, frozen at a cut-off each day, that
 * every renderer (xlsx, PDF, SVG charts, WeChat text, JSON) draws from, so the numbers in every
 * format are the same numbers. DESIGN.md "Daily dispatch"; issue "Daily dispatch and the battle map".
 */
import type { CalendarDate } from './calendar.js';
import type { Bilingual } from './errors.js';
import type { ScheduleStatus } from './scheduling.js';

export interface ReportUnit {
  code: string;
  /** The official name (锦石乡, 锦石村委会) and what officials write (锦石村). */
  name: string;
  shortName: string;
  level: 'county' | 'township' | 'village';
  task: number | null;
  /** Cumulative residents who met the campaign's target by the cut-off. */
  done: number;
  /** Of those, how many on the report's day. */
  increment: number;
  /** done ÷ task; null without a task; not clamped. */
  completion: number | null;
  /** 1-based rank among its siblings by completion (ties share a rank); null without a task. */
  rank: number | null;
  eligible: number;
  open: number;
  unscreened: number;
  doubleCleared: boolean;
  /** Child units double-cleared, of `childUnits` (for a township: its villages). */
  doubleClearedChildren: number;
  childUnits: number;
  sixtyPlus: { eligible: number; done: number; coverage: number | null };
  neededDailyRate: number | null;
  recentDailyRate: number;
  projectedFinish: CalendarDate | null;
  status: ScheduleStatus;
  /** The cadre answerable for the unit (包保责任人), once field operations record one. */
  answerable: string | null;
  children?: ReportUnit[];
}

export interface ReportTrendPoint {
  date: CalendarDate;
  done: number;
  increment: number;
}

export interface ReportCorrection {
  /** The past day whose figures changed after its report was frozen. */
  date: CalendarDate;
  code: string;
  name: string;
  /** Reported then, and what the stored facts say now. */
  doneThen: number;
  doneNow: number;
}

/** One unit's answer to a dispatch order (调度令) that was overdue at the cut-off. */
export interface ReportOverdueOrder {
  orderId: number;
  title: string;
  /** Instants, ISO UTC. */
  issuedAt: string;
  deadline: string;
  /** The unit that owes the answer, named as elsewhere in the report (锦石乡, 锦石乡锦石村). */
  code: string;
  name: string;
  /** Whether it had at least acknowledged (签收) the order. */
  acknowledged: boolean;
  /** From the deadline to the cut-off. */
  minutesLate: number;
}

/**
 * The dispatch orders of the campaign (or of none) issued by the cut-off to units in the report's
 * unit, counted per unit that owes an answer, as they stood at the cut-off.
 */
export interface ReportDispatch {
  orders: number;
  /** Units that owe an answer (an order to three townships is three). */
  targets: number;
  acknowledged: number;
  /** Completed by the deadline, and after it. */
  completed: number;
  completedLate: number;
  overdue: number;
  /** The overdue answers, most overdue first. */
  overdueOrders: ReportOverdueOrder[];
}

export interface DailyReport {
  campaign: { id: number; name: string; target: string; start: CalendarDate; deadline: CalendarDate };
  date: CalendarDate;
  /** The cut-off instant (ISO UTC): the report counts what was recorded for days up to it. */
  cutoff: string;
  generatedAt: string;
  /** True when read from the stored snapshot of that day, false when computed on demand. */
  frozen: boolean;
  /** False when nothing at all was recorded by the cut-off: a report must not print zeros as facts. */
  hasData: boolean;
  /**
   * Where the figures come from: `live`, the read model (today, before the cut-off); or
   * `reconstructed` from the dated facts (a past day, or today after its cut-off), with what is
   * exact and what is re-derived said in `note`. Optional, so a hand-made model may leave it out.
   */
  basis?: { kind: 'live' | 'reconstructed'; note: Bilingual };
  /** The unit reported on (the county, or a township) with its units and theirs below. */
  unit: ReportUnit;
  /** Units whose status got worse since the previous day's report. */
  fellBehind: { code: string; name: string; from: ScheduleStatus; to: ScheduleStatus }[];
  /** Late records for past days, counted and labelled, never silently rewriting history. */
  corrections: ReportCorrection[];
  /** The last 14 days of the unit. */
  trend: ReportTrendPoint[];
  /** For the data group (数据研判): who is still open, and where refusals and "away" concentrate. */
  analysis: {
    openByReason: { reason: string; label: Bilingual; n: number }[];
    openByAgeBand: { band: string; n: number }[];
    refusalHotspots: { code: string; name: string; n: number }[];
    awayHotspots: { code: string; name: string; n: number }[];
  };
  /**
   * Dispatch orders (调度令) and who is late answering them. Optional: a report frozen before
   * field operations (or a hand-made model) has none, and renderers then leave the section out.
   */
  dispatch?: ReportDispatch;
}
