import { Button } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { battleMapLayout, type BattleMapTile } from '../../../../src/domain/battleMapLayout.js';
import { useFormat } from '../../i18n/format.js';
import { COMPLETION_BANDS, inkOn, tileColours, tileShare } from '../colours.js';
import type { DashboardUnit } from './dashboardUnit.js';

interface Props {
  /** The unit whose units are the tiles; two levels of children for the small tiles. */
  root: DashboardUnit;
  /** Opens a unit's drill-down (a tile of the chosen township, or a unit without children). */
  onOpen(code: string): void;
  /** Larger text for the wall screen. */
  wall?: boolean;
}

const pct = (n: number, of: number) => `${(n / of) * 100}%`;

/** Where a tile goes inside a box of `frame` (the map, or the tile holding it). */
function place(t: BattleMapTile, frame: { x: number; y: number; width: number; height: number }) {
  return {
    left: pct(t.x - frame.x, frame.width),
    top: pct(t.y - frame.y, frame.height),
    width: pct(t.width, frame.width),
    height: pct(t.height, frame.height),
  };
}

/**
 * The battle map (挂图作战): a tile per unit in code order, laid out by src/domain/battleMapLayout.ts
 * as the printed report lays it out, coloured by completion on the printed map's bands; a small
 * tile per unit below it; ✓ and a double border when double-cleared. A tile opens its units as
 * large tiles (the villages of a township); a tile there opens the unit's drill-down.
 */
export function BattleMap({ root, onOpen, wall }: Props) {
  const { t } = useTranslation('command');
  const f = useFormat();
  const [focus, setFocus] = useState<string | null>(null);
  const focused = focus ? root.children?.find((c) => c.code === focus) : undefined;
  const units = useMemo(() => (focused ? (focused.children ?? []) : (root.children ?? [])), [focused, root]);
  const layout = useMemo(
    () =>
      battleMapLayout(focused ? units.map((u) => ({ code: u.code })) : units, {
        headerHeight: wall ? 58 : 40,
      }),
    [units, focused, wall],
  );
  const byCode = useMemo(() => {
    const m = new Map<string, DashboardUnit>();
    for (const u of units) {
      m.set(u.code, u);
      for (const c of u.children ?? []) m.set(c.code, c);
    }
    return m;
  }, [units]);
  const frame = { x: 0, y: 0, width: layout.width, height: layout.height };

  const label = (u: DashboardUnit) =>
    t('map.tile', {
      name: u.shortName,
      completion: tileShare(u) === null ? t('map.noTask') : f.percent(tileShare(u)),
      cleared: u.doubleCleared ? t('map.tileCleared') : '',
    });

  return (
    <div className={wall ? 'gv-map gv-map--wall' : 'gv-map'}>
      {focused && (
        <div className="gv-map__bar">
          <Button onClick={() => setFocus(null)}>{t('map.back')}</Button>
          <strong>{focused.shortName}</strong>
          <Button type="link" onClick={() => onOpen(focused.code)}>
            {t('map.openUnit', { name: focused.shortName })}
          </Button>
        </div>
      )}
      <div
        className="gv-map__board"
        style={{ aspectRatio: `${layout.width} / ${layout.height}` }}
        data-testid="battle-map"
      >
        {layout.tiles.map((tile) => {
          const u = byCode.get(tile.code);
          if (!u) return null;
          const { fill, ink } = tileColours(tileShare(u));
          const small = layout.childTiles.filter((c) => c.parentCode === tile.code);
          const hasUnits = !focused && (u.children?.length ?? 0) > 0;
          return (
            <button
              type="button"
              key={tile.code}
              className={u.doubleCleared ? 'gv-tile gv-tile--cleared' : 'gv-tile'}
              style={{ ...place(tile, frame), background: fill, color: ink }}
              aria-label={label(u)}
              data-code={u.code}
              onClick={() => (hasUnits ? setFocus(u.code) : onOpen(u.code))}
            >
              <span className="gv-tile__head" style={{ height: pct(layout.headerHeight, tile.height) }}>
                <span className="gv-tile__line">
                  <span className="gv-tile__name">{u.shortName}</span>
                  <span className="gv-tile__figure">
                    {f.percent(tileShare(u))}
                    {u.doubleCleared && ' ✓'}
                  </span>
                </span>
                {focused ? (
                  <span className="gv-tile__sub">
                    {f.number(u.done)} / {f.number(u.task)}
                  </span>
                ) : (
                  u.childUnits > 0 && (
                    <span className="gv-tile__sub">
                      {t('doubleCleared')} {u.doubleClearedChildren}/{u.childUnits}
                    </span>
                  )
                )}
              </span>
              {small.map((c) => {
                const cu = byCode.get(c.code);
                const colours = tileColours(cu ? tileShare(cu) : null);
                return (
                  <span
                    key={c.code}
                    aria-hidden="true"
                    className={cu?.doubleCleared ? 'gv-minitile gv-minitile--cleared' : 'gv-minitile'}
                    style={{ ...place(c, tile), background: colours.fill }}
                  />
                );
              })}
            </button>
          );
        })}
      </div>
      <ul className="gv-map__legend" aria-label={t('map.legend')}>
        {COMPLETION_BANDS.map((b) => (
          <li key={b.label} style={{ background: b.color, color: inkOn(b.color) }}>
            {b.label}
          </li>
        ))}
        <li style={{ background: tileColours(null).fill, color: tileColours(null).ink }}>
          {t('map.noTask')}
        </li>
        <li className="gv-map__legend-cleared">✓ {t('doubleCleared')}</li>
      </ul>
    </div>
  );
}
