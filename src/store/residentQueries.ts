import type { Kysely, Selectable } from 'kysely';
import type { Database, ResidentsTable } from './schema.js';

export type ResidentRow = Selectable<ResidentsTable>;

/** Residents with this ID number: one per county at most (the key is county + number). */
export async function residentsByIdNumber(db: Kysely<Database>, idNumber: string): Promise<ResidentRow[]> {
  // Naming the counties lets the (county_code, id_number) unique index answer, instead of a scan.
  return db
    .selectFrom('residents')
    .selectAll()
    .where('county_code', 'in', db.selectFrom('places').select('code').where('level', '=', 'county'))
    .where('id_number', '=', idNumber)
    .execute();
}

export async function residentById(
  db: Kysely<Database>,
  county: string,
  id: number,
): Promise<ResidentRow | undefined> {
  return db
    .selectFrom('residents')
    .selectAll()
    .where('county_code', '=', county)
    .where('id', '=', id)
    .executeTakeFirst();
}
