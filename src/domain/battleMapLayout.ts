/**
 * Where each unit sits on the battle map (挂图作战). No public boundary data exists below county
 * level, so the map is a schematic: a grid of tiles, one per township in code order, each holding
 * a grid of small tiles, one per village in code order. Positions depend on the codes alone —
 * never on the figures — so a township stays where the command room is used to finding it from
 * one day's map to the next, and the web dashboard (which imports this same file) draws it at the
 * same place as the printed report.
 */

/** What the layout reads from a unit: its code and its children's. Anything else is ignored. */
export interface BattleMapUnit {
  code: string;
  children?: readonly { code: string }[];
}

export interface BattleMapTile {
  code: string;
  /** The enclosing tile's code; null for a top-level tile. */
  parentCode: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BattleMapLayout {
  width: number;
  height: number;
  columns: number;
  /** Height of a top-level tile's header band (name, completion); its children sit below it. */
  headerHeight: number;
  /** Top-level tiles in code order. */
  tiles: BattleMapTile[];
  /** Child tiles in code order, grouped by parent in the parents' order. */
  childTiles: BattleMapTile[];
}

export interface BattleMapLayoutOptions {
  /** Width of the whole map in drawing units; the height follows. Default 1000. */
  width?: number;
  /** Top-level tiles per row; default chosen from the number of tiles so the map is landscape. */
  columns?: number;
  /** Width ÷ height of a top-level tile. Default 1.25. */
  tileAspect?: number;
  gap?: number;
  headerHeight?: number;
  /** Space between a top-level tile's edge and its child tiles. */
  padding?: number;
}

const byCode = <T extends { code: string }>(a: T, b: T): number =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

/**
 * A map whose whole is about as wide as an A4 landscape page (√2) is what the command room
 * prints; with tiles of aspect `tileAspect`, that many columns come closest.
 */
export function defaultColumns(count: number, tileAspect = 1.25): number {
  if (count <= 0) return 1;
  return Math.max(1, Math.min(count, Math.ceil(Math.sqrt((count * Math.SQRT2) / tileAspect))));
}

/**
 * Lays out `units` (townships, or the villages of one township) on a grid in code order, and
 * each unit's children on a grid inside its tile. Pure: the same codes give the same positions,
 * whatever order they come in and whatever else the units carry.
 */
export function battleMapLayout(
  units: readonly BattleMapUnit[],
  options: BattleMapLayoutOptions = {},
): BattleMapLayout {
  const width = options.width ?? 1000;
  const tileAspect = options.tileAspect ?? 1.25;
  const gap = options.gap ?? 8;
  const headerHeight = options.headerHeight ?? 34;
  const padding = options.padding ?? 4;
  const sorted = [...units].sort(byCode);
  const columns = options.columns ?? defaultColumns(sorted.length, tileAspect);
  const rows = Math.max(1, Math.ceil(sorted.length / columns));
  const tileW = (width - gap * (columns + 1)) / columns;
  const tileH = tileW / tileAspect;
  const tiles: BattleMapTile[] = [];
  const childTiles: BattleMapTile[] = [];
  sorted.forEach((u, i) => {
    const tile: BattleMapTile = {
      code: u.code,
      parentCode: null,
      x: gap + (i % columns) * (tileW + gap),
      y: gap + Math.floor(i / columns) * (tileH + gap),
      width: tileW,
      height: tileH,
    };
    tiles.push(tile);
    const children = [...(u.children ?? [])].sort(byCode);
    if (children.length === 0) return;
    const body = {
      x: tile.x + padding,
      y: tile.y + headerHeight,
      width: tileW - 2 * padding,
      height: tileH - headerHeight - padding,
    };
    childTiles.push(...gridIn(body, children, u.code, 2));
  });
  return { width, height: gap + rows * (tileH + gap), columns, headerHeight, tiles, childTiles };
}

/** `items` on the grid that fills `box` best: cells as close to square as the count allows. */
function gridIn(
  box: { x: number; y: number; width: number; height: number },
  items: readonly { code: string }[],
  parentCode: string,
  gap: number,
): BattleMapTile[] {
  const n = items.length;
  const cols = Math.max(1, Math.min(n, Math.ceil(Math.sqrt((n * box.width) / box.height))));
  const rows = Math.ceil(n / cols);
  const cellW = box.width / cols;
  const cellH = box.height / rows;
  return items.map((c, i) => ({
    code: c.code,
    parentCode,
    x: box.x + (i % cols) * cellW + gap / 2,
    y: box.y + Math.floor(i / cols) * cellH + gap / 2,
    width: cellW - gap,
    height: cellH - gap,
  }));
}
