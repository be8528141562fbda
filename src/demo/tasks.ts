/**
 * Task numbers (任务数) handed down county → township → village. A village's task is its
 * eligible count as the county's data group estimated it, a few per cent off either way (the
 * denominator is never exact in real life); a township's is the sum of its villages', the
 * county's the sum of its townships'.
 *
 * The errors are centred within each township, so its task stays close to its eligible count
 * and its completion reads as planned. 锦石乡's task is the one that makes its completion the
 * report's 91.2% ("完成总任务91.2%"), as long as that stays within the few per cent.
 */
import { apportion, type CountyPlan, JINSHI_COMPLETION, JINSHI_TOWNSHIP } from './plan.js';
import type { Random } from './random.js';

export interface VillageTally {
  eligible: number;
  done: number;
}

export interface Task {
  placeCode: string;
  count: number;
}

const NOISE = 0.04;

export function allocateTasks(
  rng: Random,
  plan: CountyPlan,
  tallies: ReadonlyMap<string, VillageTally>,
): Task[] {
  const out: Task[] = [];
  let county = 0;
  for (const t of plan.townships) {
    const eligible = t.villages.map((v) => tallies.get(v.code)?.eligible ?? 0);
    const E = eligible.reduce((a, b) => a + b, 0);
    const noise = t.villages.map(() => rng.between(-NOISE, NOISE));
    const mean = E > 0 ? eligible.reduce((a, e, i) => a + e * (noise[i] as number), 0) / E : 0;
    let counts = eligible.map((e, i) =>
      Math.round(e * (1 + Math.max(-NOISE, Math.min(NOISE, (noise[i] as number) - mean)))),
    );
    if (t.code === JINSHI_TOWNSHIP && E > 0) {
      const done = t.villages.reduce((a, v) => a + (tallies.get(v.code)?.done ?? 0), 0);
      const total = Math.round(done / JINSHI_COMPLETION);
      if (total >= E * (1 - NOISE) && total <= E * (1 + NOISE)) counts = apportion(total, eligible, 0);
    }
    let township = 0;
    t.villages.forEach((v, i) => {
      const count = counts[i] as number;
      out.push({ placeCode: v.code, count });
      township += count;
    });
    out.push({ placeCode: t.code, count: township });
    county += township;
  }
  out.push({ placeCode: plan.countyCode, count: county });
  return out;
}
