import { meets, targetText, type BenchResult } from './result.js';

const fmt = (n: number | undefined): string =>
  n === undefined || Number.isNaN(n)
    ? ''
    : Number.isInteger(n) || Math.abs(n) >= 100
      ? Math.round(n).toLocaleString('en-US')
      : n.toFixed(n < 1 ? 3 : 2);

/** The bench table as plain text: one row per figure, then each figure's note. */
export function benchTable(results: readonly BenchResult[]): string {
  const header = ['benchmark', 'median', 'runs', 'floor', 'ratio', 'target', 'met'];
  const rows = results.map((r) => {
    const met = meets(r);
    return [
      r.name,
      `${fmt(r.value)} ${r.unit}`,
      String(r.runs ?? 1),
      r.floor === undefined ? '' : `${fmt(r.floor)} ${r.unit}`,
      fmt(r.ratio),
      targetText(r),
      met === undefined ? '' : met ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const notes = results.filter((r) => r.note).map((r) => `  · ${r.name}: ${r.note}`);
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    ...notes,
    '',
  ].join('\n');
}
