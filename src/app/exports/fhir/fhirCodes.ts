/**
 * The identifier systems and codes the FHIR export uses, each with where it comes from. A
 * receiving system matches on these strings, so they are fixed here and nowhere else.
 */
import type { ProductCode } from '../../../domain/vaccines/catalog.js';
import type { Coding } from './fhirTypes.js';

/**
 * 居民身份证号 (the resident ID number, GB 11643). 2.16.156.10011.1.3 is the OID that China's
 * health-record exchange standards give "患者身份证号标识" (the patient ID-card number
 * identifier): WS/T 500《电子病历共享文档规范》 headers carry `<id root="2.16.156.10011.1.3"
 * extension="…身份证号…"/>`, under the National Health Commission's OID arc 2.16.156.10011
 * (WS/T 682-2020). Not 2.16.156.10011.1.1: that one is the shared document's serial number
 * (文档流水号) in the same standards.
 */
export const ID_NUMBER_SYSTEM = 'urn:oid:2.16.156.10011.1.3';

/** Our own code system for the products of the 2021 national drive (src/domain/vaccines/catalog.ts). */
export const PRODUCT_SYSTEM = 'https://gridvax.example/fhir/CodeSystem/covid-vaccine-product';

/** CDC's CVX (vaccine administered) codes, as FHIR names them. */
export const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';

/**
 * The CVX code of each product, where CVX has one for exactly that product. Source: the CDC CVX
 * table (https://www2a.cdc.gov/vaccines/iis/iisstandards/vaccines.asp?rpt=cvx), the non-US
 * COVID-19 codes added in 2021:
 * - 510 "COVID-19 IV Non-US Vaccine (BIBP, Sinopharm)" — Sinopharm Beijing, BBIBP-CorV;
 * - 511 "COVID-19 IV Non-US Vaccine (CoronaVac, Sinovac)";
 * - 506 "COVID-19 VVnr Non-US Vaccine (CanSino Biological Inc./Beijing Institute of
 *   Biotechnology)" — Ad5-nCoV (Convidecia).
 * Left out on purpose: Sinopharm Wuhan (WIBP) has no CVX code of its own (510 names BIBP; 500,
 * "product unknown", would say less than we know), and ZF2001 has two (507 "Anhui Zhifei
 * Longcom Biopharm + Inst of Micro, Chinese Acad of Sciences" and 513 "Anhui Zhifei Longcom,
 * Zifivax") with no way here to confirm which CDC keeps active. Our product code always says
 * exactly which product it was.
 */
export const CVX: Readonly<Partial<Record<ProductCode, Coding>>> = {
  'sinopharm-bibp': {
    system: CVX_SYSTEM,
    code: '510',
    display: 'COVID-19 IV Non-US Vaccine (BIBP, Sinopharm)',
  },
  sinovac: { system: CVX_SYSTEM, code: '511', display: 'COVID-19 IV Non-US Vaccine (CoronaVac, Sinovac)' },
  cansino: {
    system: CVX_SYSTEM,
    code: '506',
    display: 'COVID-19 VVnr Non-US Vaccine (CanSino Biological Inc./Beijing Institute of Biotechnology)',
  },
};

/** SNOMED CT 840539006 |Disease caused by severe acute respiratory syndrome coronavirus 2|. */
export const COVID19_DISEASE: Coding = {
  system: 'http://snomed.info/sct',
  code: '840539006',
  display: 'Disease caused by severe acute respiratory syndrome coronavirus 2',
};

/**
 * Where a dose reported by someone else came from (FHIR R4 value set immunization-origin,
 * http://terminology.hl7.org/CodeSystem/immunization-origin): a dose verified from a
 * certificate or app elsewhere, and one imported from another system's ledger, are both taken
 * from a written record.
 */
export const ORIGIN_RECORD: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/immunization-origin',
  code: 'record',
  display: 'Written Record',
};

/** The vaccinator (HL7 v2 table 0443, FHIR value set immunization-function): AP. */
export const ADMINISTERING_PROVIDER: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/v2-0443',
  code: 'AP',
  display: 'Administering Provider',
};
