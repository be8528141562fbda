/**
 * What the dashboard draws of a unit, from either of two answers: the live progress read, or,
 * when that failed, the day's report model, which carries the same figures as of the day's
 * cut-off (a stored snapshot once the cut-off has passed). Components take this narrower shape,
 * so either answer draws the battle map, the ranking and the headline.
 */
import type { ReportUnit, UnitProgress } from '../commandApi.js';

export interface DashboardUnit {
  code: string;
  level: string;
  name: string;
  shortName: string;
  task: number | null;
  done: number;
  completion: number | null;
  todayIncrement: number;
  eligible: number;
  open: number;
  unscreened: number;
  sixtyPlus: { eligible: number; done: number; coverage: number | null };
  doubleCleared: boolean;
  doubleClearedChildren: number;
  childUnits: number;
  children?: DashboardUnit[];
}

export function fromReport(u: ReportUnit): DashboardUnit {
  return {
    code: u.code,
    level: u.level,
    name: u.name,
    shortName: u.shortName,
    task: u.task,
    done: u.done,
    completion: u.completion,
    todayIncrement: u.increment,
    eligible: u.eligible,
    open: u.open,
    unscreened: u.unscreened,
    sixtyPlus: u.sixtyPlus,
    doubleCleared: u.doubleCleared,
    doubleClearedChildren: u.doubleClearedChildren,
    childUnits: u.childUnits,
    ...(u.children ? { children: u.children.map(fromReport) } : {}),
  };
}

/** The live progress when it has come, else the report's units, else nothing (yet). */
export function dashboardRoot(
  progress: UnitProgress | undefined,
  report: { unit: ReportUnit } | undefined,
): DashboardUnit | undefined {
  if (progress) return progress;
  return report ? fromReport(report.unit) : undefined;
}
