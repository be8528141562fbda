/**
 * Where a unit sits: the units above it (a breadcrumb walks county → township → village →
 * grid by cutting the code, since codes nest), and which unit a user's command room opens on.
 */
import { isAncestorOrSelf, levelOfCode, type PlaceLevel } from '../../../src/domain/places.js';

const DRILL_LENGTHS = [6, 9, 12, 15] as const;

/** The county's code down to `code` itself: 430321, 430321205, 430321205206 … */
export function unitPath(code: string): string[] {
  return DRILL_LENGTHS.filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

/** county, township, village or grid; undefined for anything else (a province has no drill-down). */
export function drillLevel(
  code: string,
): Extract<PlaceLevel, 'county' | 'township' | 'village' | 'grid'> | undefined {
  const level = levelOfCode(code);
  return level === 'county' || level === 'township' || level === 'village' || level === 'grid'
    ? level
    : undefined;
}

/**
 * The unit a user's dashboard shows: where the user's places and the campaign's unit meet. A
 * county commander on a county campaign sees the county; a township lead sees the township; a
 * commander on a campaign one township set sees that township.
 */
export function homeUnit(
  userPlaces: readonly string[],
  campaignPlace: string | undefined,
): string | undefined {
  if (campaignPlace === undefined) return userPlaces[0];
  for (const p of userPlaces) {
    if (isAncestorOrSelf(campaignPlace, p)) return p;
    if (isAncestorOrSelf(p, campaignPlace)) return campaignPlace;
  }
  return undefined;
}
