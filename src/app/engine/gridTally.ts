import type { ResidentStatus } from '../../domain/campaignStatus.js';

/** A grid's counts as the engine keeps them (campaign_grid_counts plus its side tables). */
export interface GridTally {
  residents: number;
  ineligible: number;
  done: number;
  exempt: number;
  deferred: number;
  open: number;
  unscreened: number;
  sixtyEligible: number;
  sixtyDone: number;
  /** Deferred residents by the day their deferral ends. */
  deferrals: Map<string, number>;
  /** Residents who reached the target, by the day they did. */
  daily: Map<string, { done: number; sixtyDone: number }>;
}

export function emptyTally(): GridTally {
  return {
    residents: 0,
    ineligible: 0,
    done: 0,
    exempt: 0,
    deferred: 0,
    open: 0,
    unscreened: 0,
    sixtyEligible: 0,
    sixtyDone: 0,
    deferrals: new Map(),
    daily: new Map(),
  };
}

const bump = (m: Map<string, number>, k: string, by: number): void => {
  m.set(k, (m.get(k) ?? 0) + by);
};

/** Adds (sign 1) or removes (sign −1) one resident's status from a grid's tally. */
export function tallyStatus(t: GridTally, s: ResidentStatus, sign: 1 | -1): void {
  t.residents += sign;
  t[s.status] += sign;
  if (s.status !== 'ineligible' && s.sixtyPlus) t.sixtyEligible += sign;
  if (s.status === 'deferred') bump(t.deferrals, s.until, sign);
  if (s.status === 'done') {
    if (s.sixtyPlus) t.sixtyDone += sign;
    const d = t.daily.get(s.doneOn) ?? { done: 0, sixtyDone: 0 };
    d.done += sign;
    if (s.sixtyPlus) d.sixtyDone += sign;
    t.daily.set(s.doneOn, d);
  }
}
