/**
 * Pre-vaccination screening at the site (接种前预检): the measurements taken at the door, the
 * guideline's contraindication questions, and the decision they suggest to the doctor. The
 * doctor decides (siteScreeningDecision.ts); this file only reads the answers.
 *
 * Sources:
 * - 国家卫生健康委疾控局《新冠病毒疫苗接种技术指南（第一版）》(2021-03-29), 四、接种禁忌: the five
 *   contraindication groups (screening.ts CONTRAINDICATIONS), asked here as five yes/no questions,
 *   one per group, in the guideline's order; 一、接种对象/三、接种实施: "接种前询问受种者的健康状况以及
 *   是否有接种禁忌等".
 * - Fever: ≥ 37.3 °C, the threshold of 国家卫生健康委《新型冠状病毒肺炎防控方案》 temperature
 *   checks (体温 ≥ 37.3℃ 为发热); fever is the guideline's group 4 (正在发热者), so it postpones.
 * - Blood pressure: 北京市疾控 / 北京健康教育《高血压患者新冠疫苗预防接种指引》(2021-01): on the day,
 *   systolic ≥ 160 mmHg or diastolic ≥ 100 mmHg → postpone (暂缓接种) until controlled below
 *   160/100; 140–159 / 90–99 → vaccinate, and the observation room watches closely (留观区医生需加强观察).
 *   Uncontrolled serious chronic disease is the guideline's group 4.
 * - Health code: a yellow or red code (GB/T 38962-2020《个人健康信息码 参考模型》: red = centralized
 *   isolation, yellow = home health monitoring or further screening) means the person belongs in
 *   quarantine or monitoring, not in a queue: not vaccinated today, and recorded. The Xiangtan
 *   sites checked codes at the door (shared/seed: 测体温、戴口罩、查看健康码、设置一米线).
 */
import { addDays, type CalendarDate } from './calendar.js';
import { invalidInput, type Bilingual } from './errors.js';
import {
  CONTRAINDICATIONS,
  CONTRAINDICATION_CODES,
  HEALTH_CODES,
  type ContraindicationCode,
  type HealthCode,
} from './screening.js';

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** The doctor's decision, in the words of the site's form. */
export const DECISIONS = ['recommend', 'postpone', 'not-suitable'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_LABELS: Readonly<Record<Decision, Bilingual>> = {
  recommend: { zh: '建议接种', en: 'Vaccinate' },
  postpone: { zh: '推迟接种', en: 'Postpone' },
  'not-suitable': { zh: '不宜接种', en: 'Not suitable' },
};

/** How cautious a decision is: a decision below the suggestion's rank goes against a red flag. */
export const DECISION_RANK: Readonly<Record<Decision, number>> = {
  recommend: 0,
  postpone: 1,
  'not-suitable': 2,
};

export const isDecision = (v: unknown): v is Decision =>
  typeof v === 'string' && (DECISIONS as readonly string[]).includes(v);

/** The five questions, one per guideline group, in the guideline's order. */
export interface ScreeningQuestion {
  code: ContraindicationCode;
  question: Bilingual;
}

export const SCREENING_QUESTIONS: readonly ScreeningQuestion[] = [
  {
    code: 'vaccine-allergy',
    question: {
      zh: '是否对疫苗成分过敏，或以前接种同类疫苗时出现过过敏？',
      en: 'Allergic to a component of the vaccine, or allergic after a vaccine of the same type before?',
    },
  },
  {
    code: 'severe-allergic-reaction',
    question: {
      zh: '既往是否发生过疫苗严重过敏反应（急性过敏反应、血管神经性水肿、呼吸困难等）？',
      en: 'Ever had a severe allergic reaction to a vaccine (anaphylaxis, angioedema, dyspnoea …)?',
    },
  },
  {
    code: 'neurological-disease',
    question: {
      zh: '是否患有未控制的癫痫或其他严重神经系统疾病（横贯性脊髓炎、格林巴利综合症、脱髓鞘疾病等）？',
      en: 'Uncontrolled epilepsy or another serious neurological disease (transverse myelitis, Guillain–Barré …)?',
    },
  },
  {
    code: 'acute-illness',
    question: {
      zh: '是否正在发热、患急性疾病、处于慢性病急性发作期，或有未控制的严重慢性病？',
      en: 'Fever, an acute illness, an acute attack of a chronic disease, or an uncontrolled serious chronic disease?',
    },
  },
  {
    code: 'pregnancy',
    question: { zh: '是否怀孕？', en: 'Pregnant?' },
  },
];

/** Fever: at or above this temperature (°C). */
export const FEVER_C = 37.3;
/** Postpone at or above either (mmHg). */
export const BP_POSTPONE = { systolic: 160, diastolic: 100 } as const;
/** Vaccinate, but watched closely in observation, at or above either (mmHg). */
export const BP_WATCH = { systolic: 140, diastolic: 90 } as const;

/**
 * Days a suggested postponement lasts: a suggestion for the doctor's form, not a medical rule.
 * Fever, acute illness and high blood pressure: a week, time to recover or adjust the treatment;
 * a yellow or red code: the 14 days of health monitoring; pregnancy: a quarter, when the grid
 * member asks again. The doctor may set any date after today.
 */
export const POSTPONE_DAYS = {
  fever: 7,
  'blood-pressure': 7,
  'health-code': 14,
  'acute-illness': 7,
  pregnancy: 90,
} as const;

// ---------------------------------------------------------------------------------------------
// Input and the validated screening

export interface ScreeningInput {
  /** Body temperature in °C (a forehead or ear thermometer at the door). */
  temperature: number;
  healthCode: string;
  /** mmHg; both or neither (not every resident is measured: the 60-and-over and the hypertensive are). */
  systolic?: number | null;
  diastolic?: number | null;
  /** The five questions' answers by contraindication code: true = yes. All five must be answered. */
  answers: Partial<Record<string, boolean>>;
}

export interface Screening {
  /** °C, to one decimal (what a thermometer shows). */
  temperature: number;
  healthCode: HealthCode;
  systolic: number | null;
  diastolic: number | null;
  answers: Record<ContraindicationCode, boolean>;
}

const refuse = (code: string, field: string, zh: string, en: string): never => {
  throw invalidInput({ code, field, message: { zh, en } });
};

/**
 * Checks a screening and returns it typed, or throws the first problem (invalid input) naming
 * its field. Implausible readings are refused rather than stored: a temperature of 3.7 or 373 is
 * a typo, and a decision would be suggested from it.
 */
export function validateScreening(input: ScreeningInput): Screening {
  const t = input.temperature;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 34 || t > 43) {
    refuse(
      'screening.temperature',
      'temperature',
      `体温应为 34 到 43 之间的摄氏度数：${String(t)}`,
      `temperature must be degrees Celsius between 34 and 43: ${String(t)}`,
    );
  }
  if (!(HEALTH_CODES as readonly string[]).includes(input.healthCode)) {
    refuse(
      'screening.health-code',
      'healthCode',
      `未知的健康码颜色“${String(input.healthCode)}”，应为：${HEALTH_CODES.join('、')}`,
      `unknown health code colour "${String(input.healthCode)}"; expected one of ${HEALTH_CODES.join(', ')}`,
    );
  }
  const sys = input.systolic ?? null;
  const dia = input.diastolic ?? null;
  if ((sys === null) !== (dia === null)) {
    refuse(
      'screening.blood-pressure',
      sys === null ? 'systolic' : 'diastolic',
      '血压须同时填写收缩压和舒张压',
      'blood pressure needs both the systolic and the diastolic reading',
    );
  }
  const plausible = (v: number | null, lo: number, hi: number): boolean =>
    v === null || (Number.isInteger(v) && v >= lo && v <= hi);
  if (!plausible(sys, 60, 280) || !plausible(dia, 30, 160) || (sys !== null && dia !== null && dia >= sys)) {
    refuse(
      'screening.blood-pressure',
      'systolic',
      `血压读数不合理：${String(sys)}/${String(dia)} mmHg`,
      `implausible blood pressure: ${String(sys)}/${String(dia)} mmHg`,
    );
  }
  const answers = {} as Record<ContraindicationCode, boolean>;
  for (const key of Object.keys(input.answers ?? {})) {
    if (!(CONTRAINDICATION_CODES as readonly string[]).includes(key)) {
      refuse(
        'screening.question',
        'answers',
        `未知的禁忌问题“${key}”，应为：${CONTRAINDICATION_CODES.join('、')}`,
        `unknown question "${key}"; expected ${CONTRAINDICATION_CODES.join(', ')}`,
      );
    }
  }
  for (const q of SCREENING_QUESTIONS) {
    const a = input.answers?.[q.code];
    if (typeof a !== 'boolean') {
      refuse(
        'screening.unanswered',
        `answers.${q.code}`,
        `请回答：${q.question.zh}`,
        `answer the question: ${q.question.en}`,
      );
    }
    answers[q.code] = a as boolean;
  }
  return {
    temperature: Math.round(t * 10) / 10,
    healthCode: input.healthCode as HealthCode,
    systolic: sys,
    diastolic: dia,
    answers,
  };
}

// ---------------------------------------------------------------------------------------------
// The suggestion

export type FlagCode =
  'health-code' | 'fever' | 'blood-pressure' | 'blood-pressure-watch' | ContraindicationCode;

/** One thing the screening found, and what it suggests on its own. */
export interface ScreeningFlag {
  code: FlagCode;
  suggests: Decision;
  /** The guideline group behind it, when there is one. */
  contraindication: ContraindicationCode | null;
  message: Bilingual;
}

export interface Suggestion {
  decision: Decision;
  /** Everything found, most cautious first; empty when nothing was. */
  flags: ScreeningFlag[];
  /** not-suitable: the first permanent group answered yes; postpone: the group, when one applies. */
  contraindication: ContraindicationCode | null;
  /** postpone: a date to come back (the longest of the flags' postponements). */
  untilDate: CalendarDate | null;
  /** Vaccinate but watch closely in observation (blood pressure 140–159 / 90–99). */
  watchClosely: boolean;
}

/**
 * What the answers suggest: not suitable if a permanent group was answered yes, postpone if a
 * temporary one was or a reading calls for it (a yellow or red code, fever, blood pressure
 * ≥ 160/100), else vaccinate. Pure: `today` is the screening's day.
 */
export function suggestDecision(s: Screening, today: CalendarDate): Suggestion {
  const flags: ScreeningFlag[] = [];
  const postponeDays: number[] = [];

  if (s.healthCode !== 'green') {
    flags.push({
      code: 'health-code',
      suggests: 'postpone',
      contraindication: null,
      message: {
        zh: `健康码为${s.healthCode === 'red' ? '红码' : '黄码'}：今日不予接种`,
        en: `${s.healthCode} health code: not vaccinated today`,
      },
    });
    postponeDays.push(POSTPONE_DAYS['health-code']);
  }
  if (s.temperature >= FEVER_C) {
    flags.push({
      code: 'fever',
      suggests: 'postpone',
      contraindication: 'acute-illness',
      message: {
        zh: `体温 ${s.temperature.toFixed(1)}℃（≥ ${FEVER_C}℃）：正在发热，暂缓接种`,
        en: `temperature ${s.temperature.toFixed(1)} °C (≥ ${FEVER_C}): fever, postpone`,
      },
    });
    postponeDays.push(POSTPONE_DAYS.fever);
  }
  if (s.systolic !== null && s.diastolic !== null) {
    const bp = `${s.systolic}/${s.diastolic} mmHg`;
    if (s.systolic >= BP_POSTPONE.systolic || s.diastolic >= BP_POSTPONE.diastolic) {
      flags.push({
        code: 'blood-pressure',
        suggests: 'postpone',
        contraindication: 'acute-illness',
        message: {
          zh: `血压 ${bp}（≥ 160/100）：暂缓接种，血压控制后再接种`,
          en: `blood pressure ${bp} (≥ 160/100): postpone until controlled`,
        },
      });
      postponeDays.push(POSTPONE_DAYS['blood-pressure']);
    } else if (s.systolic >= BP_WATCH.systolic || s.diastolic >= BP_WATCH.diastolic) {
      flags.push({
        code: 'blood-pressure-watch',
        suggests: 'recommend',
        contraindication: null,
        message: {
          zh: `血压 ${bp}（140–159/90–99）：可接种，留观时加强观察`,
          en: `blood pressure ${bp} (140–159 / 90–99): vaccinate, watch closely in observation`,
        },
      });
    }
  }
  for (const q of SCREENING_QUESTIONS) {
    if (!s.answers[q.code]) continue;
    const c = CONTRAINDICATIONS[q.code];
    const permanent = c.kind === 'permanent';
    flags.push({
      code: q.code,
      suggests: permanent ? 'not-suitable' : 'postpone',
      contraindication: q.code,
      message: {
        zh: `禁忌第${c.guidelineItem}项：${c.label.zh}（${permanent ? '不宜接种' : '暂缓接种'}）`,
        en: `contraindication ${c.guidelineItem}: ${c.label.en} (${permanent ? 'not suitable' : 'postpone'})`,
      },
    });
    if (!permanent)
      postponeDays.push(q.code === 'pregnancy' ? POSTPONE_DAYS.pregnancy : POSTPONE_DAYS['acute-illness']);
  }

  flags.sort((a, b) => DECISION_RANK[b.suggests] - DECISION_RANK[a.suggests]);
  const decision = flags.reduce<Decision>(
    (d, f) => (DECISION_RANK[f.suggests] > DECISION_RANK[d] ? f.suggests : d),
    'recommend',
  );
  const contraindication =
    decision === 'recommend'
      ? null
      : (flags.find((f) => f.suggests === decision && f.contraindication !== null)?.contraindication ?? null);
  return {
    decision,
    flags,
    contraindication,
    untilDate: decision === 'postpone' ? addDays(today, Math.max(...postponeDays)) : null,
    watchClosely: flags.some((f) => f.code === 'blood-pressure-watch'),
  };
}
