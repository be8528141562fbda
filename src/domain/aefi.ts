/**
 * Suspected adverse events following immunization (疑似预防接种异常反应, AEFI): what happened,
 * how severe, when it began and how it ended. Source: 原卫生部、国家食品药品监管局
 * 《全国疑似预防接种异常反应监测方案》(卫办疾控发〔2010〕94号) — any reaction or event after a
 * vaccination suspected to be related to it is reported; a severe one (life-threatening,
 * hospitalization, disability, death) within 2 hours of its discovery to the county. The
 * vocabulary of what is the reactions the 2021 inactivated and adenovirus vaccines' package
 * inserts list (injection-site pain, redness, swelling, induration; fever, headache, fatigue,
 * nausea; rash; rarely anaphylaxis) plus syncope (晕厥/晕针), which the observation room meets
 * most.
 */
import { businessRule, invalidInput, type Bilingual } from './errors.js';
import { parseInstant } from './screening.js';

export const AEFI_KINDS = [
  'fever',
  'local-redness-swelling',
  'local-induration',
  'local-pain',
  'allergic-rash',
  'anaphylaxis',
  'syncope',
  'headache',
  'fatigue',
  'nausea-vomiting',
  'other',
] as const;
export type AefiKind = (typeof AEFI_KINDS)[number];

export const AEFI_KIND_LABELS: Readonly<Record<AefiKind, Bilingual>> = {
  fever: { zh: '发热', en: 'Fever' },
  'local-redness-swelling': { zh: '局部红肿', en: 'Local redness or swelling' },
  'local-induration': { zh: '局部硬结', en: 'Local induration' },
  'local-pain': { zh: '局部疼痛', en: 'Local pain' },
  'allergic-rash': { zh: '过敏性皮疹', en: 'Allergic rash' },
  anaphylaxis: { zh: '急性严重过敏反应（过敏性休克）', en: 'Anaphylaxis' },
  syncope: { zh: '晕厥（晕针）', en: 'Syncope' },
  headache: { zh: '头痛', en: 'Headache' },
  fatigue: { zh: '乏力', en: 'Fatigue' },
  'nausea-vomiting': { zh: '恶心、呕吐', en: 'Nausea or vomiting' },
  other: { zh: '其他', en: 'Other' },
};

export const AEFI_SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type AefiSeverity = (typeof AEFI_SEVERITIES)[number];

export const AEFI_SEVERITY_LABELS: Readonly<Record<AefiSeverity, Bilingual>> = {
  mild: { zh: '轻度', en: 'Mild' },
  moderate: { zh: '中度', en: 'Moderate' },
  severe: { zh: '重度（严重）', en: 'Severe' },
};

export const AEFI_OUTCOMES = ['recovered', 'observed', 'referred', 'unknown'] as const;
export type AefiOutcome = (typeof AEFI_OUTCOMES)[number];

export const AEFI_OUTCOME_LABELS: Readonly<Record<AefiOutcome, Bilingual>> = {
  recovered: { zh: '已恢复', en: 'Recovered' },
  observed: { zh: '继续观察', en: 'Under observation' },
  referred: { zh: '转诊医院', en: 'Referred to hospital' },
  unknown: { zh: '不详', en: 'Unknown' },
};

/** A severe AEFI is reported to the county within this many hours of its discovery (监测方案). */
export const SEVERE_REPORT_HOURS = 2;

export interface AefiInput {
  what: string;
  severity: string;
  /** When it began: an ISO-8601 instant with a zone. */
  onsetAt: string;
  outcome: string;
  /** What was seen and done; required for `other`. */
  description?: string | null;
}

export interface Aefi {
  what: AefiKind;
  severity: AefiSeverity;
  onsetAt: string;
  outcome: AefiOutcome;
  description: string | null;
  /** Severe: to be reported to the county within SEVERE_REPORT_HOURS. */
  urgent: boolean;
}

function oneOf<T extends string>(list: readonly T[], v: string, field: string, name: Bilingual): T {
  if (!(list as readonly string[]).includes(v)) {
    throw invalidInput({
      code: `aefi.${field}`,
      field,
      message: {
        zh: `未知的${name.zh}“${v}”，应为：${list.join('、')}`,
        en: `unknown ${name.en} "${v}"; expected one of ${list.join(', ')}`,
      },
    });
  }
  return v as T;
}

/**
 * Checks a report: known words, an onset not before the dose (`doseAt`, canonical UTC) nor after
 * `now`, a description for `other`, and anaphylaxis never less than severe (it is life-threatening
 * by definition).
 */
export function validateAefi(input: AefiInput, doseAt: string, now: Date): Aefi {
  const what = oneOf(AEFI_KINDS, input.what, 'what', { zh: '反应类型', en: 'kind of reaction' });
  const severity = oneOf(AEFI_SEVERITIES, input.severity, 'severity', { zh: '严重程度', en: 'severity' });
  const outcome = oneOf(AEFI_OUTCOMES, input.outcome, 'outcome', { zh: '转归', en: 'outcome' });
  const description = input.description?.trim() ? input.description.trim() : null;
  const t = parseInstant(input.onsetAt);
  if (t === undefined) {
    throw invalidInput({
      code: 'aefi.onset',
      field: 'onsetAt',
      message: {
        zh: `发生时间无效（需带时区的 ISO 8601 时间）：${input.onsetAt}`,
        en: `not an ISO-8601 instant with a zone: ${input.onsetAt}`,
      },
    });
  }
  if (t < Date.parse(doseAt) || t > now.getTime()) {
    throw invalidInput({
      code: 'aefi.onset',
      field: 'onsetAt',
      message: {
        zh: '反应发生时间应在接种之后、当前时间之前',
        en: 'the onset is after the dose and not after now',
      },
    });
  }
  if (what === 'other' && description === null) {
    throw invalidInput({
      code: 'aefi.description',
      field: 'description',
      message: { zh: '反应类型为“其他”时须描述症状', en: 'describe the reaction when it is "other"' },
    });
  }
  if (what === 'anaphylaxis' && severity !== 'severe') {
    throw businessRule({
      code: 'aefi.severity',
      field: 'severity',
      message: {
        zh: '急性严重过敏反应属严重异常反应，严重程度应为“重度”',
        en: 'anaphylaxis is a severe event: its severity is severe',
      },
    });
  }
  return {
    what,
    severity,
    onsetAt: new Date(t).toISOString(),
    outcome,
    description,
    urgent: severity === 'severe',
  };
}
