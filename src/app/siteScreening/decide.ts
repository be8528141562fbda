/**
 * The doctor's decision (医生意见) on a screened check-in, and its effect on the resident's
 * status in the same write: postpone is a screening visit `contraindicated-temporary` until the
 * date, not suitable one `contraindicated-permanent` with its guideline group (channel `site`),
 * through the engine's own storeVisit, so progress, the ledger and the deferral counts move with
 * it. Vaccinate writes no visit: the dose that follows is what changes the status.
 */
import { businessRule, notFound } from '../../domain/errors.js';
import type { VisitInput } from '../../domain/screening.js';
import { suggestDecision } from '../../domain/siteScreening.js';
import {
  checkDecision,
  type DecisionInput,
  type DoctorDecision,
} from '../../domain/siteScreeningDecision.js';
import { screeningsOf, updateCheckinStep } from '../../store/fieldops/siteScreeningQueries.js';
import type { Store } from '../../store/openStore.js';
import { residentById } from '../../store/residentQueries.js';
import type { Scope } from '../records/findResident.js';
import { storeVisit, validVisitOrThrow } from '../records/recordVisit.js';
import { checkinView, requireCheckin, screeningOf, type CheckinView } from './checkinView.js';
import { alreadyDecided } from './screen.js';
import { stepAt } from './stepTime.js';

export interface DecideInput extends DecisionInput {
  checkinId: string;
  /** When (ISO-8601 with a zone); now when absent. */
  at?: string | null;
  /** The doctor's name (the signed-in user). */
  by: string;
  /** The signed-in user's id, recorded on the status visit. */
  recordedBy?: number | null;
  scope?: Scope;
  unmasked?: boolean;
  /** The status visit's id, when the caller makes it (a seeded day is the same on every run). */
  visitId?: string;
}

/** The status visit a decision makes, or none for a decision to vaccinate. */
function visitOf(d: DoctorDecision, at: string, healthCode: string, why: string): VisitInput | undefined {
  const reason = d.note ?? why;
  switch (d.decision) {
    case 'recommend':
      return undefined;
    case 'postpone':
      return {
        outcome: 'contraindicated-temporary',
        at,
        channel: 'site',
        healthCode,
        untilDate: d.untilDate,
        contraindication: d.contraindication,
        reason,
      };
    case 'not-suitable':
      return {
        outcome: 'contraindicated-permanent',
        at,
        channel: 'site',
        healthCode,
        contraindication: d.contraindication,
        reason,
      };
  }
}

export async function decide(store: Store, input: DecideInput): Promise<CheckinView> {
  const now = store.now();
  const row = await requireCheckin(store.db, input.checkinId, input.scope, 'write');
  if (row.decided_at !== null) throw alreadyDecided(row.id);
  const latest = (await screeningsOf(store.db, row.county_code, [row.id])).at(-1);
  if (!latest) {
    throw businessRule({
      code: 'checkin.not-screened',
      field: 'checkinId',
      message: {
        zh: '尚未预检（体温、健康码、禁忌问询），医生不能给出意见',
        en: 'not screened yet (temperature, health code, the questions): the doctor cannot decide',
      },
    });
  }
  const screening = screeningOf(latest);
  const suggestion = suggestDecision(screening, row.day);
  const decision = checkDecision(input, screening, suggestion, row.day);
  const at = stepAt(row, latest.at, input.at, now);
  const why = `接种点预检：${suggestion.flags.map((f) => f.message.zh).join('；') || '医生意见'}`;
  const visitInput = visitOf(decision, at, screening.healthCode, why);
  const visit = visitInput ? validVisitOrThrow(visitInput, now) : undefined;
  const resident = await residentById(store.db, row.county_code, Number(row.resident_id));
  if (!resident) {
    throw notFound({
      code: 'resident.not-found',
      field: 'resident',
      message: { zh: '找不到该居民', en: 'no such resident' },
    });
  }

  await store.write(async (trx) => {
    const stored = visit
      ? await storeVisit(
          trx,
          resident,
          visit,
          { recordedBy: input.recordedBy ?? null, ...(input.visitId ? { id: input.visitId } : {}) },
          now,
        )
      : undefined;
    const updated = await updateCheckinStep(trx, row.county_code, row.id, 'decided_at', {
      decision: decision.decision,
      decided_at: at,
      decided_by: input.by,
      until_date: decision.untilDate,
      contraindication: decision.contraindication,
      decision_note: decision.note,
      against_suggestion: decision.againstSuggestion ? 1 : 0,
      screening_id: Number(latest.id),
      visit_id: stored?.id ?? null,
    });
    // Decided meanwhile: undo the visit with the rest of this write.
    if (!updated) throw alreadyDecided(row.id);
  });
  return checkinView(store.db, row.id, input.scope, input.unmasked === true);
}
