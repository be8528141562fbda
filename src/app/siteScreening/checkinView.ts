/**
 * A check-in as the site's page shows it: the resident, the latest screening and what it
 * suggests, the doctor's decision, the dose and the observation timer. Every use case of the
 * site answers with this view, so the page can move from step to step on the answers alone.
 */
import type { Kysely } from 'kysely';
import { ageOn } from '../../domain/age.js';
import type { Bilingual } from '../../domain/errors.js';
import { notFound } from '../../domain/errors.js';
import { maskIdNumber } from '../../domain/idcard.js';
import type { ContraindicationCode, HealthCode } from '../../domain/screening.js';
import {
  DECISION_LABELS,
  isDecision,
  suggestDecision,
  type Decision,
  type Screening,
  type ScreeningFlag,
} from '../../domain/siteScreening.js';
import type { ObservationOutcome } from '../../domain/siteScreeningObservation.js';
import {
  checkinDetail,
  screeningsOf,
  type CheckinDetailRow,
  type ScreeningRow,
} from '../../store/fieldops/siteScreeningQueries.js';
import type { Database } from '../../store/schema.js';
import { inScope, type Scope } from '../records/findResident.js';

/** Where a check-in stands: what the site does next. */
export type CheckinStage =
  | 'checked-in' // screen next
  | 'screened' // the doctor decides next
  | 'awaiting-dose' // recommended: vaccinate next
  | 'not-vaccinated' // postponed or not suitable: done for today
  | 'observing' // vaccinated, the 30 minutes running
  | 'done'; // observation ended

export interface SuggestionView {
  decision: Decision;
  label: Bilingual;
  flags: ScreeningFlag[];
  contraindication: ContraindicationCode | null;
  untilDate: string | null;
  watchClosely: boolean;
}

export interface ScreeningView {
  id: number;
  at: string;
  screenedBy: string;
  /** °C. */
  temperature: number;
  healthCode: HealthCode;
  systolic: number | null;
  diastolic: number | null;
  answers: Record<ContraindicationCode, boolean>;
  suggestion: SuggestionView;
}

export interface DecisionView {
  decision: Decision;
  label: Bilingual;
  at: string;
  by: string;
  untilDate: string | null;
  contraindication: string | null;
  note: string | null;
  againstSuggestion: boolean;
  /** The screening visit that carried the decision into the resident's status (postpone, not suitable). */
  visitId: string | null;
}

export interface CheckinView {
  id: string;
  county: string;
  day: string;
  at: string;
  checkedInBy: string;
  stage: CheckinStage;
  site: { id: number; name: string; township: string };
  resident: {
    id: number;
    /** Masked unless asked for in full (by a role that may see it). */
    idNumber: string;
    name: string;
    sex: 'M' | 'F';
    age: number;
    gridCode: string;
  };
  /** The latest screening; `screenings` counts them all (a reading taken again is a second one). */
  screening: ScreeningView | null;
  screenings: number;
  decision: DecisionView | null;
  dose: { id: string; product: string; doseNumber: number; lot: string | null; at: string } | null;
  observation: {
    startedAt: string;
    endsAt: string;
    endedAt: string | null;
    outcome: ObservationOutcome | null;
    note: string | null;
  } | null;
}

export function screeningOf(row: ScreeningRow): Screening {
  return {
    temperature: row.temperature_tenths / 10,
    healthCode: row.health_code as HealthCode,
    systolic: row.systolic,
    diastolic: row.diastolic,
    answers: JSON.parse(row.answers) as Record<ContraindicationCode, boolean>,
  };
}

function screeningView(row: ScreeningRow, day: string): ScreeningView {
  const s = screeningOf(row);
  const suggestion = suggestDecision(s, day);
  return {
    id: Number(row.id),
    at: row.at,
    screenedBy: row.screened_by,
    ...s,
    suggestion: { ...suggestion, label: DECISION_LABELS[suggestion.decision] },
  };
}

function stageOf(r: CheckinDetailRow, screened: boolean): CheckinStage {
  if (r.observation_ended_at !== null) return 'done';
  if (r.dose_id !== null) return 'observing';
  if (r.decision === 'recommend') return 'awaiting-dose';
  if (r.decision !== null) return 'not-vaccinated';
  return screened ? 'screened' : 'checked-in';
}

export function toCheckinView(
  r: CheckinDetailRow,
  screenings: readonly ScreeningRow[],
  unmasked: boolean,
): CheckinView {
  const latest = screenings.at(-1);
  return {
    id: r.id,
    county: r.county_code,
    day: r.day,
    at: r.at,
    checkedInBy: r.checked_in_by,
    stage: stageOf(r, latest !== undefined),
    site: { id: Number(r.site_id), name: r.site_name, township: r.site_township },
    resident: {
      id: Number(r.resident_id),
      idNumber: unmasked ? r.id_number : maskIdNumber(r.id_number),
      name: r.resident_name,
      sex: r.sex,
      age: ageOn(r.birth_date, r.day),
      gridCode: r.grid_code,
    },
    screening: latest ? screeningView(latest, r.day) : null,
    screenings: screenings.length,
    decision:
      r.decision !== null && isDecision(r.decision)
        ? {
            decision: r.decision,
            label: DECISION_LABELS[r.decision],
            at: r.decided_at ?? '',
            by: r.decided_by ?? '',
            untilDate: r.until_date,
            contraindication: r.contraindication,
            note: r.decision_note,
            againstSuggestion: r.against_suggestion === 1,
            visitId: r.visit_id,
          }
        : null,
    dose:
      r.dose_id !== null && r.dose_product !== null && r.dose_at !== null
        ? {
            id: r.dose_id,
            product: r.dose_product,
            doseNumber: Number(r.dose_number),
            lot: r.dose_lot,
            at: r.dose_at,
          }
        : null,
    observation:
      r.dose_at !== null && r.observation_ends_at !== null
        ? {
            startedAt: r.dose_at,
            endsAt: r.observation_ends_at,
            endedAt: r.observation_ended_at,
            outcome: r.observation_outcome as ObservationOutcome | null,
            note: r.observation_note,
          }
        : null,
  };
}

/** Views of some check-ins of a county, with their screenings read in one query. */
export async function checkinViews(
  db: Kysely<Database>,
  rows: readonly CheckinDetailRow[],
  unmasked: boolean,
): Promise<CheckinView[]> {
  const byCounty = new Map<string, ScreeningRow[]>();
  for (const county of new Set(rows.map((r) => r.county_code))) {
    const ids = rows.filter((r) => r.county_code === county).map((r) => r.id);
    byCounty.set(county, await screeningsOf(db, county, ids));
  }
  return rows.map((r) =>
    toCheckinView(
      r,
      (byCounty.get(r.county_code) ?? []).filter((s) => s.checkin_id === r.id),
      unmasked,
    ),
  );
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The check-in, if the caller may see it: its resident within the caller's places; to work on
 * it (`write`), its site too. Out of scope is not found.
 */
export async function requireCheckin(
  db: Kysely<Database>,
  id: string,
  scope: Scope,
  access: 'read' | 'write',
): Promise<CheckinDetailRow> {
  const row = UUID_RE.test(id) ? await checkinDetail(db, id.toLowerCase()) : undefined;
  if (!row || !inScope(scope, row.grid_code) || (access === 'write' && !inScope(scope, row.site_township))) {
    throw notFound({
      code: 'checkin.not-found',
      field: 'checkinId',
      message: { zh: `找不到预检登记 ${id}`, en: `no check-in ${id}` },
    });
  }
  return row;
}

/** The view of one check-in as stored now. */
export async function checkinView(
  db: Kysely<Database>,
  id: string,
  scope: Scope,
  unmasked: boolean,
): Promise<CheckinView> {
  const row = await requireCheckin(db, id, scope, 'read');
  return toCheckinView(row, await screeningsOf(db, row.county_code, [row.id]), unmasked);
}
