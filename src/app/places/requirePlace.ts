import { notFound } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import { findPlace, type PlaceRow } from '../../store/placeQueries.js';
import { inScope, type Scope } from '../records/findResident.js';

/** The place, if it exists and the caller may see it; out of scope reads as not found. */
export async function requirePlace(
  store: Store,
  code: string,
  scope?: Scope,
  field = 'place',
): Promise<PlaceRow> {
  const place = /^\d+$/.test(code) && inScope(scope, code) ? await findPlace(store, code) : undefined;
  if (!place) {
    throw notFound({
      code: 'place.not-found',
      field,
      message: { zh: `找不到区划或网格 ${code}`, en: `no place with code ${code}` },
    });
  }
  return place;
}
