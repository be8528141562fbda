import type { Store } from './openStore.js';
import { codeRange } from './codeRange.js';

export interface HouseholdRow {
  id: string;
  address: string;
  head_name: string | null;
  residents: number;
}

/** The households of one grid with their active residents, in household order. */
export async function householdsOfGrid(store: Store, gridCode: string): Promise<HouseholdRow[]> {
  const { low, high } = codeRange(gridCode);
  const county = gridCode.slice(0, 6);
  return store.db
    .selectFrom('households as h')
    .leftJoin('residents as r', (j) =>
      j
        .onRef('r.county_code', '=', 'h.county_code')
        .onRef('r.household_id', '=', 'h.id')
        .on('r.status', '=', 'active'),
    )
    .select(['h.id', 'h.address', 'h.head_name', (eb) => eb.fn.count<number>('r.id').as('residents')])
    .where('h.county_code', '=', county)
    .where('h.id', '>=', low)
    .where('h.id', '<', high)
    .groupBy(['h.id', 'h.address', 'h.head_name'])
    .orderBy('h.id')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, residents: Number(r.residents) })));
}
