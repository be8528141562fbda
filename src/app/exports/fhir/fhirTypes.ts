/**
 * The parts of FHIR R4 (https://hl7.org/fhir/R4/) that the export writes, typed as the JSON they
 * become. Only what gridvax fills in is declared; the tests check the output against the
 * official R4 JSON schema, which is what keeps these honest.
 */

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Reference {
  reference?: string;
  display?: string;
}

export interface Identifier {
  use?: 'usual' | 'official' | 'temp' | 'secondary' | 'old';
  type?: CodeableConcept;
  system: string;
  value: string;
}

export interface HumanName {
  use?: 'official' | 'usual';
  text: string;
  family?: string;
  given?: string[];
}

export interface ContactPoint {
  system: 'phone';
  value: string;
  use?: 'home' | 'mobile';
}

export interface Address {
  use?: 'home';
  type?: 'physical';
  text?: string;
  line?: string[];
  city?: string;
  district?: string;
  state?: string;
  country?: string;
}

export interface Patient {
  resourceType: 'Patient';
  id: string;
  identifier: Identifier[];
  name: HumanName[];
  gender: 'male' | 'female';
  birthDate: string;
  telecom?: ContactPoint[];
  address?: Address[];
  deceasedBoolean?: boolean;
}

export interface ImmunizationPerformer {
  function?: CodeableConcept;
  actor: Reference;
}

export interface ProtocolApplied {
  series?: string;
  targetDisease?: CodeableConcept[];
  doseNumberPositiveInt: number;
  seriesDosesPositiveInt?: number;
}

export interface Immunization {
  resourceType: 'Immunization';
  id: string;
  status: 'completed';
  vaccineCode: CodeableConcept;
  patient: Reference;
  occurrenceDateTime: string;
  recorded?: string;
  primarySource: boolean;
  reportOrigin?: CodeableConcept;
  location?: Reference;
  manufacturer?: Reference;
  lotNumber?: string;
  performer?: ImmunizationPerformer[];
  protocolApplied: ProtocolApplied[];
}

export interface CodeSystem {
  resourceType: 'CodeSystem';
  id: string;
  url: string;
  name: string;
  title: string;
  status: 'active';
  language: string;
  description: string;
  caseSensitive: boolean;
  content: 'complete';
  count: number;
  concept: {
    code: string;
    display: string;
    definition: string;
    designation: { language: string; value: string }[];
  }[];
}

export interface BundleEntry {
  fullUrl: string;
  resource: Patient | Immunization;
}
