/**
 * A resident's status in a campaign. DESIGN.md, "The domain, in words": it is derived, never
 * typed in — done; exempt (permanent contraindication, deceased, moved out); deferred until a
 * date (then due again); open (eligible, not done, no valid reason) with what is known (booked,
 * refused, away, not found); unscreened (nobody has asked yet). Ineligible (outside the
 * campaign's age band, or off the register) is kept apart from exempt so that "eligible" — the
 * denominator of every coverage figure — is simply residents minus ineligible.
 *
 * Decisions:
 * - Done comes only from dose records. A verified claim of vaccination elsewhere becomes a dose
 *   record (source `verified-elsewhere`) in the app layer, which knows the dose number; until it
 *   does, the resident stays open: `claimed-elsewhere` when unverified, `verified-elsewhere`
 *   (proof seen, dose record still to be entered) when verified. Otherwise a full-series
 *   campaign would count someone with one dose elsewhere as done.
 * - The latest visit decides (by `at`; on a tie, the one later in the list, i.e. appended
 *   later): visits are appended facts (DESIGN.md), and the newest says what is true now. A
 *   refusal last week followed by a booking today is booked.
 * - Away is open, not deferred (DESIGN.md lists it among the open reasons): the resident still
 *   counts against the unit until vaccinated, wherever they are. Only a temporary
 *   contraindication defers.
 * - `untilDate` of a temporary contraindication is the first day the resident may be vaccinated
 *   again: deferred while today < until, open (`deferral-ended`) from the until day itself.
 * - A follow-up is due on its date (followUpDate ≤ today), reported as the separate boolean
 *   `followUpDue` rather than a reason, so the reason still says what is known. A deferral that
 *   has ended is always due.
 * - A visit finding the resident moved out or deceased makes them exempt for the campaign at once,
 *   before anyone changes the register's status (which makes them ineligible).
 * - `sixtyPlus` is the age as of the campaign's `ageAsOf`, the same day eligibility is measured on,
 *   so a report's 60+ columns and its eligible column agree.
 *
 * Speed: called for every resident of a county (~1M) on every recount, so one pass over the
 * visits (no sorting, no copies), one age computation, one pass over the doses, one result object.
 */
import { ageOn, isAgeInBand, type AgeBand } from './age.js';
import type { CalendarDate } from './calendar.js';
import type { Bilingual } from './errors.js';
import type { Visit } from './screening.js';
import { doneOn, type CampaignTarget, type DoseRecord } from './vaccines/doseWindows.js';

export interface CampaignRules {
  target: CampaignTarget;
  band: AgeBand;
  /** The day ages are measured on (the campaign's, not today: eligibility must not drift). */
  ageAsOf: CalendarDate;
}

export type RegisterStatus = 'active' | 'moved-out' | 'deceased';

export interface ResidentFacts {
  birthDate: CalendarDate;
  status: RegisterStatus;
}

/**
 * What the status needs of a visit. `at` must be in the canonical UTC form validateVisit and the
 * store write (`toISOString`), because visits are ordered by comparing these strings.
 */
export type VisitFacts = Pick<Visit, 'outcome' | 'at'> &
  Partial<Pick<Visit, 'untilDate' | 'followUpDate' | 'bookedDate' | 'verified'>>;

export const STATUSES = ['ineligible', 'done', 'exempt', 'deferred', 'open', 'unscreened'] as const;
export type CampaignStatus = (typeof STATUSES)[number];

export const INELIGIBLE_REASONS = ['age', 'moved-out', 'deceased'] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];

export const EXEMPT_REASONS = ['contraindicated-permanent', 'moved-out', 'deceased'] as const;
export type ExemptReason = (typeof EXEMPT_REASONS)[number];

export type DeferredReason = 'contraindicated-temporary';

export const OPEN_REASONS = [
  'booked',
  'refused',
  'away',
  'not-found',
  'claimed-elsewhere',
  'verified-elsewhere',
  'deferral-ended',
] as const;
export type OpenReason = (typeof OPEN_REASONS)[number];

interface StatusCommon {
  /** Open residents only: the latest visit's follow-up date has come (or the deferral ended). */
  followUpDue: boolean;
  /** 60 or over on the campaign's ageAsOf. */
  sixtyPlus: boolean;
  /** `at` of the latest visit, when there is one. */
  lastVisitAt?: string;
  /** Deferred: the day the deferral ends (the first day they may be vaccinated). */
  until?: CalendarDate;
  /** Done: the day the target was met. */
  doneOn?: CalendarDate;
  /** Open and booked: the day booked. */
  bookedDate?: CalendarDate;
  /** Open: the latest visit's follow-up date. */
  followUpDate?: CalendarDate;
}

export type ResidentStatus =
  | (StatusCommon & { status: 'ineligible'; reason: IneligibleReason })
  | (StatusCommon & { status: 'done'; reason?: undefined; doneOn: CalendarDate })
  | (StatusCommon & { status: 'exempt'; reason: ExemptReason })
  | (StatusCommon & { status: 'deferred'; reason: DeferredReason; until: CalendarDate })
  | (StatusCommon & { status: 'open'; reason: OpenReason })
  | (StatusCommon & { status: 'unscreened'; reason?: undefined });

export const STATUS_LABELS: Readonly<Record<CampaignStatus, Bilingual>> = {
  ineligible: { zh: '非接种对象', en: 'Not eligible' },
  done: { zh: '已接种', en: 'Done' },
  exempt: { zh: '免接种', en: 'Exempt' },
  deferred: { zh: '暂缓接种', en: 'Deferred' },
  open: { zh: '待接种', en: 'Open' },
  unscreened: { zh: '未摸排', en: 'Unscreened' },
};

export const REASON_LABELS: Readonly<
  Record<IneligibleReason | ExemptReason | DeferredReason | OpenReason, Bilingual>
> = {
  age: { zh: '不在本次接种年龄段', en: 'Outside the campaign age band' },
  'moved-out': { zh: '已迁出', en: 'Moved out' },
  deceased: { zh: '已死亡', en: 'Deceased' },
  'contraindicated-permanent': { zh: '有接种禁忌', en: 'Permanent contraindication' },
  'contraindicated-temporary': { zh: '临时禁忌，暂缓接种', en: 'Temporary contraindication' },
  booked: { zh: '已预约', en: 'Booked' },
  refused: { zh: '拒绝或犹豫', en: 'Refused or hesitant' },
  away: { zh: '外出', en: 'Away' },
  'not-found': { zh: '未找到本人', en: 'Not found' },
  'claimed-elsewhere': { zh: '自述外地已接种，待核实', en: 'Says vaccinated elsewhere, not verified' },
  'verified-elsewhere': {
    zh: '外地接种已核实，待补录接种记录',
    en: 'Vaccinated elsewhere (verified), dose record to be entered',
  },
  'deferral-ended': { zh: '暂缓期已满', en: 'Deferral ended' },
};

function result(
  status: CampaignStatus,
  reason: string | undefined,
  sixtyPlus: boolean,
  lastVisitAt: string | undefined,
  followUpDue: boolean,
  until?: CalendarDate,
  doneOn?: CalendarDate,
  bookedDate?: CalendarDate,
  followUpDate?: CalendarDate,
): ResidentStatus {
  // One object shape for every status (absent fields are undefined) keeps the engine's hot loop
  // monomorphic; the cast is sound because each call site passes a matching status and reason.
  return {
    status,
    reason,
    followUpDue,
    sixtyPlus,
    lastVisitAt,
    until,
    doneOn,
    bookedDate,
    followUpDate,
  } as ResidentStatus;
}

/**
 * The resident's status in the campaign on `today` (the Asia/Shanghai day of the caller's "now").
 * Precedence, first match wins:
 *
 * 1. register status moved-out / deceased → ineligible (that reason);
 * 2. age on campaign.ageAsOf outside campaign.band → ineligible('age');
 * 3. the target met by doses dated on or before today → done (whatever the visits say);
 * 4. the latest visit: contraindicated-permanent, moved-out, deceased → exempt;
 *    contraindicated-temporary → deferred while today < until, else open('deferral-ended');
 *    booked, refused, away, not-found → open (that reason); vaccinated-elsewhere → open
 *    ('claimed-elsewhere', or 'verified-elsewhere' when verified);
 * 5. no visit → unscreened.
 *
 * Visits and doses are read in any order; doses after today are ignored (they cannot have
 * happened yet, DESIGN.md: Time).
 */
export function residentStatus(
  campaign: CampaignRules,
  resident: ResidentFacts,
  doses: readonly DoseRecord[],
  visits: readonly VisitFacts[],
  today: CalendarDate,
): ResidentStatus {
  const age = ageOn(resident.birthDate, campaign.ageAsOf);
  const sixtyPlus = age >= 60;

  let latest: VisitFacts | undefined;
  for (let i = 0; i < visits.length; i++) {
    const v = visits[i];
    if (v !== undefined && (latest === undefined || v.at >= latest.at)) latest = v;
  }
  const lastVisitAt = latest?.at;

  if (resident.status !== 'active')
    return result('ineligible', resident.status, sixtyPlus, lastVisitAt, false);
  if (!isAgeInBand(age, campaign.band)) return result('ineligible', 'age', sixtyPlus, lastVisitAt, false);

  if (doses.length > 0) {
    // doneOn is the first day the target was met over the whole history; it is on or before
    // today exactly when the doses up to today meet it (isDone), without a second pass.
    const on = doneOn(doses, campaign.target);
    if (on !== null && on <= today)
      return result('done', undefined, sixtyPlus, lastVisitAt, false, undefined, on);
  }

  if (latest === undefined) return result('unscreened', undefined, sixtyPlus, undefined, false);

  const followUpDate = latest.followUpDate;
  const due = followUpDate !== undefined && followUpDate <= today;
  switch (latest.outcome) {
    case 'contraindicated-permanent':
    case 'moved-out':
    case 'deceased':
      return result('exempt', latest.outcome, sixtyPlus, lastVisitAt, false);
    case 'contraindicated-temporary': {
      const until = latest.untilDate;
      if (until !== undefined && until > today) {
        return result('deferred', 'contraindicated-temporary', sixtyPlus, lastVisitAt, false, until);
      }
      return result(
        'open',
        'deferral-ended',
        sixtyPlus,
        lastVisitAt,
        true,
        undefined,
        undefined,
        undefined,
        followUpDate,
      );
    }
    case 'booked':
      return result(
        'open',
        'booked',
        sixtyPlus,
        lastVisitAt,
        due,
        undefined,
        undefined,
        latest.bookedDate,
        followUpDate,
      );
    case 'refused':
    case 'away':
    case 'not-found':
      return result(
        'open',
        latest.outcome,
        sixtyPlus,
        lastVisitAt,
        due,
        undefined,
        undefined,
        undefined,
        followUpDate,
      );
    case 'vaccinated-elsewhere':
      return result(
        'open',
        latest.verified === true ? 'verified-elsewhere' : 'claimed-elsewhere',
        sixtyPlus,
        lastVisitAt,
        due,
        undefined,
        undefined,
        undefined,
        followUpDate,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Counting.

export interface StatusCounts {
  /** Everyone counted: the six status counts below sum to this. */
  residents: number;
  ineligible: number;
  done: number;
  exempt: number;
  deferred: number;
  open: number;
  unscreened: number;
  /** residents − ineligible: the register's denominator (compare with the task number). */
  eligible: number;
  openByReason: Record<OpenReason, number>;
  /** Open residents whose follow-up is due. */
  followUpDue: number;
  /** The daily report's separate 60+ coverage (DESIGN.md, Daily dispatch). */
  sixtyPlus: { eligible: number; done: number };
}

export function emptyCounts(): StatusCounts {
  return {
    residents: 0,
    ineligible: 0,
    done: 0,
    exempt: 0,
    deferred: 0,
    open: 0,
    unscreened: 0,
    eligible: 0,
    openByReason: {
      booked: 0,
      refused: 0,
      away: 0,
      'not-found': 0,
      'claimed-elsewhere': 0,
      'verified-elsewhere': 0,
      'deferral-ended': 0,
    },
    followUpDue: 0,
    sixtyPlus: { eligible: 0, done: 0 },
  };
}

/** Adds one resident's status to `counts` in place (for streaming a county through). */
export function addStatus(counts: StatusCounts, s: ResidentStatus): StatusCounts {
  counts.residents++;
  counts[s.status]++;
  if (s.status === 'ineligible') return counts;
  counts.eligible++;
  if (s.sixtyPlus) {
    counts.sixtyPlus.eligible++;
    if (s.status === 'done') counts.sixtyPlus.done++;
  }
  if (s.status === 'open') {
    counts.openByReason[s.reason]++;
    if (s.followUpDue) counts.followUpDue++;
  }
  return counts;
}

/** Adds `from` into `into` in place: a township's counts are the sum of its villages'. */
export function addCounts(into: StatusCounts, from: StatusCounts): StatusCounts {
  into.residents += from.residents;
  for (const s of STATUSES) into[s] += from[s];
  into.eligible += from.eligible;
  for (const r of OPEN_REASONS) into.openByReason[r] += from.openByReason[r];
  into.followUpDue += from.followUpDue;
  into.sixtyPlus.eligible += from.sixtyPlus.eligible;
  into.sixtyPlus.done += from.sixtyPlus.done;
  return into;
}

/**
 * Counts statuses. Laws: ineligible + done + exempt + deferred + open + unscreened = residents;
 * eligible = residents − ineligible; the open-by-reason counts sum to open.
 */
export function countStatuses(statuses: Iterable<ResidentStatus>): StatusCounts {
  const counts = emptyCounts();
  for (const s of statuses) addStatus(counts, s);
  return counts;
}
