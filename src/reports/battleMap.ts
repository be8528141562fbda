/**
 * The battle map (挂图作战) as standalone SVG: a tile per township, a small tile per village inside
 * it, filled by completion on the banded scale of style.ts and marked ✓ with a double border when
 * double-cleared. Built as a string rather than through ECharts: it is rectangles and text, and
 * plain SVG elements are what svg-to-pdfkit embeds faithfully in the PDF. Positions come from
 * src/domain/battleMapLayout.ts, which the web dashboard shares.
 */
import { battleMapLayout, type BattleMapTile } from '../domain/battleMapLayout.js';
import type { DailyReport, ReportUnit } from '../domain/dailyReport.js';
import {
  CJK_FONT_FAMILY,
  COMPLETION_BANDS,
  NO_TASK_COLOR,
  completionColor,
  cutoffLabel,
  escapeXml,
  percentText,
} from './style.js';

const MAP_WIDTH = 1000;
const TITLE_HEIGHT = 44;
const LEGEND_HEIGHT = 34;
const CLEARED_STROKE = '#0b5d1e';
const NO_DATA = { color: '#eeeeee', text: '#7a7a7a' };

/** Rough advance of a string: CJK characters and symbols (≥ ✓ –) one em, Latin and digits a little over half. */
function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) >= 0x2000 ? size : size * 0.58;
  return w;
}

/** `s` cut with an ellipsis to fit `width` at `size`. */
function fit(s: string, size: number, width: number): string {
  if (textWidth(s, size) <= width) return s;
  const chars = [...s];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}

function text(
  x: number,
  y: number,
  s: string,
  size: number,
  fill: string,
  anchor = 'start',
  weight = 'normal',
): string {
  return (
    `<text x="${r(x)}" y="${r(y)}" font-size="${r(size)}" font-weight="${weight}" fill="${fill}"` +
    ` text-anchor="${anchor}">${escapeXml(s)}</text>`
  );
}

const r = (n: number): string => String(Math.round(n * 100) / 100);

function rect(t: { x: number; y: number; width: number; height: number }, attrs: string): string {
  return `<rect x="${r(t.x)}" y="${r(t.y)}" width="${r(t.width)}" height="${r(t.height)}" ${attrs}/>`;
}

/**
 * The double border of a double-cleared unit: a dark outer line and an inner one in `inner`
 * (white on a coloured tile, so both lines show on the green that cleared units usually are).
 */
function clearedBorder(t: BattleMapTile, inset: number, outer: number, inner: string): string {
  const box = { x: t.x + inset, y: t.y + inset, width: t.width - 2 * inset, height: t.height - 2 * inset };
  return (
    rect(t, `fill="none" stroke="${CLEARED_STROKE}" stroke-width="${outer}"`) +
    (box.width > 0 && box.height > 0
      ? rect(box, `fill="none" stroke="${inner}" stroke-width="${outer / 2}"`)
      : '')
  );
}

/** A white disc with a dark ✓ in a tile's top-right corner. */
function clearedBadge(t: BattleMapTile, radius: number): string {
  const cx = t.x + t.width - radius - 3;
  const cy = t.y + radius + 3;
  return (
    `<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(radius)}" fill="#ffffff" stroke="${CLEARED_STROKE}" stroke-width="1"/>` +
    text(cx, cy + radius * 0.5, '✓', radius * 1.45, CLEARED_STROKE, 'middle', 'bold')
  );
}

function colours(u: ReportUnit, hasData: boolean): { color: string; text: string } {
  return hasData ? completionColor(u.completion) : NO_DATA;
}

/** A village (or a childless township) tile: the whole tile coloured, name and completion in it. */
function leafTile(t: BattleMapTile, u: ReportUnit, hasData: boolean, big: boolean): string {
  const c = colours(u, hasData);
  const parts = [`<g class="tile" data-level="${u.level}" data-code="${escapeXml(u.code)}">`];
  parts.push(rect(t, `fill="${c.color}" stroke="#ffffff" stroke-width="1"`));
  const cleared = hasData && u.doubleCleared;
  const name = u.shortName;
  const size = Math.min(big ? 18 : 14, (t.width - 8) / Math.max(2, [...name].length), t.height / 2.8);
  if (size >= 3.5) {
    const cx = t.x + t.width / 2;
    const showPct = hasData && t.height >= size * 2.6;
    const nameY = showPct ? t.y + t.height / 2 - size * 0.1 : t.y + t.height / 2 + size * 0.35;
    parts.push(text(cx, nameY, fit(name, size, t.width - 6), size, c.text, 'middle', 'bold'));
    if (showPct)
      parts.push(text(cx, nameY + size * 1.2, percentText(u.completion), size * 0.9, c.text, 'middle'));
  }
  if (cleared) {
    const inset = big ? 4 : Math.max(2, Math.min(3, t.width / 20));
    parts.push(clearedBorder(t, inset, big ? 3 : 2, '#ffffff'));
    parts.push(clearedBadge(t, Math.max(3, Math.min(big ? 10 : 7, t.height / 6, t.width / 6))));
  }
  parts.push('</g>');
  return parts.join('');
}

/** A township tile: a header band coloured by its completion, its villages below. */
function parentTile(
  t: BattleMapTile,
  u: ReportUnit,
  children: { tile: BattleMapTile; unit: ReportUnit }[],
  headerHeight: number,
  hasData: boolean,
): string {
  const c = colours(u, hasData);
  const parts = [`<g class="tile" data-level="${u.level}" data-code="${escapeXml(u.code)}">`];
  parts.push(rect(t, `fill="#f7f7f7" stroke="#8c8c8c" stroke-width="1"`));
  parts.push(
    rect({ x: t.x, y: t.y, width: t.width, height: headerHeight }, `fill="${c.color}" stroke="none"`),
  );
  const cleared = hasData && u.doubleCleared;
  const pct = hasData ? percentText(u.completion) : '暂无数据';
  const pctSize = 14;
  const pctW = textWidth(pct, pctSize);
  parts.push(text(t.x + t.width - 6, t.y + 17, pct, pctSize, c.text, 'end', 'bold'));
  const nameSize = Math.min(15, headerHeight / 2.2);
  const name = `${u.shortName}${cleared ? ' ✓' : ''}`;
  parts.push(
    text(t.x + 6, t.y + 17, fit(name, nameSize, t.width - pctW - 18), nameSize, c.text, 'start', 'bold'),
  );
  if (hasData) {
    const line = `双清零 ${u.doubleClearedChildren}/${u.childUnits}\u3000今日 +${u.increment.toLocaleString('en-US')}`;
    parts.push(text(t.x + 6, t.y + headerHeight - 5, fit(line, 10, t.width - 12), 10, c.text));
  }
  parts.push('</g>');
  for (const child of children) parts.push(leafTile(child.tile, child.unit, hasData, false));
  if (cleared) parts.push(clearedBorder(t, 3, 3, CLEARED_STROKE));
  return parts.join('');
}

function legend(y: number, width: number): string {
  const items = [
    ...COMPLETION_BANDS.map((b) => ({ color: b.color, label: b.label })),
    { color: NO_TASK_COLOR.color, label: NO_TASK_COLOR.label },
  ];
  const parts = [text(8, y + 17, '完成率', 12, '#333333')];
  let x = 58;
  for (const item of items) {
    parts.push(
      rect(
        { x, y: y + 6, width: 16, height: 14 },
        `fill="${item.color}" stroke="#8c8c8c" stroke-width="0.5"`,
      ),
    );
    parts.push(text(x + 20, y + 17, item.label, 12, '#333333'));
    x += 34 + textWidth(item.label, 12);
  }
  const sample = { code: '', parentCode: null, x: x + 8, y: y + 3, width: 26, height: 20 };
  parts.push(rect(sample, `fill="${COMPLETION_BANDS.at(-1)?.color ?? '#1a9850'}"`));
  parts.push(clearedBorder(sample, 2, 2, '#ffffff'), clearedBadge(sample, 5));
  parts.push(text(x + 40, y + 17, '双清零（排查清零、任务清零）', 12, '#333333'));
  parts.push(text(width - 8, y + 17, '示意图：按区划代码排列，非地理位置', 11, '#777777', 'end'));
  return parts.join('');
}

/**
 * The battle map of the report's unit: its children as tiles (townships of a county, villages of
 * a township), theirs inside them.
 */
export function battleMapSvg(report: DailyReport): string {
  const units = report.unit.children ?? [];
  const byCode = new Map<string, ReportUnit>();
  for (const u of units) {
    byCode.set(u.code, u);
    for (const c of u.children ?? []) byCode.set(c.code, c);
  }
  const layout = battleMapLayout(units, { width: MAP_WIDTH });
  const height = TITLE_HEIGHT + layout.height + LEGEND_HEIGHT;
  const title = `挂图作战\u3000${report.unit.name}${report.campaign.name}进度图`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${MAP_WIDTH}" height="${r(height)}" viewBox="0 0 ${MAP_WIDTH} ${r(height)}"` +
      ` font-family="${escapeXml(CJK_FONT_FAMILY)}">`,
    `<rect x="0" y="0" width="${MAP_WIDTH}" height="${r(height)}" fill="#ffffff"/>`,
    text(10, 26, title, 20, '#1f1f1f', 'start', 'bold'),
    text(
      MAP_WIDTH - 10,
      26,
      `${cutoffLabel(report)}${report.hasData ? '' : '\u3000暂无数据'}`,
      14,
      '#555555',
      'end',
    ),
    `<g transform="translate(0 ${TITLE_HEIGHT})">`,
  ];
  for (const tile of layout.tiles) {
    const u = byCode.get(tile.code);
    if (!u) continue;
    const children = layout.childTiles
      .filter((c) => c.parentCode === tile.code)
      .flatMap((c) => {
        const cu = byCode.get(c.code);
        return cu ? [{ tile: c, unit: cu }] : [];
      });
    parts.push(
      children.length > 0
        ? parentTile(tile, u, children, layout.headerHeight, report.hasData)
        : leafTile(tile, u, report.hasData, true),
    );
  }
  parts.push('</g>', legend(TITLE_HEIGHT + layout.height, MAP_WIDTH), '</svg>');
  return parts.join('\n');
}
