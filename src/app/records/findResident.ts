import type { Kysely } from 'kysely';
import { normalizeIdNumber } from '../../domain/idcard.js';
import { conflict, notFound } from '../../domain/errors.js';
import { residentsByIdNumber, type ResidentRow } from '../../store/residentQueries.js';
import type { Database } from '../../store/schema.js';

/**
 * The places a caller may see: a resident whose grid is outside every one of them is "not
 * found", never "forbidden", so a lookup cannot tell that the record exists (undefined: all).
 */
export type Scope = readonly string[] | undefined;

export const inScope = (scope: Scope, code: string): boolean =>
  !scope || scope.some((p) => code.startsWith(p));

/** The resident with an ID number, within the caller's scope (and county, when given). */
export async function findResident(
  db: Kysely<Database>,
  idNumber: string,
  options: { scope?: Scope; county?: string } = {},
): Promise<ResidentRow> {
  const normalized = normalizeIdNumber(idNumber);
  const found = (await residentsByIdNumber(db, normalized)).filter(
    (r) => inScope(options.scope, r.grid_code) && (!options.county || r.county_code === options.county),
  );
  if (found.length === 0) {
    throw notFound({
      code: 'resident.not-found',
      field: 'resident',
      message: { zh: '找不到该身份证号的居民', en: 'no resident with that ID number' },
    });
  }
  if (found.length > 1) {
    throw conflict({
      code: 'resident.ambiguous',
      field: 'resident',
      message: {
        zh: '该身份证号在多个县登记，请指定县',
        en: 'that ID number is registered in several counties: name the county',
      },
    });
  }
  return found[0] as ResidentRow;
}
