import { describe, expect, it } from 'vitest';
import { type BattleMapTile, battleMapLayout, defaultColumns } from './battleMapLayout.js';

const township = (code: string, villages: number) => ({
  code,
  children: Array.from({ length: villages }, (_, i) => ({
    code: `${code}${String(201 + i).padStart(3, '0')}`,
  })),
});

const county = [
  township('430321100', 12),
  township('430321102', 16),
  township('430321114', 15),
  township('430321205', 9),
  township('430321207', 0),
];

function at(tiles: BattleMapTile[], code: string | null): BattleMapTile {
  const tile = tiles.find((t) => t.code === code);
  if (!tile) throw new Error(`no tile ${code}`);
  return tile;
}

describe('battleMapLayout', () => {
  it('lays top-level tiles out in code order, row by row', () => {
    const layout = battleMapLayout(county, { columns: 3 });
    expect(layout.tiles.map((t) => t.code)).toEqual([
      '430321100',
      '430321102',
      '430321114',
      '430321205',
      '430321207',
    ]);
    const a = at(layout.tiles, '430321100');
    const b = at(layout.tiles, '430321102');
    const c = at(layout.tiles, '430321114');
    const d = at(layout.tiles, '430321205');
    expect(a.y).toBe(b.y);
    expect(b.x).toBeGreaterThan(a.x);
    expect(c.x).toBeGreaterThan(b.x);
    expect(d.x).toBe(a.x);
    expect(d.y).toBeGreaterThan(a.y);
    expect(layout.childTiles).toHaveLength(12 + 16 + 15 + 9);
  });

  it('gives the same codes the same positions, whatever the order and whatever data they carry', () => {
    const plain = battleMapLayout(county);
    const shuffled = [...county].reverse().map((t) => ({
      ...t,
      completion: Math.random(),
      done: 12345,
      children: [...t.children].reverse().map((v) => ({ ...v, completion: 0.5 })),
    }));
    expect(battleMapLayout(shuffled)).toEqual(plain);
    expect(battleMapLayout(county)).toEqual(plain);
  });

  it('does not move other tiles when one township gains a village', () => {
    const before = battleMapLayout(county);
    const grown = county.map((t) => (t.code === '430321114' ? township('430321114', 16) : t));
    const after = battleMapLayout(grown);
    expect(after.tiles).toEqual(before.tiles);
    for (const tile of before.childTiles.filter((t) => t.parentCode !== '430321114')) {
      expect(at(after.childTiles, tile.code)).toEqual(tile);
    }
  });

  it('keeps every child tile inside its parent, without overlaps', () => {
    const layout = battleMapLayout(county, { width: 800 });
    for (const child of layout.childTiles) {
      const parent = at(layout.tiles, child.parentCode);
      expect(child.x).toBeGreaterThanOrEqual(parent.x);
      expect(child.y).toBeGreaterThanOrEqual(parent.y + layout.headerHeight);
      expect(child.x + child.width).toBeLessThanOrEqual(parent.x + parent.width + 1e-9);
      expect(child.y + child.height).toBeLessThanOrEqual(parent.y + parent.height + 1e-9);
    }
    const all = [...layout.tiles];
    for (const [i, p] of all.entries())
      for (const q of all.slice(i + 1)) {
        const overlap =
          p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
        expect(overlap).toBe(false);
      }
    expect(layout.height).toBeGreaterThan(0);
  });

  it('chooses a landscape grid by default', () => {
    expect(defaultColumns(17)).toBe(5);
    expect(defaultColumns(1)).toBe(1);
    expect(defaultColumns(0)).toBe(1);
  });
});
