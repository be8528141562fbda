/**
 * What every export starts from: the unit asked for (checked against the caller's scope), the
 * county it lies in, its full name for titles and file names, and the names of the places above
 * and under it. Resolved before a single byte is written, so that a wrong campaign or place is a
 * clean "not found" (exit 4, HTTP 404), never a truncated file.
 */
import { shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { invalidInput } from '../../domain/errors.js';
import { codeRange } from '../../store/codeRange.js';
import type { CampaignRow } from '../../store/campaignQueries.js';
import type { Store } from '../../store/openStore.js';
import type { PlaceRow } from '../../store/placeQueries.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';

export interface PlaceName {
  code: string;
  level: PlaceRow['level'];
  name: string;
  shortName: string;
}

export interface ExportUnit {
  place: PlaceName;
  /** The county (6 digits) the unit lies in: resident ids and the register are per county. */
  county: string;
  /** County down to the unit, short names (湘潭县锦石乡锦石村), for titles and file names. */
  fullName: string;
  /** The unit, its ancestors and every place under it, by code. */
  names: Map<string, PlaceName>;
  /** The database's today (Asia/Shanghai): the day the export describes. */
  today: CalendarDate;
}

/** Division codes by level: each level's code is a prefix of the next. */
const PREFIX_LENGTHS = [2, 4, 6, 9, 12] as const;

/**
 * The unit to export, if the caller may see it. A unit above a county is refused: residents are
 * numbered per county, and a province-wide file is no village's ledger.
 */
export async function exportUnit(store: Store, placeCode: string, scope?: Scope): Promise<ExportUnit> {
  const place = await requirePlace(store, placeCode, scope);
  if (place.code.length < 6) {
    throw invalidInput({
      code: 'export.place-level',
      field: 'place',
      message: {
        zh: '请指定县及以下的区划（县、乡镇、村、网格）',
        en: 'name a county or a unit within one (township, village, grid)',
      },
    });
  }
  const { low, high } = codeRange(place.code);
  const ancestors = PREFIX_LENGTHS.filter((n) => n < place.code.length).map((n) => place.code.slice(0, n));
  const rows = await store.db
    .selectFrom('places')
    .select(['code', 'level', 'name', 'short_name'])
    .where((eb) =>
      eb.or([
        eb.and([eb('code', '>=', low), eb('code', '<', high)]),
        ...(ancestors.length ? [eb('code', 'in', ancestors)] : []),
      ]),
    )
    .orderBy('code')
    .execute();
  const names = new Map<string, PlaceName>();
  for (const r of rows)
    names.set(r.code, { code: r.code, level: r.level, name: r.name, shortName: r.short_name });
  const fullName = [6, 9, 12, 15]
    .filter((n) => n <= place.code.length)
    .map((n) => names.get(place.code.slice(0, n))?.shortName ?? '')
    .join('');
  return {
    place: { code: place.code, level: place.level, name: place.name, shortName: place.short_name },
    county: place.code.slice(0, 6),
    fullName,
    names,
    today: shanghaiDate(store.now()),
  };
}

/** The campaign and the unit of a campaign export, both checked against the caller's scope. */
export async function campaignExportUnit(
  store: Store,
  campaignId: number,
  placeCode: string,
  scope?: Scope,
): Promise<{ campaign: CampaignRow; unit: ExportUnit }> {
  const campaign = await requireCampaign(store, campaignId, scope);
  const unit = await exportUnit(store, placeCode, scope);
  return { campaign, unit };
}

/**
 * The units a ledger workbook gives a sheet each: the villages under a county or township, the
 * grids of a village, a grid alone. Only those holding places under them in the register
 * (a village without grids has nobody to list).
 */
export function sheetUnits(unit: ExportUnit): PlaceName[] {
  const level = unit.place.level;
  if (level === 'grid') return [unit.place];
  const wanted = level === 'village' ? 'grid' : 'village';
  const out: PlaceName[] = [];
  for (const p of unit.names.values()) {
    if (p.level === wanted && p.code.startsWith(unit.place.code)) out.push(p);
  }
  return out;
}

/** A unit's name as a sheet shows it: a county's villages carry their township (锦石乡锦石村). */
export function sheetUnitName(unit: ExportUnit, sub: PlaceName): string {
  if (unit.place.level === 'county' && sub.level === 'village') {
    return `${unit.names.get(sub.code.slice(0, 9))?.shortName ?? ''}${sub.shortName}`;
  }
  return sub.shortName;
}

/** The grid's name for a column (网格001), or its code when the register does not name it. */
export function gridName(unit: ExportUnit, gridCode: string): string {
  return unit.names.get(gridCode)?.shortName ?? gridCode;
}

/** The county or a place by code in the register's own words (湖南省, 湘潭市, 湘潭县 …). */
export function placeName(unit: ExportUnit, code: string): string | undefined {
  return unit.names.get(code)?.name;
}
