import { notFound } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import { childPlaces, countsByChild, findPlace, type PlaceCounts } from '../../store/placeQueries.js';
import { householdsOfGrid } from '../../store/householdQueries.js';
import { inScope, type Scope } from '../records/findResident.js';

export interface PlaceSummary {
  code: string;
  level: string;
  name: string;
  shortName: string;
  parentCode: string | null;
  counts: PlaceCounts;
}

export interface PlaceWithChildren extends PlaceSummary {
  children: (PlaceSummary | HouseholdSummary)[];
}

export interface HouseholdSummary {
  code: string;
  level: 'household';
  name: string;
  address: string;
  residents: number;
}

const CHILD_CODE_LENGTH: Record<string, number> = {
  province: 4,
  city: 6,
  county: 9,
  township: 12,
  village: 15,
};

/** A place with its children and their counts: the read behind GET /api/v1/places/{code}. */
export async function describePlace(store: Store, code: string, scope?: Scope): Promise<PlaceWithChildren> {
  // Out of the caller's scope reads as not found: a request cannot tell that the place exists.
  const place = inScope(scope, code) ? await findPlace(store, code) : undefined;
  if (!place) {
    throw notFound({
      code: 'place.not-found',
      field: 'code',
      message: { zh: `找不到区划或网格 ${code}`, en: `no place with code ${code}` },
    });
  }
  const base = {
    code: place.code,
    level: place.level,
    name: place.name,
    shortName: place.short_name,
    parentCode: place.parent_code,
  };
  if (place.level === 'grid') {
    const households = await householdsOfGrid(store, code);
    const residents = households.reduce((n, h) => n + h.residents, 0);
    return {
      ...base,
      counts: { grids: 1, households: households.length, residents },
      children: households.map((h) => ({
        code: h.id,
        level: 'household' as const,
        name: h.head_name ?? h.id,
        address: h.address,
        residents: h.residents,
      })),
    };
  }
  const childLength = CHILD_CODE_LENGTH[place.level] ?? 15;
  const [children, counts] = await Promise.all([
    childPlaces(store, code),
    countsByChild(store, code, childLength),
  ]);
  return {
    ...base,
    counts: counts.total,
    children: children.map((c) => ({
      code: c.code,
      level: c.level,
      name: c.name,
      shortName: c.short_name,
      parentCode: c.parent_code,
      counts: counts.byChild.get(c.code) ?? {
        grids: c.level === 'grid' ? 1 : 0,
        households: 0,
        residents: 0,
      },
    })),
  };
}
