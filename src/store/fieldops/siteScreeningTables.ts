/**
 * The tables of migration 0008_site_screening, as Kysely sees them (joined into `Database` in ../schema.ts).
 * Check-in and screening at the site: temperature, health code, blood pressure, the guideline's
 * contraindication questions, the doctor's decision, observation, AEFI reports.
 */
import type { Generated } from 'kysely';

/** One resident's pass through a site on a day; the steps are filled in as they happen. */
export interface SiteCheckinsTable {
  county_code: string;
  /** A UUID. */
  id: string;
  resident_id: number;
  /** The resident's grid at check-in. */
  grid_code: string;
  site_id: number;
  /** The Asia/Shanghai day of the check-in. */
  day: string;
  at: string;
  checked_in_by: string;
  /** `recommend` | `postpone` | `not-suitable` (siteScreening.ts DECISIONS), once the doctor decided. */
  decision: string | null;
  decided_at: string | null;
  decided_by: string | null;
  /** postpone: the first day the resident may be vaccinated. */
  until_date: string | null;
  contraindication: string | null;
  decision_note: string | null;
  /** 1 when the decision is less cautious than the screening suggested. */
  against_suggestion: number | null;
  /** The screening the decision was made on. */
  screening_id: number | null;
  /** The screening visit that carried the decision into the resident's status (postpone, not suitable). */
  visit_id: string | null;
  dose_id: string | null;
  observation_ends_at: string | null;
  observation_ended_at: string | null;
  /** `ok` | `aefi`. */
  observation_outcome: string | null;
  observation_note: string | null;
}

/** A screening of a check-in: appended, never edited. */
export interface SiteScreeningsTable {
  id: Generated<number>;
  county_code: string;
  checkin_id: string;
  at: string;
  screened_by: string;
  temperature_tenths: number;
  health_code: string;
  systolic: number | null;
  diastolic: number | null;
  /** JSON `{code: boolean}`. */
  answers: string;
  suggestion: string;
  /** JSON array of flag codes. */
  flags: string;
}

export interface AefiReportsTable {
  county_code: string;
  id: string;
  resident_id: number;
  grid_code: string;
  dose_id: string;
  checkin_id: string | null;
  site_id: number | null;
  what: string;
  severity: string;
  onset_at: string;
  day: string;
  outcome: string;
  description: string | null;
  reported_at: string;
  reported_by: string;
}

export interface SiteScreeningTables {
  site_checkins: SiteCheckinsTable;
  site_screenings: SiteScreeningsTable;
  aefi_reports: AefiReportsTable;
}
