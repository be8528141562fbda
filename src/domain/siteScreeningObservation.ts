/**
 * The observation after a dose (留观): 《新冠病毒疫苗接种技术指南（第一版）》 三、接种实施 and
 * 《预防接种工作规范（2016年版）》: every person vaccinated stays 30 minutes at the site under
 * observation (接种后留观30分钟), so that an acute reaction — anaphylaxis, syncope — is met by the
 * site's doctor and its first-aid kit, not on the road home.
 *
 * Closing it earlier needs a reason written down (the resident left against advice, was taken to
 * hospital …); an AEFI during observation is its own reason, reported with it (aefi.ts).
 */
import { businessRule, invalidInput } from './errors.js';
import { parseInstant } from './screening.js';

export const OBSERVATION_MINUTES = 30;

export const OBSERVATION_OUTCOMES = ['ok', 'aefi'] as const;
export type ObservationOutcome = (typeof OBSERVATION_OUTCOMES)[number];

export const OBSERVATION_OUTCOME_LABELS = {
  ok: { zh: '留观结束，无异常', en: 'Observation ended, no reaction' },
  aefi: { zh: '留观中出现疑似异常反应', en: 'Suspected adverse event during observation' },
} as const;

/** When the observation of a dose given at `doseAt` (canonical ISO UTC) ends, in the same form. */
export function observationEndsAt(doseAt: string): string {
  return new Date(Date.parse(doseAt) + OBSERVATION_MINUTES * 60_000).toISOString();
}

export interface ObservationEnd {
  outcome: ObservationOutcome;
  /** When it ended: canonical ISO UTC. */
  at: string;
  reason: string | null;
  /** Ended before the 30 minutes were up. */
  early: boolean;
}

/**
 * Checks the end of an observation: an outcome from the list, an instant not before the dose and
 * not after now, and a reason when it ends before the 30 minutes (an AEFI is its own reason).
 */
export function checkObservationEnd(
  input: { outcome: string; at: string; reason?: string | null },
  doseAt: string,
  now: Date,
): ObservationEnd {
  if (!(OBSERVATION_OUTCOMES as readonly string[]).includes(input.outcome)) {
    throw invalidInput({
      code: 'observation.outcome',
      field: 'outcome',
      message: {
        zh: `留观结果应为 ${OBSERVATION_OUTCOMES.join('、')} 之一：${input.outcome}`,
        en: `the outcome must be one of ${OBSERVATION_OUTCOMES.join(', ')}: ${input.outcome}`,
      },
    });
  }
  const t = parseInstant(input.at);
  if (t === undefined) {
    throw invalidInput({
      code: 'observation.instant',
      field: 'at',
      message: {
        zh: `留观结束时间无效（需带时区的 ISO 8601 时间）：${input.at}`,
        en: `not an ISO-8601 instant with a zone: ${input.at}`,
      },
    });
  }
  if (t > now.getTime() || t < Date.parse(doseAt)) {
    throw invalidInput({
      code: 'observation.instant',
      field: 'at',
      message: {
        zh: '留观结束时间应在接种之后、当前时间之前',
        en: 'the observation ends after the dose and not after now',
      },
    });
  }
  const outcome = input.outcome as ObservationOutcome;
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  const at = new Date(t).toISOString();
  const ends = observationEndsAt(doseAt);
  const early = at < ends;
  if (early && outcome === 'ok' && reason === null) {
    const left = Math.ceil((Date.parse(ends) - t) / 60_000);
    throw businessRule({
      code: 'observation.too-early',
      field: 'at',
      message: {
        zh: `留观未满 ${OBSERVATION_MINUTES} 分钟（还差 ${left} 分钟，至 ${ends}），提前结束须填写原因`,
        en: `the ${OBSERVATION_MINUTES}-minute observation has ${left} minute(s) to go (until ${ends}): ending it early needs a reason`,
      },
    });
  }
  return { outcome, at, reason, early };
}
