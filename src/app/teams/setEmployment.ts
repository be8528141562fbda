/**
 * Records where a resident works (工作单位), the sector (行业) and public role (干部、党员、公职人员)
 * — register extras for the sector's regulator and the 带头接种公示 list; no campaign status
 * depends on them, so the engine's read model is untouched.
 */
import { checkEmployment, type Employment, type EmploymentDraft } from '../../domain/sectors.js';
import { setResidentEmployment } from '../../store/fieldops/sectorQueries.js';
import type { Store } from '../../store/openStore.js';
import { findResident, type Scope } from '../records/findResident.js';

export async function setEmployment(
  store: Store,
  input: { idNumber: string; employment: EmploymentDraft; scope?: Scope },
): Promise<{ residentId: number; county: string; before: Employment; after: Employment }> {
  const after = checkEmployment(input.employment);
  const resident = await findResident(store.db, input.idNumber, input.scope ? { scope: input.scope } : {});
  await store.write((trx) =>
    setResidentEmployment(trx, resident.county_code, Number(resident.id), {
      employer: after.employer,
      sector: after.sector,
      public_role: after.publicRole,
    }),
  );
  return {
    residentId: Number(resident.id),
    county: resident.county_code,
    before: {
      employer: resident.employer,
      sector: resident.sector as Employment['sector'],
      publicRole: resident.public_role,
    },
    after,
  };
}
