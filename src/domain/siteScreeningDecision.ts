/**
 * The doctor's decision at the site (建议接种 / 推迟接种 / 不宜接种), checked against the screening
 * it follows. The doctor decides, not the suggestion (siteScreening.ts suggestDecision); but a
 * decision less cautious than the red flags found must say why (a note), so the record shows a
 * doctor weighed them. A yellow or red health code is not the doctor's to weigh: that person is
 * not vaccinated today (see siteScreening.ts for the sources).
 *
 * How a decision becomes the resident's status (the app layer writes it as a screening visit,
 * channel `site`): postpone → `contraindicated-temporary` until a date; not suitable →
 * `contraindicated-permanent` with its guideline group, which must be one that does not pass
 * (screening.ts CONTRAINDICATIONS: exempting someone for good for a fever would drop them from
 * the campaign after the fever has gone).
 */
import { parseDate, type CalendarDate } from './calendar.js';
import { businessRule, invalidInput } from './errors.js';
import { CONTRAINDICATIONS, CONTRAINDICATION_CODES, type ContraindicationCode } from './screening.js';
import {
  DECISION_LABELS,
  DECISION_RANK,
  DECISIONS,
  isDecision,
  type Decision,
  type Screening,
  type Suggestion,
} from './siteScreening.js';

export interface DecisionInput {
  decision: string;
  /** postpone: the first day the resident may be vaccinated (defaults to the suggestion's). */
  untilDate?: string | null;
  /** not-suitable: the guideline group (defaults to the suggestion's); postpone: optional. */
  contraindication?: string | null;
  /** Why; required when the decision is less cautious than the suggestion. */
  note?: string | null;
}

export interface DoctorDecision {
  decision: Decision;
  untilDate: CalendarDate | null;
  contraindication: ContraindicationCode | null;
  note: string | null;
  /** The decision is less cautious than what the screening suggested (and so has a note). */
  againstSuggestion: boolean;
}

const invalid = (code: string, field: string, zh: string, en: string): never => {
  throw invalidInput({ code, field, message: { zh, en } });
};

const rule = (code: string, field: string, zh: string, en: string): never => {
  throw businessRule({ code, field, message: { zh, en } });
};

/**
 * Checks the doctor's decision against the screening and its suggestion, fills in the until
 * date and contraindication from the suggestion when the doctor gave none, and returns it; or
 * throws: invalid input for what does not fit the decision, a business rule for a decision the
 * screening forbids (a yellow or red code) or one against the red flags without a note.
 */
export function checkDecision(
  input: DecisionInput,
  screening: Screening,
  suggestion: Suggestion,
  today: CalendarDate,
): DoctorDecision {
  if (!isDecision(input.decision)) {
    invalid(
      'decision.unknown',
      'decision',
      `未知的医生意见“${String(input.decision)}”，应为：${DECISIONS.join('、')}`,
      `unknown decision "${String(input.decision)}"; expected one of ${DECISIONS.join(', ')}`,
    );
  }
  const decision = input.decision as Decision;
  const note = input.note?.trim() ? input.note.trim() : null;
  const untilText = input.untilDate?.trim() ? input.untilDate.trim() : null;
  const ciText = input.contraindication?.trim() ? input.contraindication.trim() : null;

  let contraindication: ContraindicationCode | null = null;
  if (ciText !== null) {
    if (!(CONTRAINDICATION_CODES as readonly string[]).includes(ciText)) {
      invalid(
        'decision.contraindication',
        'contraindication',
        `未知的禁忌症代码“${ciText}”，应为：${CONTRAINDICATION_CODES.join('、')}`,
        `unknown contraindication "${ciText}"; expected one of ${CONTRAINDICATION_CODES.join(', ')}`,
      );
    }
    contraindication = ciText as ContraindicationCode;
  }
  if (untilText !== null && parseDate(untilText) === undefined) {
    invalid(
      'decision.until-date',
      'untilDate',
      `推迟至日期无效（YYYY-MM-DD）：${untilText}`,
      `not a date (YYYY-MM-DD): ${untilText}`,
    );
  }

  const against = DECISION_RANK[decision] < DECISION_RANK[suggestion.decision];
  const label = DECISION_LABELS[decision];
  const needNote = (why: { zh: string; en: string }): void => {
    if (note === null) {
      rule(
        'decision.note-required',
        'note',
        `医生意见“${label.zh}”${why.zh}，请填写说明`,
        `the decision "${label.en}" ${why.en}: add a note saying why`,
      );
    }
  };
  if (against) {
    const found = suggestion.flags
      .filter((f) => DECISION_RANK[f.suggests] > DECISION_RANK[decision])
      .map((f) => f.message);
    needNote({
      zh: `与预检结果（${found.map((m) => m.zh).join('；')}）不一致`,
      en: `goes against the screening (${found.map((m) => m.en).join('; ')})`,
    });
  }

  switch (decision) {
    case 'recommend': {
      if (screening.healthCode !== 'green') {
        rule(
          'decision.health-code',
          'decision',
          `健康码为${screening.healthCode === 'red' ? '红码' : '黄码'}，今日不予接种（应推迟接种）`,
          `a ${screening.healthCode} health code is not vaccinated today: postpone`,
        );
      }
      if (untilText !== null || contraindication !== null) {
        invalid(
          'decision.not-applicable',
          untilText !== null ? 'untilDate' : 'contraindication',
          '建议接种时不应填写推迟日期或禁忌症',
          'a decision to vaccinate takes no until date and no contraindication',
        );
      }
      return { decision, untilDate: null, contraindication: null, note, againstSuggestion: against };
    }
    case 'postpone': {
      const untilDate = untilText ?? suggestion.untilDate;
      if (untilDate === null) {
        invalid(
          'decision.until-date',
          'untilDate',
          '推迟接种须填写推迟至日期',
          'a postponement needs an until date',
        );
      }
      if ((untilDate as CalendarDate) <= today) {
        invalid(
          'decision.until-date',
          'untilDate',
          `推迟至日期 ${String(untilDate)} 应晚于今天 ${today}`,
          `the until date ${String(untilDate)} must be after today ${today}`,
        );
      }
      const ci = contraindication ?? suggestion.contraindication;
      // With no group and no red flag, the status visit would say nothing about why.
      if (ci === null && suggestion.flags.every((f) => f.suggests === 'recommend')) {
        needNote({ zh: '未发现禁忌或异常', en: 'has no contraindication or finding behind it' });
      }
      return {
        decision,
        untilDate: untilDate as CalendarDate,
        contraindication: ci,
        note,
        againstSuggestion: against,
      };
    }
    case 'not-suitable': {
      if (untilText !== null) {
        invalid(
          'decision.not-applicable',
          'untilDate',
          '不宜接种时不应填写推迟日期（暂时性禁忌请选推迟接种）',
          'not suitable takes no until date (a contraindication that passes is a postponement)',
        );
      }
      const ci =
        contraindication ??
        (suggestion.contraindication !== null &&
        CONTRAINDICATIONS[suggestion.contraindication].kind === 'permanent'
          ? suggestion.contraindication
          : null);
      if (ci === null) {
        invalid(
          'decision.contraindication',
          'contraindication',
          '不宜接种须注明禁忌症',
          'not suitable needs the contraindication (a guideline group)',
        );
      }
      const c = CONTRAINDICATIONS[ci as ContraindicationCode];
      if (c.kind !== 'permanent') {
        rule(
          'decision.contraindication-kind',
          'contraindication',
          `“${c.label.zh}”是暂时性禁忌，应选推迟接种并填写日期`,
          `"${c.label.en}" passes: postpone with an until date instead`,
        );
      }
      if (!screening.answers[c.code]) {
        needNote({
          zh: `所依据的禁忌（第${c.guidelineItem}项）在预检中回答为“否”`,
          en: `rests on contraindication ${c.guidelineItem}, answered "no" in the screening`,
        });
      }
      return { decision, untilDate: null, contraindication: c.code, note, againstSuggestion: against };
    }
  }
}
