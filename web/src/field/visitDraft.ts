/**
 * The screening form's rules, without React: which fields each outcome asks for, the draft as
 * the member fills it, and the visit it becomes. Whether a visit is acceptable is decided by
 * src/domain/screening.ts's validateVisit — the very function the server runs on every upload —
 * so the phone refuses exactly what the server would, with the same bilingual messages.
 */
import { addDays } from '../../../src/domain/calendar.js';
import type { ErrorDetail } from '../../../src/domain/errors.js';
import {
  CONTRAINDICATION_CODES,
  CONTRAINDICATIONS,
  validateVisit,
  type Channel,
  type ContraindicationCode,
  type HealthCode,
  type Visit,
  type VisitInput,
  type VisitOutcome,
} from '../../../src/domain/screening.js';

export type DraftField =
  'placeText' | 'untilDate' | 'bookedDate' | 'site' | 'verified' | 'product' | 'contraindication' | 'reason';

/**
 * The fields an outcome shows, in order, and which of them validateVisit requires (a star on
 * the label). visitDraft.test.ts holds this table to validateVisit: filled, each outcome passes;
 * a required field left out is refused.
 */
export const OUTCOME_FIELDS: Readonly<Record<VisitOutcome, readonly DraftField[]>> = {
  'vaccinated-elsewhere': ['placeText', 'product', 'verified', 'reason'],
  booked: ['bookedDate', 'site', 'reason'],
  'contraindicated-temporary': ['contraindication', 'untilDate', 'reason'],
  'contraindicated-permanent': ['contraindication', 'reason'],
  away: ['placeText', 'untilDate', 'reason'],
  refused: ['reason'],
  'not-found': ['reason'],
  'moved-out': ['placeText', 'reason'],
  deceased: ['reason'],
};

export const REQUIRED_FIELDS: Readonly<Record<VisitOutcome, readonly DraftField[]>> = {
  'vaccinated-elsewhere': ['verified'],
  booked: ['bookedDate', 'site'],
  'contraindicated-temporary': ['untilDate'],
  'contraindicated-permanent': ['contraindication'],
  away: ['placeText', 'untilDate'],
  refused: ['reason'],
  'not-found': [],
  'moved-out': [],
  deceased: [],
};

/** The form as the member fills it: text boxes hold '' when empty. */
export interface VisitDraft {
  outcome?: VisitOutcome;
  channel: Channel;
  healthCode?: HealthCode;
  placeText: string;
  untilDate: string;
  bookedDate: string;
  site: string;
  reason: string;
  verified?: boolean;
  product: string;
  contraindication: string;
}

export function emptyDraft(today: string): VisitDraft {
  return {
    channel: 'door',
    placeText: '',
    untilDate: '',
    // Most bookings are for the next day's session at the township's site.
    bookedDate: addDays(today, 1),
    site: '',
    reason: '',
    product: '',
    contraindication: '',
  };
}

/** The contraindication groups an outcome may name: a permanent one only the lasting groups. */
export function contraindicationChoices(outcome: VisitOutcome): ContraindicationCode[] {
  return CONTRAINDICATION_CODES.filter(
    (c) => outcome !== 'contraindicated-permanent' || CONTRAINDICATIONS[c].kind === 'permanent',
  );
}

/** The visit the draft says, with only the fields its outcome shows (and nothing left blank). */
export function visitInputOf(draft: VisitDraft, at: string): VisitInput {
  const input: VisitInput = { outcome: draft.outcome ?? '', at, channel: draft.channel };
  if (draft.healthCode) input.healthCode = draft.healthCode;
  const shown = draft.outcome ? OUTCOME_FIELDS[draft.outcome] : [];
  for (const field of shown) {
    if (field === 'verified') {
      if (draft.verified !== undefined) input.verified = draft.verified;
    } else {
      const v = draft[field].trim();
      if (v !== '') input[field] = v;
    }
  }
  return input;
}

/** A draft (back) from a queued visit, for fixing one the server refused. */
export function draftOf(visit: VisitInput, today: string): VisitDraft {
  const d = emptyDraft(today);
  const text = (v: string | null | undefined) => (typeof v === 'string' ? v : '');
  return {
    ...d,
    ...(visit.outcome ? { outcome: visit.outcome as VisitOutcome } : {}),
    channel: visit.channel as Channel,
    ...(visit.healthCode ? { healthCode: visit.healthCode as HealthCode } : {}),
    placeText: text(visit.placeText),
    untilDate: text(visit.untilDate),
    bookedDate: text(visit.bookedDate) || d.bookedDate,
    site: text(visit.site),
    reason: text(visit.reason),
    ...(typeof visit.verified === 'boolean' ? { verified: visit.verified } : {}),
    product: text(visit.product),
    contraindication: text(visit.contraindication),
  };
}

export type DraftCheck = { ok: true; input: VisitInput; visit: Visit } | { ok: false; errors: ErrorDetail[] };

/**
 * The draft through the server's own validation, at the server's now; `at` is when the visit
 * happened (now, or the original time of a refused visit being fixed).
 */
export function checkDraft(draft: VisitDraft, now: Date, at: string = now.toISOString()): DraftCheck {
  const input = visitInputOf(draft, at);
  const r = validateVisit(input, now);
  return r.ok ? { ok: true, input, visit: r.visit } : { ok: false, errors: r.errors };
}
