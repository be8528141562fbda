/**
 * The reads a register import makes: the county's places, which ID numbers are registered
 * already (in this county or another), the households of a grid, the next resident id. They
 * take the query builder of the import's own transaction, so what they see is what the
 * import's writes will be checked against.
 */
import type { Kysely, Selectable } from 'kysely';
import { codeRange } from './codeRange.js';
import type { Database, PlacesTable, ResidentsTable } from './schema.js';

export type ImportPlaceRow = Pick<PlacesTable, 'code' | 'level' | 'name' | 'short_name' | 'parent_code'>;

/** The county and every township, village and grid under it. */
export async function placesOfCounty(db: Kysely<Database>, county: string): Promise<ImportPlaceRow[]> {
  const { low, high } = codeRange(county);
  return db
    .selectFrom('places')
    .select(['code', 'level', 'name', 'short_name', 'parent_code'])
    .where('code', '>=', low)
    .where('code', '<', high)
    .orderBy('code')
    .execute();
}

export async function countyCodes(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('places')
    .select('code')
    .where('level', '=', 'county')
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

export type RegisteredResident = Pick<
  Selectable<ResidentsTable>,
  'county_code' | 'id' | 'id_number' | 'name' | 'sex' | 'birth_date' | 'phone' | 'household_id' | 'grid_code'
>;

/** The residents holding any of these ID numbers in any of these counties. */
export async function residentsWithIdNumbers(
  db: Kysely<Database>,
  counties: readonly string[],
  idNumbers: readonly string[],
): Promise<RegisteredResident[]> {
  if (idNumbers.length === 0 || counties.length === 0) return [];
  // Naming the counties lets the (county_code, id_number) unique index answer.
  const rows = await db
    .selectFrom('residents')
    .select([
      'county_code',
      'id',
      'id_number',
      'name',
      'sex',
      'birth_date',
      'phone',
      'household_id',
      'grid_code',
    ])
    .where('county_code', 'in', counties)
    .where('id_number', 'in', idNumbers)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export interface GridHousehold {
  id: string;
  address: string;
  head_name: string | null;
}

/** The households of a grid (their ids begin with the grid's code). */
export async function householdsOfGridCode(
  db: Kysely<Database>,
  county: string,
  grid: string,
): Promise<GridHousehold[]> {
  const { low, high } = codeRange(grid);
  return db
    .selectFrom('households')
    .select(['id', 'address', 'head_name'])
    .where('county_code', '=', county)
    .where('id', '>=', low)
    .where('id', '<', high)
    .orderBy('id')
    .execute();
}

/** The largest resident id in the county (0 when it has none): new residents follow it. */
export async function maxResidentId(db: Kysely<Database>, county: string): Promise<number> {
  const row = await db
    .selectFrom('residents')
    .select((eb) => eb.fn.max('id').as('max'))
    .where('county_code', '=', county)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** Names of places by code, for messages about records in other counties. */
export async function placeNamesByCode(
  db: Kysely<Database>,
  codes: readonly string[],
): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('places')
    .select(['code', 'name', 'short_name'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, r.short_name || r.name]));
}
