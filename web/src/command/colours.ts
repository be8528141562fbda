/**
 * The battle map's colours: the same completion bands as the printed map (src/reports/style.ts),
 * so the wall screen and the PDF on the commander's desk agree, with the text colour chosen for
 * contrast on each fill (WCAG 2 relative luminance), so a tile's figures stay readable.
 */
import { COMPLETION_BANDS, completionColor, STATUS_COLORS } from '../../../src/reports/style.js';

export { COMPLETION_BANDS, STATUS_COLORS };

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function luminance(hex: string): number {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `fill`. */
export function inkOn(fill: string): '#000000' | '#ffffff' {
  return contrast(fill, '#000000') >= contrast(fill, '#ffffff') ? '#000000' : '#ffffff';
}

/** A tile's fill by completion (null: no task) and the ink its text is written in. */
export function tileColours(completion: number | null): { fill: string; ink: string } {
  const fill = completionColor(completion).color;
  return { fill, ink: inkOn(fill) };
}

/**
 * The share a tile is coloured by: completion (done ÷ task). Grids are handed no task (tasks stop
 * at villages), so a grid is coloured by done ÷ eligible, the same question asked of its register.
 */
export function tileShare(u: {
  level: string;
  task: number | null;
  completion: number | null;
  done: number;
  eligible: number;
}): number | null {
  if (u.completion !== null) return u.completion;
  return u.level === 'grid' && u.task === null && u.eligible > 0 ? u.done / u.eligible : null;
}
