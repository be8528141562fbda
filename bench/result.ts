export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same work done the most direct way, measured in the same run. */
  floor?: number;
  /** How close to the floor: 1 means as fast as the floor; higher is better. */
  ratio?: number;
  /** What the earlier issues asked of this figure (of its value, or of its ratio to the floor). */
  targets?: Target[];
  /** How many runs the value is the median of (set by run.ts when it repeats a benchmark). */
  runs?: number;
  note?: string;
}

export interface Target {
  op: '<' | '>=';
  value: number;
  of?: 'value' | 'ratio';
}

/** Whether a figure meets all its targets; undefined when it has none or a figure is missing. */
export function meets(r: BenchResult): boolean | undefined {
  if (!r.targets?.length) return undefined;
  let all = true;
  for (const t of r.targets) {
    const x = t.of === 'ratio' ? r.ratio : r.value;
    if (x === undefined || Number.isNaN(x)) return undefined;
    all &&= t.op === '<' ? x < t.value : x >= t.value;
  }
  return all;
}

/** A target as the table prints it: `< 50 ms`, `≥ 0.5×`. */
export function targetText(r: BenchResult): string {
  return (r.targets ?? [])
    .map((t) => `${t.op === '<' ? '<' : '≥'} ${t.value}${t.of === 'ratio' ? '×' : ` ${r.unit}`}`)
    .join(', ');
}

export const below = (value: number): Target => ({ op: '<', value });
export const atLeast = (value: number): Target => ({ op: '>=', value });
export const ratioAtLeast = (value: number): Target => ({ op: '>=', value, of: 'ratio' });
