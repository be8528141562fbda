/**
 * The site's forms as drafts (what the staff have typed so far) and the bodies they become.
 * Checked with the same src/domain rules as the server, so a typo (3.7 °C, a blood pressure with
 * one reading) is caught on the tablet; the server checks again and has the last word.
 */
import { addDays } from '../../../src/domain/calendar.js';
import { isGridvaxError, type ErrorDetail } from '../../../src/domain/errors.js';
import {
  CONTRAINDICATIONS,
  CONTRAINDICATION_CODES,
  type ContraindicationCode,
  type HealthCode,
} from '../../../src/domain/screening.js';
import {
  DECISION_RANK,
  POSTPONE_DAYS,
  validateScreening,
  type Decision,
  type Screening,
} from '../../../src/domain/siteScreening.js';
import type { Suggestion } from './siteApi.js';

// ---------------------------------------------------------------------------------------------
// Pre-screening

export interface ScreeningDraft {
  temperature: string;
  healthCode: HealthCode | '';
  systolic: string;
  diastolic: string;
  answers: Partial<Record<ContraindicationCode, boolean>>;
}

export const emptyScreening = (): ScreeningDraft => ({
  temperature: '',
  healthCode: '',
  systolic: '',
  diastolic: '',
  answers: {},
});

/** A number as typed on a phone keyboard (a decimal comma too); null when blank, NaN when not a number. */
function numberOf(text: string): number | null {
  const t = text.trim().replace(',', '.');
  return t === '' ? null : Number(t);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ErrorDetail };

/** The screening to send, or the first thing wrong with it (the domain's own words). */
export function checkScreening(d: ScreeningDraft): Checked<Screening> {
  try {
    return {
      ok: true,
      value: validateScreening({
        temperature: numberOf(d.temperature) ?? Number.NaN,
        healthCode: d.healthCode,
        systolic: numberOf(d.systolic),
        diastolic: numberOf(d.diastolic),
        answers: d.answers,
      }),
    };
  } catch (e) {
    if (isGridvaxError(e)) return { ok: false, error: e.detail };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The doctor's decision

export interface DecisionDraft {
  decision: Decision;
  untilDate: string;
  contraindication: ContraindicationCode | '';
  note: string;
}

/** The guideline groups that exempt for good (1–3): the only ones "not suitable" may name. */
export const PERMANENT_GROUPS: readonly ContraindicationCode[] = CONTRAINDICATION_CODES.filter(
  (c) => CONTRAINDICATIONS[c].kind === 'permanent',
);

/** The groups a decision may name: any for a postponement, the permanent ones for "not suitable". */
export const groupsFor = (decision: Decision): readonly ContraindicationCode[] =>
  decision === 'not-suitable' ? PERMANENT_GROUPS : CONTRAINDICATION_CODES;

/**
 * The form as the suggestion fills it: its decision, its date to come back (a week from the
 * screening's day when it suggested none, for a doctor who postpones anyway) and its group.
 */
export function draftFrom(s: Suggestion, day: string): DecisionDraft {
  return {
    decision: s.decision,
    untilDate: s.untilDate ?? addDays(day, POSTPONE_DAYS['acute-illness']),
    contraindication: s.contraindication ?? '',
    note: '',
  };
}

/** A decision less cautious than the suggestion goes against a red flag: it needs a note. */
export const needsNote = (decision: Decision, suggested: Decision): boolean =>
  DECISION_RANK[decision] < DECISION_RANK[suggested];

export interface DecisionBody {
  decision: Decision;
  untilDate: string | null;
  contraindication: string | null;
  note: string | null;
}

/** What the form sends: only the fields its decision takes (a group the decision cannot name is dropped). */
export function decisionBody(d: DecisionDraft): DecisionBody {
  const group = d.contraindication !== '' && groupsFor(d.decision).includes(d.contraindication);
  return {
    decision: d.decision,
    untilDate: d.decision === 'postpone' && d.untilDate ? d.untilDate : null,
    contraindication: d.decision !== 'recommend' && group ? d.contraindication : null,
    note: d.note.trim() === '' ? null : d.note.trim(),
  };
}
