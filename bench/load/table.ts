import type { RouteFigures } from './recorder.js';

/** Columns padded to their widest cell. */
export function renderRows(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

const ms = (n: number): string => (Number.isNaN(n) ? '–' : n.toFixed(n < 10 ? 2 : 1));

/** The per-route table (routes the mix left out are not shown): requests, 2xx/s, p50, p99, max, failures. */
export function routeTable(routes: readonly RouteFigures[]): string {
  return renderRows(
    ['route', 'requests', '2xx/s', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors'],
    routes
      .filter((r) => r.requests > 0 || r.route === 'all')
      .map((r) => [
        r.label,
        String(r.requests),
        r.rps.toFixed(1),
        ms(r.p50),
        ms(r.p99),
        ms(r.max),
        String(r.non2xx),
        String(r.errors),
      ]),
  );
}
