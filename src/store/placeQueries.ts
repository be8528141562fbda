import { sql } from 'kysely';
import type { Store } from './openStore.js';
import type { PlacesTable } from './schema.js';
import { codeRange } from './codeRange.js';

export type PlaceRow = PlacesTable;

export interface PlaceCounts {
  grids: number;
  households: number;
  residents: number;
}

export async function findPlace(store: Store, code: string): Promise<PlaceRow | undefined> {
  return store.db.selectFrom('places').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function childPlaces(store: Store, code: string): Promise<PlaceRow[]> {
  return store.db.selectFrom('places').selectAll().where('parent_code', '=', code).orderBy('code').execute();
}

/** Upserts places by code: a re-import renames, never duplicates. Returns how many were new. */
export async function upsertPlaces(
  store: Store,
  rows: readonly PlaceRow[],
): Promise<{ inserted: number; updated: number }> {
  return store.transaction(async (trx) => {
    const existing = new Set<string>();
    for (let i = 0; i < rows.length; i += 500) {
      const codes = rows.slice(i, i + 500).map((r) => r.code);
      for (const r of await trx.selectFrom('places').select('code').where('code', 'in', codes).execute())
        existing.add(r.code);
    }
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto('places')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            short_name: eb.ref('excluded.short_name'),
            parent_code: eb.ref('excluded.parent_code'),
            county_code: eb.ref('excluded.county_code'),
          })),
        )
        .execute();
    }
    const updated = rows.filter((r) => existing.has(r.code)).length;
    return { inserted: rows.length - updated, updated };
  });
}

/**
 * Active residents, households and grids under a place, per child of the given code length
 * (`childLength` 9 for townships, 12 for villages, 15 for grids), in three range scans.
 */
export async function countsByChild(
  store: Store,
  code: string,
  childLength: number,
): Promise<{ total: PlaceCounts; byChild: Map<string, PlaceCounts> }> {
  const { low, high } = codeRange(code);
  const county = code.slice(0, 6);
  // Grouped by whole grid (a covering index scan, no substr per row) and rolled up to the
  // children here: a county is a few thousand grid rows.
  const residents = await store.db
    .selectFrom('residents')
    .select(['grid_code as child', (eb) => eb.fn.countAll<number>().as('n')])
    .where('county_code', '=', county)
    .where('grid_code', '>=', low)
    .where('grid_code', '<', high)
    .where('status', '=', 'active')
    .groupBy('grid_code')
    .execute();
  const hkey = sql<string>`substr(id, 1, 15)`;
  const households = await store.db
    .selectFrom('households')
    .select([hkey.as('child'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('county_code', '=', county)
    .where('id', '>=', low)
    .where('id', '<', high)
    .groupBy(hkey)
    .execute();
  const gkey = sql<string>`substr(code, 1, ${sql.lit(childLength)})`;
  const grids = await store.db
    .selectFrom('places')
    .select([gkey.as('child'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('level', '=', 'grid')
    .where('code', '>=', low)
    .where('code', '<', high)
    .groupBy(gkey)
    .execute();
  const byChild = new Map<string, PlaceCounts>();
  const total: PlaceCounts = { grids: 0, households: 0, residents: 0 };
  const at = (child: string): PlaceCounts => {
    let c = byChild.get(child);
    if (!c) byChild.set(child, (c = { grids: 0, households: 0, residents: 0 }));
    return c;
  };
  const add = (rows: { child: string; n: number }[], key: keyof PlaceCounts): void => {
    for (const r of rows) {
      at(r.child.slice(0, childLength))[key] += Number(r.n);
      total[key] += Number(r.n);
    }
  };
  add(residents, 'residents');
  add(households, 'households');
  add(grids, 'grids');
  return { total, byChild };
}
