/**
 * A resident as a FHIR R4 Patient. The export is for the health authorities, who match people
 * by their ID number, so the number goes out in full (the command that makes the export is what
 * the security issue restricts and audits).
 */
import type { ResidentsTable } from '../../../store/schema.js';
import type { ExportUnit } from '../exportUnit.js';
import { ID_NUMBER_SYSTEM } from './fhirCodes.js';
import type { Address, Patient } from './fhirTypes.js';
import { splitChineseName } from './chineseName.js';

/** A mainland mobile number (the MIIT numbering plan's 13x–19x), as pii.ts reads it. */
const MOBILE = /^(\+86|0086)?1[3-9]\d{9}$/;

/** What a Patient is made of: the register's row (a campaign's roster row carries the same). */
export type PatientFacts = Pick<
  ResidentsTable,
  | 'county_code'
  | 'id'
  | 'id_number'
  | 'name'
  | 'sex'
  | 'birth_date'
  | 'phone'
  | 'household_id'
  | 'grid_code'
  | 'status'
>;

/** The Patient's logical id: county and resident number, stable across exports (430321-17). */
export const patientId = (county: string, residentId: number): string => `${county}-${residentId}`;

/** Province, city and county names for an address, read once per export from the places. */
export interface AddressNames {
  state?: string;
  city?: string;
  district?: string;
}

export function addressNames(unit: ExportUnit): AddressNames {
  const code = unit.place.code;
  const name = (n: number): string | undefined => unit.names.get(code.slice(0, n))?.name;
  const out: AddressNames = {};
  const state = name(2);
  const city = name(4);
  const district = name(6);
  if (state) out.state = state;
  if (city) out.city = city;
  if (district) out.district = district;
  return out;
}

function addressOf(
  r: PatientFacts,
  householdAddress: string | undefined,
  unit: ExportUnit,
  names: AddressNames,
): Address {
  const township = unit.names.get(r.grid_code.slice(0, 9))?.name ?? '';
  const village = unit.names.get(r.grid_code.slice(0, 12))?.name ?? '';
  // Household addresses are written from the county down (湘潭县锦石乡锦石村委会3组12号).
  const line = householdAddress?.trim() || `${names.district ?? ''}${township}${village}`;
  const head = `${names.state ?? ''}${names.city ?? ''}`;
  return {
    use: 'home',
    type: 'physical',
    text: line.startsWith(head) ? line : `${head}${line}`,
    line: [line],
    ...names,
    country: 'CN',
  };
}

export function toPatient(
  r: PatientFacts,
  householdAddress: string | undefined,
  unit: ExportUnit,
  names: AddressNames,
): Patient {
  const phone = r.phone?.replace(/[\s-]/g, '');
  return {
    resourceType: 'Patient',
    id: patientId(r.county_code, Number(r.id)),
    identifier: [
      {
        use: 'official',
        type: { text: '居民身份证号' },
        system: ID_NUMBER_SYSTEM,
        value: r.id_number,
      },
    ],
    name: [{ use: 'official', ...splitChineseName(r.name) }],
    gender: r.sex === 'M' ? 'male' : 'female',
    birthDate: r.birth_date,
    ...(phone
      ? {
          telecom: [
            {
              system: 'phone' as const,
              value: phone,
              use: MOBILE.test(phone) ? ('mobile' as const) : ('home' as const),
            },
          ],
        }
      : {}),
    address: [addressOf(r, householdAddress, unit, names)],
    ...(r.status === 'deceased' ? { deceasedBoolean: true } : {}),
  };
}
