/**
 * Dispatch orders (调度令): the county command issues an order to units below it with a deadline;
 * each unit acknowledges it (签收) and reports it done (办结). The news report (shared/seed/):
 * 「湘潭县制定下发了疫苗接种系列文件、调度令、通告……各乡镇按周安排、按日推进、按日调度」 — a county
 * that issues orders expects answers, and an order nobody answered by its deadline is what the
 * daily report must put in front of the command (DESIGN.md "Daily dispatch").
 *
 * Pure rules: the state of one unit's answer at an instant, how late it is, and what makes an
 * order well-formed. "Now" is passed in, so the same rule gives the live board and the state at
 * a past report's cut-off.
 */
import { businessRule, invalidInput, notFound, type Bilingual } from './errors.js';
import { levelOfCode } from './places.js';
import { parseInstant } from './screening.js';

/**
 * Where one unit stands with an order: issued (not yet acknowledged), acknowledged, completed
 * (by the deadline), completed-late, or overdue (the deadline passed and it is not completed,
 * acknowledged or not).
 */
export const TARGET_STATES = ['issued', 'acknowledged', 'completed', 'completed-late', 'overdue'] as const;
export type TargetState = (typeof TARGET_STATES)[number];

export const TARGET_STATE_LABELS: Readonly<Record<TargetState, Bilingual>> = {
  issued: { zh: '待签收', en: 'issued' },
  acknowledged: { zh: '已签收', en: 'acknowledged' },
  completed: { zh: '已办结', en: 'completed' },
  'completed-late': { zh: '逾期办结', en: 'completed late' },
  overdue: { zh: '逾期未办结', en: 'overdue' },
};

/** What is known of one unit's answer: instants as ISO strings (or anything Date.parse reads). */
export interface TargetFacts {
  deadline: string;
  acknowledgedAt: string | null;
  completedAt: string | null;
}

const ms = (instant: Date | string): number =>
  typeof instant === 'string' ? Date.parse(instant) : instant.getTime();

/**
 * The state of a unit's answer at `now`. An acknowledgement or completion recorded after `now`
 * has not happened yet (a past report's cut-off sees the answer as it stood then). Overdue is
 * strictly after the deadline: an order due at 17:00 and done at 17:00 is done on time.
 */
export function targetState(t: TargetFacts, now: Date | string): TargetState {
  const at = ms(now);
  const deadline = ms(t.deadline);
  if (t.completedAt !== null && ms(t.completedAt) <= at) {
    return ms(t.completedAt) <= deadline ? 'completed' : 'completed-late';
  }
  if (at > deadline) return 'overdue';
  if (t.acknowledgedAt !== null && ms(t.acknowledgedAt) <= at) return 'acknowledged';
  return 'issued';
}

/** Whether the unit has acknowledged by `now` (completing an order acknowledges it too). */
export function acknowledgedBy(t: TargetFacts, now: Date | string): boolean {
  const at = ms(now);
  return (
    (t.acknowledgedAt !== null && ms(t.acknowledgedAt) <= at) ||
    (t.completedAt !== null && ms(t.completedAt) <= at)
  );
}

/**
 * How late the answer is, in whole minutes: for an overdue order, from the deadline to `now`;
 * for one completed late, from the deadline to the completion; otherwise null.
 */
export function minutesLate(t: TargetFacts, now: Date | string): number | null {
  const state = targetState(t, now);
  const deadline = ms(t.deadline);
  if (state === 'overdue') return Math.floor((ms(now) - deadline) / 60_000);
  if (state === 'completed-late' && t.completedAt !== null)
    return Math.floor((ms(t.completedAt) - deadline) / 60_000);
  return null;
}

/** 「逾期1天3小时」 / "1 d 3 h late"; under an hour in minutes, whole days without hours when even. */
export function latenessText(minutes: number): Bilingual {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days === 0 && hours === 0) return { zh: `逾期${mins}分钟`, en: `${mins} min late` };
  const zh = `${days > 0 ? `${days}天` : ''}${hours > 0 ? `${hours}小时` : ''}`;
  const en = [days > 0 ? `${days} d` : '', hours > 0 ? `${hours} h` : ''].filter(Boolean).join(' ');
  return { zh: `逾期${zh}`, en: `${en} late` };
}

export const TITLE_MAX = 200;
export const TEXT_MAX = 5000;
export const NOTE_MAX = 2000;

export interface OrderDraft {
  issuer: string;
  title: string;
  text: string;
  /** ISO instant with a zone. */
  deadline: string;
  targets: readonly string[];
}

export interface ValidOrder {
  issuer: string;
  title: string;
  text: string;
  /** ISO UTC. */
  deadline: string;
  /** Without duplicates, in the order given. */
  targets: string[];
}

/**
 * Checks an order before anything is written: a title and a text, a deadline after the moment it
 * is issued, one or more targets that are townships or villages strictly under the issuer.
 * A target outside the issuer is `order.out-of-scope` (orderOutOfScope), like one outside the
 * caller's places: the same refusal, naming the unit, whichever it is.
 */
export function validateOrder(draft: OrderDraft, issuedAt: Date): ValidOrder {
  const title = draft.title.trim();
  const text = draft.text.trim();
  if (!title || title.length > TITLE_MAX) {
    throw invalidInput({
      code: 'order.title',
      field: 'title',
      message: {
        zh: `请填写调度令标题（不超过${TITLE_MAX}字）`,
        en: `give the order a title (at most ${TITLE_MAX} characters)`,
      },
    });
  }
  if (!text || text.length > TEXT_MAX) {
    throw invalidInput({
      code: 'order.text',
      field: 'text',
      message: {
        zh: `请填写调度令正文（不超过${TEXT_MAX}字）`,
        en: `give the order its text (at most ${TEXT_MAX} characters)`,
      },
    });
  }
  const deadline = parseInstant(draft.deadline.trim());
  if (deadline === undefined) {
    throw invalidInput({
      code: 'order.deadline',
      field: 'deadline',
      message: {
        zh: `办结时限应为带时区的时间（如 2021-08-09T17:00:00+08:00）：${draft.deadline}`,
        en: `the deadline must be an instant with a zone (e.g. 2021-08-09T17:00:00+08:00): ${draft.deadline}`,
      },
    });
  }
  if (deadline <= issuedAt.getTime()) {
    throw businessRule({
      code: 'order.deadline',
      field: 'deadline',
      message: {
        zh: '办结时限应晚于下达时间',
        en: 'the deadline must come after the order is issued',
      },
    });
  }
  const issuerLevel = levelOfCode(draft.issuer);
  if (issuerLevel !== 'county' && issuerLevel !== 'township') {
    throw invalidInput({
      code: 'order.issuer',
      field: 'issuer',
      message: {
        zh: `发令单位应为县或乡镇：${draft.issuer}`,
        en: `an order is issued by a county or a township: ${draft.issuer}`,
      },
    });
  }
  const targets = [...new Set(draft.targets.map((t) => t.trim()))];
  if (targets.length === 0) {
    throw invalidInput({
      code: 'order.targets',
      field: 'targets',
      message: { zh: '请指定接收单位', en: 'name the units the order goes to' },
    });
  }
  for (const t of targets) {
    const level = levelOfCode(t);
    if (level !== 'township' && level !== 'village') {
      throw invalidInput({
        code: 'order.target-level',
        field: 'targets',
        message: {
          zh: `接收单位应为乡镇或村（社区）：${t}`,
          en: `an order goes to townships and villages: ${t} is not one`,
        },
      });
    }
  }
  const outside = targets.find((t) => !t.startsWith(draft.issuer) || t === draft.issuer);
  if (outside !== undefined) throw orderOutOfScope(outside);
  return { issuer: draft.issuer, title, text, deadline: new Date(deadline).toISOString(), targets };
}

/**
 * The refusal of an order to a unit outside the issuer's scope (or the caller's places). It is
 * "not found", as anything outside a caller's places is, and it names only the code it was
 * given, so it tells nothing about whether that unit exists.
 */
export function orderOutOfScope(code: string): ReturnType<typeof notFound> {
  return notFound({
    code: 'order.out-of-scope',
    field: 'targets',
    message: {
      zh: `接收单位 ${code} 不在发令单位的管辖范围内，调度令未下达`,
      en: `unit ${code} is outside the issuer's scope: the order was not issued`,
    },
  });
}

/** A completion note: what was done, required, within reason. */
export function validCompletionNote(note: string): string {
  const n = note.trim();
  if (!n || n.length > NOTE_MAX) {
    throw invalidInput({
      code: 'order.note',
      field: 'note',
      message: {
        zh: `请填写办结情况（不超过${NOTE_MAX}字）`,
        en: `say what was done (at most ${NOTE_MAX} characters)`,
      },
    });
  }
  return n;
}
