/**
 * A dose record as a FHIR R4 Immunization: completed, the product coded as vaccineCoding.ts
 * does, the time in Beijing time, the dose's place in the product's series, and where the record
 * comes from — a dose given and recorded here is a primary source; one verified from proof seen
 * elsewhere, or imported from another system's ledger, is reported, with its origin.
 */
import { productByCode } from '../../../domain/vaccines/catalog.js';
import { shanghaiIso } from '../exportFormat.js';
import type { DoseRow } from '../exportQueries.js';
import { ADMINISTERING_PROVIDER, COVID19_DISEASE, ORIGIN_RECORD } from './fhirCodes.js';
import type { Immunization, ProtocolApplied } from './fhirTypes.js';
import { gridvaxUuid } from './nameUuid.js';
import { patientId } from './patientResource.js';
import { vaccineConcept } from './vaccineCoding.js';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** The dose's own id when FHIR accepts it as an id (dose ids are UUIDs), else one made from it. */
export const immunizationId = (county: string, doseId: string): string =>
  FHIR_ID.test(doseId) ? doseId : gridvaxUuid(`Immunization/${county}/${doseId}`);

const ORIGIN_TEXT: Record<DoseRow['source'], string | undefined> = {
  given: undefined,
  'verified-elsewhere': '外地接种，凭接种凭证核实',
  imported: '由其他系统接种台账导入',
};

function protocolOf(d: DoseRow): ProtocolApplied {
  const p = productByCode(d.product);
  const primary = p !== undefined && d.dose_number <= p.primaryDoses;
  return {
    ...(p ? { series: primary ? '基础免疫' : '加强免疫' } : {}),
    targetDisease: [{ coding: [COVID19_DISEASE], text: '新型冠状病毒肺炎' }],
    doseNumberPositiveInt: d.dose_number,
    ...(p && primary ? { seriesDosesPositiveInt: p.primaryDoses } : {}),
  };
}

export function toImmunization(d: DoseRow): Immunization {
  const given = d.source === 'given';
  const p = productByCode(d.product);
  const origin = ORIGIN_TEXT[d.source];
  return {
    resourceType: 'Immunization',
    id: immunizationId(d.county_code, d.id),
    status: 'completed',
    vaccineCode: vaccineConcept(d.product),
    patient: { reference: `Patient/${patientId(d.county_code, Number(d.resident_id))}` },
    occurrenceDateTime: shanghaiIso(d.at),
    recorded: shanghaiIso(d.received_at),
    primarySource: given,
    ...(given ? {} : { reportOrigin: { coding: [ORIGIN_RECORD], ...(origin ? { text: origin } : {}) } }),
    ...(d.site ? { location: { display: d.site } } : {}),
    ...(p ? { manufacturer: { display: p.manufacturer.zh } } : {}),
    ...(d.lot ? { lotNumber: d.lot } : {}),
    ...(d.vaccinator
      ? { performer: [{ function: { coding: [ADMINISTERING_PROVIDER] }, actor: { display: d.vaccinator } }] }
      : {}),
    protocolApplied: [protocolOf(d)],
  };
}
