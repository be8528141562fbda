/**
 * AEFI reports (疑似预防接种异常反应): filed during the observation (observe.ts) or later — a
 * fever that evening, reported by the resident's family to the grid member — against the dose
 * they follow. Listed by site and day (the site's own record) and by unit (a township's week).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  AEFI_KIND_LABELS,
  AEFI_OUTCOME_LABELS,
  AEFI_SEVERITY_LABELS,
  validateAefi,
  type Aefi,
  type AefiInput,
  type AefiKind,
  type AefiOutcome,
  type AefiSeverity,
} from '../../domain/aefi.js';
import { daysBetween, parseDate, shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { invalidInput, notFound, type Bilingual } from '../../domain/errors.js';
import { maskIdNumber } from '../../domain/idcard.js';
import {
  aefiById,
  aefiOfSite,
  aefiUnder,
  doseWithCheckin,
  insertAefi,
  type AefiDetailRow,
} from '../../store/fieldops/siteScreeningQueries.js';
import type { Store } from '../../store/openStore.js';
import type { Database } from '../../store/schema.js';
import { requirePlace } from '../places/requirePlace.js';
import { findResident, inScope, type Scope } from '../records/findResident.js';
import { requireSite } from '../sites/requireSite.js';

export interface AefiView {
  id: string;
  county: string;
  resident: { id: number; idNumber: string; name: string; gridCode: string };
  dose: { id: string; product: string; doseNumber: number; at: string };
  checkinId: string | null;
  site: { id: number; name: string } | null;
  what: AefiKind;
  whatLabel: Bilingual;
  severity: AefiSeverity;
  severityLabel: Bilingual;
  onsetAt: string;
  day: string;
  outcome: AefiOutcome;
  outcomeLabel: Bilingual;
  description: string | null;
  /** Severe: to be reported to the county within 2 hours (监测方案). */
  urgent: boolean;
  reportedAt: string;
  reportedBy: string;
}

export function toAefiView(r: AefiDetailRow, unmasked: boolean): AefiView {
  const what = r.what as AefiKind;
  const severity = r.severity as AefiSeverity;
  const outcome = r.outcome as AefiOutcome;
  return {
    id: r.id,
    county: r.county_code,
    resident: {
      id: Number(r.resident_id),
      idNumber: unmasked ? r.id_number : maskIdNumber(r.id_number),
      name: r.resident_name,
      gridCode: r.grid_code,
    },
    dose: { id: r.dose_id, product: r.dose_product, doseNumber: Number(r.dose_number), at: r.dose_at },
    checkinId: r.checkin_id,
    site: r.site_id === null ? null : { id: Number(r.site_id), name: r.site_name ?? '' },
    what,
    whatLabel: AEFI_KIND_LABELS[what],
    severity,
    severityLabel: AEFI_SEVERITY_LABELS[severity],
    onsetAt: r.onset_at,
    day: r.day,
    outcome,
    outcomeLabel: AEFI_OUTCOME_LABELS[outcome],
    description: r.description,
    urgent: severity === 'severe',
    reportedAt: r.reported_at,
    reportedBy: r.reported_by,
  };
}

/** Writes a checked report (inside the caller's write). */
export async function storeAefi(
  trx: Kysely<Database>,
  report: Aefi,
  about: {
    county: string;
    residentId: number;
    gridCode: string;
    doseId: string;
    checkinId: string | null;
    siteId: number | null;
  },
  reportedAt: string,
  reportedBy: string,
  id: string = randomUUID(),
): Promise<string> {
  await insertAefi(trx, {
    county_code: about.county,
    id,
    resident_id: about.residentId,
    grid_code: about.gridCode,
    dose_id: about.doseId,
    checkin_id: about.checkinId,
    site_id: about.siteId,
    what: report.what,
    severity: report.severity,
    onset_at: report.onsetAt,
    day: shanghaiDate(report.onsetAt),
    outcome: report.outcome,
    description: report.description,
    reported_at: reportedAt,
    reported_by: reportedBy,
  });
  return id;
}

export interface ReportAefiInput extends AefiInput {
  /** The resident's ID number. */
  idNumber: string;
  /** The dose it follows (a dose record id). */
  doseId: string;
  by: string;
  scope?: Scope;
  unmasked?: boolean;
}

/** Files an AEFI report against one of the resident's doses. */
export async function reportAefi(store: Store, input: ReportAefiInput): Promise<AefiView> {
  const now = store.now();
  const resident = await findResident(store.db, input.idNumber, input.scope ? { scope: input.scope } : {});
  const dose = await doseWithCheckin(store.db, resident.county_code, input.doseId);
  if (!dose || Number(dose.resident_id) !== Number(resident.id)) {
    throw notFound({
      code: 'dose.not-found',
      field: 'doseId',
      message: { zh: `该居民没有接种记录 ${input.doseId}`, en: `the resident has no dose ${input.doseId}` },
    });
  }
  const report = validateAefi(input, dose.at, now);
  const id = await store.write((trx) =>
    storeAefi(
      trx,
      report,
      {
        county: resident.county_code,
        residentId: Number(resident.id),
        gridCode: resident.grid_code,
        doseId: dose.id,
        checkinId: dose.checkin_id,
        siteId: dose.site_id === null ? null : Number(dose.site_id),
      },
      now.toISOString(),
      input.by,
    ),
  );
  const row = await aefiById(store.db, resident.county_code, id);
  return toAefiView(row as AefiDetailRow, input.unmasked === true);
}

function day(value: string | undefined, today: CalendarDate, field: string): CalendarDate {
  if (value === undefined) return today;
  if (parseDate(value) === undefined) {
    throw invalidInput({
      code: 'aefi.day',
      field,
      message: { zh: `日期无效（YYYY-MM-DD）：${value}`, en: `not a date (YYYY-MM-DD): ${value}` },
    });
  }
  return value;
}

/** A site's AEFI reports of a day (onset that day), of residents the caller may see. */
export async function aefiOfSiteDay(
  store: Store,
  input: { siteId: number; day?: string; scope?: Scope; unmasked?: boolean },
): Promise<{ site: { id: number; name: string }; day: string; items: AefiView[] }> {
  const site = await requireSite(store, input.siteId, input.scope, 'see');
  const d = day(input.day, shanghaiDate(store.now()), 'day');
  const rows = (await aefiOfSite(store.db, Number(site.id), d)).filter((r) =>
    inScope(input.scope, r.grid_code),
  );
  return {
    site: { id: Number(site.id), name: site.name },
    day: d,
    items: rows.map((r) => toAefiView(r, input.unmasked === true)),
  };
}

/** Longest span a unit's AEFI list covers in one request. */
export const MAX_AEFI_DAYS = 92;

/** The AEFI reports of a unit's residents, onset from one day to another (inclusive; default today). */
export async function aefiOfUnit(
  store: Store,
  input: { place: string; from?: string; to?: string; scope?: Scope; unmasked?: boolean; limit?: number },
): Promise<{ place: string; from: string; to: string; items: AefiView[] }> {
  await requirePlace(store, input.place, input.scope);
  const today = shanghaiDate(store.now());
  const to = day(input.to, today, 'to');
  const from = day(input.from, input.to === undefined ? today : to, 'from');
  if (from > to || daysBetween(from, to) >= MAX_AEFI_DAYS) {
    throw invalidInput({
      code: 'aefi.range',
      field: 'from',
      message: {
        zh: `日期范围应从早到晚，且不超过 ${MAX_AEFI_DAYS} 天：${from} 至 ${to}`,
        en: `the range runs forward and spans at most ${MAX_AEFI_DAYS} days: ${from} to ${to}`,
      },
    });
  }
  const rows = await aefiUnder(store.db, input.place, from, to, Math.min(input.limit ?? 1000, 5000));
  return { place: input.place, from, to, items: rows.map((r) => toAefiView(r, input.unmasked === true)) };
}
