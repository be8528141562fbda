import { clearanceOf } from '../../domain/clearance.js';
import { completion } from '../../domain/tasks.js';

/** One unit's progress in a campaign: what `gridvax progress` and the API answer. */
export interface UnitProgress {
  code: string;
  level: string;
  name: string;
  shortName: string;
  task: number | null;
  residents: number;
  eligible: number;
  ineligible: number;
  done: number;
  exempt: number;
  deferred: number;
  open: number;
  unscreened: number;
  /** done ÷ task; null without a task. Not clamped: a stale denominator can pass 100%. */
  completion: number | null;
  todayIncrement: number;
  sixtyPlus: { eligible: number; done: number; coverage: number | null };
  screeningCleared: boolean;
  taskCleared: boolean;
  doubleCleared: boolean;
  /** How many child units are double-cleared (of `childUnits`). */
  doubleClearedChildren: number;
  childUnits: number;
  children?: UnitProgress[];
}

export interface Tally {
  residents: number;
  ineligible: number;
  done: number;
  exempt: number;
  deferred: number;
  open: number;
  unscreened: number;
  sixtyEligible: number;
  sixtyDone: number;
  todayIncrement: number;
}

export const zeroTally = (): Tally => ({
  residents: 0,
  ineligible: 0,
  done: 0,
  exempt: 0,
  deferred: 0,
  open: 0,
  unscreened: 0,
  sixtyEligible: 0,
  sixtyDone: 0,
  todayIncrement: 0,
});

export function addTally(into: Tally, from: Tally): void {
  for (const k of Object.keys(into) as (keyof Tally)[]) into[k] += from[k];
}

/** A unit's figures from its tally and task; clearance follows DESIGN.md (双清零). */
export function unitFigures(
  t: Tally,
  task: number | null,
): Omit<
  UnitProgress,
  'code' | 'level' | 'name' | 'shortName' | 'doubleClearedChildren' | 'childUnits' | 'children'
> {
  const eligible = t.residents - t.ineligible;
  const c = clearanceOf({ unscreened: t.unscreened, open: t.open, eligible });
  return {
    task,
    residents: t.residents,
    eligible,
    ineligible: t.ineligible,
    done: t.done,
    exempt: t.exempt,
    deferred: t.deferred,
    open: t.open,
    unscreened: t.unscreened,
    completion: task === null ? null : completion(t.done, task),
    todayIncrement: t.todayIncrement,
    sixtyPlus: {
      eligible: t.sixtyEligible,
      done: t.sixtyDone,
      coverage: t.sixtyEligible === 0 ? null : t.sixtyDone / t.sixtyEligible,
    },
    screeningCleared: c.screeningCleared,
    taskCleared: c.taskCleared,
    doubleCleared: c.doubleCleared,
  };
}
