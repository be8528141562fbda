import { readDivisions, type DivisionSet } from '../divisions/readDivisions.js';
import { shortPlaceName } from '../../domain/places.js';
import type { Store } from '../../store/openStore.js';
import { upsertPlaces, type PlaceRow } from '../../store/placeQueries.js';
import { projectFile } from '../../projectRoot.js';

/** The Xiangtan County rows shipped with gridvax, so the demo needs nothing outside the project. */
export const SHIPPED_DIVISIONS = projectFile('assets', 'divisions', '430321');

export interface PlacesImportSummary {
  counties: number;
  townships: number;
  villages: number;
  inserted: number;
  updated: number;
}

/** The place rows of a division set, parents before children, province and city included. */
export function placeRowsOf(set: DivisionSet): PlaceRow[] {
  const rows = new Map<string, PlaceRow>();
  for (const c of set.counties) {
    rows.set(c.provinceCode, {
      code: c.provinceCode,
      level: 'province',
      name: c.provinceName,
      short_name: c.provinceName,
      parent_code: null,
      county_code: null,
    });
    rows.set(c.cityCode, {
      code: c.cityCode,
      level: 'city',
      name: c.cityName,
      short_name: c.cityName,
      parent_code: c.provinceCode,
      county_code: null,
    });
    rows.set(c.code, {
      code: c.code,
      level: 'county',
      name: c.name,
      short_name: c.name,
      parent_code: c.cityCode,
      county_code: c.code,
    });
  }
  for (const t of set.townships) {
    rows.set(t.code, {
      code: t.code,
      level: 'township',
      name: t.name,
      short_name: shortPlaceName(t.name),
      parent_code: t.countyCode,
      county_code: t.countyCode,
    });
  }
  for (const v of set.villages) {
    rows.set(v.code, {
      code: v.code,
      level: 'village',
      name: v.name,
      short_name: shortPlaceName(v.name),
      parent_code: v.townshipCode,
      county_code: v.code.slice(0, 6),
    });
  }
  return [...rows.values()];
}

/**
 * Reads the official division files for some counties and upserts their places. Reading
 * checks every row first, so a bad file writes nothing; the upsert is one transaction.
 */
export async function importPlaces(
  store: Store,
  dir: string,
  counties: readonly string[],
): Promise<PlacesImportSummary> {
  const set = readDivisions(dir, counties);
  const { inserted, updated } = await upsertPlaces(store, placeRowsOf(set));
  return {
    counties: set.counties.length,
    townships: set.townships.length,
    villages: set.villages.length,
    inserted,
    updated,
  };
}
