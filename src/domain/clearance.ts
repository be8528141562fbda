/**
 * Double clearance (双清零) of a unit. DESIGN.md, "The domain, in words": screening cleared
 * (排查清零: nobody unscreened) and task cleared (任务清零: nobody open); a cleared unit can reopen
 * (a new resident, a deferral that falls due, a look-back finding), and when and why is kept.
 * The report this is modelled on counts villages that reached "排查清零、任务清零'双清零'".
 *
 * Decisions:
 * - The two clearances are measured independently, exactly as DESIGN.md words them, so each
 *   column of the daily report says something of its own: a unit can have asked everyone and
 *   still have open residents, or have no open resident among those asked while some were never
 *   asked. Only double clearance — both — is the goal a unit is judged on.
 * - Deferred residents do not hold up task clearance (they have a valid reason until their date);
 *   when a deferral falls due the resident is open again and the unit reopens ('deferral-due').
 * - A unit with no eligible resident is cleared (there is nobody to screen or vaccinate) but
 *   flagged `empty`, so a report can tell "cleared" from "nothing there" (a register not yet
 *   imported looks the same).
 *
 * Pure: the store keeps the history of events these functions produce.
 */
import type { Bilingual } from './errors.js';
import type { StatusCounts } from './campaignStatus.js';

export interface Clearance {
  /** 排查清零: nobody unscreened. */
  screeningCleared: boolean;
  /** 任务清零: nobody open. */
  taskCleared: boolean;
  /** 双清零: both. */
  doubleCleared: boolean;
  /** No eligible resident at all: cleared vacuously. */
  empty: boolean;
}

export const CLEARANCE_KINDS = ['screening', 'task', 'double'] as const;
export type ClearanceKind = (typeof CLEARANCE_KINDS)[number];

export const CLEARANCE_LABELS: Readonly<Record<ClearanceKind, Bilingual>> = {
  screening: { zh: '排查清零', en: 'Screening cleared' },
  task: { zh: '任务清零', en: 'Task cleared' },
  double: { zh: '双清零', en: 'Double cleared' },
};

/**
 * Why a clearance changed. The store passes what caused the recount; `recount` when it cannot
 * tell (a scheduled nightly recount, say).
 */
export const CLEARANCE_REASONS = [
  'new-resident',
  'resident-changed',
  'new-visit',
  'dose-recorded',
  'dose-corrected',
  'deferral-due',
  'lookback-finding',
  'campaign-changed',
  'recount',
] as const;
export type ClearanceReason = (typeof CLEARANCE_REASONS)[number];

export const CLEARANCE_REASON_LABELS: Readonly<Record<ClearanceReason, Bilingual>> = {
  'new-resident': { zh: '新增居民', en: 'A new resident' },
  'resident-changed': { zh: '居民信息变更', en: 'A resident’s record changed' },
  'new-visit': { zh: '新的摸排记录', en: 'A new screening visit' },
  'dose-recorded': { zh: '新增接种记录', en: 'A dose recorded' },
  'dose-corrected': { zh: '接种记录更正', en: 'A dose record corrected' },
  'deferral-due': { zh: '暂缓期满', en: 'A deferral fell due' },
  'lookback-finding': { zh: '回头看发现问题', en: 'A look-back finding' },
  'campaign-changed': { zh: '接种任务调整', en: 'The campaign changed' },
  recount: { zh: '重新统计', en: 'Recount' },
};

export interface ClearanceEvent {
  /** When the change was seen: an ISO-8601 UTC instant. */
  at: string;
  kind: 'cleared' | 'reopened';
  which: ClearanceKind;
  reason?: ClearanceReason;
}

/**
 * The state before a unit was ever counted: nothing cleared. The first recount of a unit is a
 * transition from this, so a unit that starts out cleared gets its `cleared` events too.
 */
export const NEVER_CLEARED: Readonly<Clearance> = Object.freeze({
  screeningCleared: false,
  taskCleared: false,
  doubleCleared: false,
  empty: false,
});

/** The unit's clearance from its counts (campaignStatus.countStatuses). */
export function clearanceOf(counts: Pick<StatusCounts, 'unscreened' | 'open' | 'eligible'>): Clearance {
  const screeningCleared = counts.unscreened === 0;
  const taskCleared = counts.open === 0;
  return {
    screeningCleared,
    taskCleared,
    doubleCleared: screeningCleared && taskCleared,
    empty: counts.eligible === 0,
  };
}

function flag(c: Clearance, which: ClearanceKind): boolean {
  switch (which) {
    case 'screening':
      return c.screeningCleared;
    case 'task':
      return c.taskCleared;
    case 'double':
      return c.doubleCleared;
  }
}

/**
 * The events to append when a unit's clearance goes from `before` to `after`: `cleared` for each
 * of screening, task and double that became true, `reopened` for each that stopped being true, in
 * that order; none when nothing changed. `reason` is what caused the change, when known.
 */
export function clearanceTransition(
  before: Clearance,
  after: Clearance,
  at: string,
  reason?: ClearanceReason,
): ClearanceEvent[] {
  const events: ClearanceEvent[] = [];
  for (const which of CLEARANCE_KINDS) {
    const was = flag(before, which);
    const is = flag(after, which);
    if (was === is) continue;
    const event: ClearanceEvent = { at, kind: is ? 'cleared' : 'reopened', which };
    if (reason !== undefined) event.reason = reason;
    events.push(event);
  }
  return events;
}

/**
 * Whether `which` is cleared after a history of events (oldest first), and since when: the state
 * the store's history says, for a unit whose counts are not at hand. Never cleared → undefined.
 */
export function clearedSince(events: readonly ClearanceEvent[], which: ClearanceKind): string | undefined {
  let since: string | undefined;
  for (const e of events) {
    if (e.which !== which) continue;
    since = e.kind === 'cleared' ? e.at : undefined;
  }
  return since;
}
