import type { BenchResult } from '../result.js';

const fmt = (n: number | undefined): string =>
  n === undefined
    ? ''
    : Number.isInteger(n) || Math.abs(n) >= 100
      ? String(Math.round(n))
      : n.toFixed(n < 1 ? 3 : 2);

/** The benchmark table as bench/run.ts prints it (value, floor, ratio), then each row's note. */
export function benchTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.floor === undefined ? '' : `${fmt(r.floor)} ${r.unit}`,
    fmt(r.ratio),
  ]);
  const header = ['benchmark', 'value', 'floor', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  const notes = results.flatMap((r) => (r.note ? [`  · ${r.name}: ${r.note}`] : []));
  return (
    [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ...notes].join('\n') + '\n'
  );
}
