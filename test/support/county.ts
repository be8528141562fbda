import { composeIdNumber } from '../../src/domain/idcard.js';
import { importPlaces, SHIPPED_DIVISIONS } from '../../src/app/places/importPlaces.js';
import type { Store } from '../../src/store/openStore.js';
import type { ResidentsTable } from '../../src/store/schema.js';

/** Grids the small test county uses: two in 锦石村, one in another 锦石乡 village. */
export const GRIDS = ['430321205206001', '430321205206002', '430321205201001'] as const;

export interface TestResident {
  grid: (typeof GRIDS)[number];
  birthDate: string;
  status?: ResidentsTable['status'];
}

/**
 * Xiangtan County's real places plus a handful of grids and the residents asked for, with valid
 * ID numbers (resident n gets sequence n). Returns the residents' ID numbers in order.
 */
export async function smallCounty(store: Store, residents: readonly TestResident[]): Promise<string[]> {
  await importPlaces(store, SHIPPED_DIVISIONS, ['430321']);
  await store.db
    .insertInto('places')
    .values(
      GRIDS.map((code) => ({
        code,
        level: 'grid' as const,
        name: `网格${code.slice(-3)}`,
        short_name: `网格${code.slice(-3)}`,
        parent_code: code.slice(0, 12),
        county_code: '430321',
      })),
    )
    .execute();
  const ids: string[] = [];
  const rows = residents.map((r, i) => {
    const idNumber = composeIdNumber('430321', r.birthDate, i + 1);
    ids.push(idNumber);
    return {
      county_code: '430321',
      id: i + 1,
      id_number: idNumber,
      name: `居民${i + 1}`,
      sex: (i + 1) % 2 === 1 ? ('M' as const) : ('F' as const),
      birth_date: r.birthDate,
      phone: null,
      household_id: `${r.grid}${String(i + 1).padStart(4, '0')}`,
      grid_code: r.grid,
      registered_area_code: '430321',
      limited_mobility: 0,
      remote: 0,
      status: r.status ?? ('active' as const),
      created_at: '2021-06-01T00:00:00.000Z',
      updated_at: '2021-06-01T00:00:00.000Z',
    };
  });
  if (rows.length) await store.db.insertInto('residents').values(rows).execute();
  return ids;
}
