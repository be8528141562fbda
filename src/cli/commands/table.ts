/**
 * Plain-text tables for the terminal. Chinese characters take two columns in a terminal, so
 * padding counts display width, not string length; otherwise a column of village names drifts.
 */

/** Display width of text in a terminal: East Asian wide and full-width characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

export type Align = 'left' | 'right';

/** Renders rows under a header; numbers are best right-aligned (`align[i] = 'right'`). */
export function renderTable(
  header: readonly string[],
  rows: readonly string[][],
  align: readonly Align[] = [],
): string {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell)));
        return align[i] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** A fraction as a percentage with one decimal, or `—` when there is none. */
export const percent = (x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

/** A yes/no cell. */
export const yesNo = (b: boolean): string => (b ? '✓' : '·');
