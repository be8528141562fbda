/**
 * Screening visits (摸排记录): one contact with one resident — at the door, by phone, on WeChat or
 * at the site — and what it found. DESIGN.md, "The domain, in words": visits are facts that
 * happened; they are appended, never edited, and a resident's status in a campaign is derived
 * from them (campaignStatus.ts), never typed in.
 *
 * "Vaccinated here" is not a visit outcome: a dose given here is a dose record, and only dose
 * records make a resident done. A verified claim of vaccination elsewhere becomes a dose record
 * (source `verified-elsewhere`) in the app layer; the visit only records what the grid member
 * was told and whether they saw proof.
 *
 * Contraindications follow 国家卫生健康委疾控局《新冠病毒疫苗接种技术指南（第一版）》(2021-03-29),
 * 四、接种禁忌: the guideline's five groups, split by whether they pass (see CONTRAINDICATIONS).
 */
import { shanghaiDate, addDays, parseDate, type CalendarDate } from './calendar.js';
import type { Bilingual, ErrorDetail } from './errors.js';
import { isProductCode, type ProductCode } from './vaccines/catalog.js';

// ---------------------------------------------------------------------------------------------
// Vocabularies. The codes are fixed: the CLI, the API, the store and offline phones use them.

export const VISIT_OUTCOMES = [
  'vaccinated-elsewhere',
  'booked',
  'contraindicated-temporary',
  'contraindicated-permanent',
  'away',
  'refused',
  'not-found',
  'moved-out',
  'deceased',
] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export const OUTCOME_LABELS: Readonly<Record<VisitOutcome, Bilingual>> = {
  'vaccinated-elsewhere': { zh: '已在外地接种', en: 'Vaccinated elsewhere' },
  booked: { zh: '已预约', en: 'Booked' },
  'contraindicated-temporary': { zh: '暂缓接种（临时禁忌）', en: 'Temporary contraindication' },
  'contraindicated-permanent': { zh: '禁忌症（不宜接种）', en: 'Permanent contraindication' },
  away: { zh: '外出', en: 'Away' },
  refused: { zh: '拒绝或犹豫', en: 'Refused or hesitant' },
  'not-found': { zh: '未找到本人', en: 'Not found' },
  'moved-out': { zh: '已迁出', en: 'Moved out' },
  deceased: { zh: '已死亡', en: 'Deceased' },
};

export const CHANNELS = ['door', 'phone', 'wechat', 'site'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Readonly<Record<Channel, Bilingual>> = {
  door: { zh: '入户', en: 'Door to door' },
  phone: { zh: '电话', en: 'Phone' },
  wechat: { zh: '微信', en: 'WeChat' },
  site: { zh: '接种点', en: 'At the site' },
};

export const HEALTH_CODES = ['green', 'yellow', 'red'] as const;
export type HealthCode = (typeof HEALTH_CODES)[number];

export const HEALTH_CODE_LABELS: Readonly<Record<HealthCode, Bilingual>> = {
  green: { zh: '绿码', en: 'Green code' },
  yellow: { zh: '黄码', en: 'Yellow code' },
  red: { zh: '红码', en: 'Red code' },
};

/**
 * The guideline's five contraindication groups (技术指南第一版, 四、接种禁忌):
 *
 * 1. 对疫苗的活性成分、任何一种非活性成分、生产工艺中使用的物质过敏者，或以前接种同类疫苗时出现过敏者
 * 2. 既往发生过疫苗严重过敏反应者（如急性过敏反应、血管神经性水肿、呼吸困难等）
 * 3. 患有未控制的癫痫和其他严重神经系统疾病者（如横贯性脊髓炎、格林巴利综合症、脱髓鞘疾病等）
 * 4. 正在发热者，或患急性疾病，或慢性疾病的急性发作期，或未控制的严重慢性病患者
 * 5. 妊娠期妇女
 *
 * The guideline does not sort them; in the field the first three do not pass (a lasting
 * exemption: `contraindicated-permanent`) while fever, acute illness and pregnancy end (a
 * deferral until a date: `contraindicated-temporary`). `kind` records that sorting. A permanent
 * outcome must name a permanent-kind group, because exempting someone for good for a fever or
 * a pregnancy would drop them from the campaign after the reason has gone. A temporary outcome
 * may name any group: a doctor may defer someone with, say, epilepsy to a date when it is
 * expected to be under control, and the deferral brings them back then.
 */
export const CONTRAINDICATION_CODES = [
  'vaccine-allergy',
  'severe-allergic-reaction',
  'neurological-disease',
  'acute-illness',
  'pregnancy',
] as const;
export type ContraindicationCode = (typeof CONTRAINDICATION_CODES)[number];

export interface Contraindication {
  code: ContraindicationCode;
  /** Its number in the guideline's list. */
  guidelineItem: 1 | 2 | 3 | 4 | 5;
  kind: 'permanent' | 'temporary';
  label: Bilingual;
}

export const CONTRAINDICATIONS: Readonly<Record<ContraindicationCode, Contraindication>> = {
  'vaccine-allergy': {
    code: 'vaccine-allergy',
    guidelineItem: 1,
    kind: 'permanent',
    label: {
      zh: '对疫苗所含成分过敏，或以前接种同类疫苗时出现过敏',
      en: 'Allergy to a component of the vaccine, or an allergic reaction to a vaccine of the same type',
    },
  },
  'severe-allergic-reaction': {
    code: 'severe-allergic-reaction',
    guidelineItem: 2,
    kind: 'permanent',
    label: {
      zh: '既往发生过疫苗严重过敏反应（如急性过敏反应、血管神经性水肿、呼吸困难等）',
      en: 'A severe allergic reaction to a vaccine in the past (anaphylaxis, angioedema, dyspnoea …)',
    },
  },
  'neurological-disease': {
    code: 'neurological-disease',
    guidelineItem: 3,
    kind: 'permanent',
    label: {
      zh: '患有未控制的癫痫和其他严重神经系统疾病（如横贯性脊髓炎、格林巴利综合症、脱髓鞘疾病等）',
      en: 'Uncontrolled epilepsy or another serious neurological disease (transverse myelitis, Guillain–Barré, demyelinating disease …)',
    },
  },
  'acute-illness': {
    code: 'acute-illness',
    guidelineItem: 4,
    kind: 'temporary',
    label: {
      zh: '正在发热，或患急性疾病，或慢性疾病的急性发作期，或未控制的严重慢性病',
      en: 'Fever, an acute illness, an acute attack of a chronic disease, or an uncontrolled serious chronic disease',
    },
  },
  pregnancy: {
    code: 'pregnancy',
    guidelineItem: 5,
    kind: 'temporary',
    label: { zh: '妊娠期妇女', en: 'Pregnancy' },
  },
};

// ---------------------------------------------------------------------------------------------
// Input and the validated visit.

/**
 * A visit as a phone, the API or the CLI sends it. Loosely typed on purpose: it is checked here,
 * field by field, and every problem is reported. Absent, `undefined` and `null` all mean "not
 * given".
 */
export interface VisitInput {
  outcome: string;
  /** When the contact happened: an ISO-8601 instant with a zone (`Z` or `+08:00`). */
  at: string;
  channel: string;
  healthCode?: string | null;
  /** When to come back (YYYY-MM-DD); defaulted by outcome when not given (defaultFollowUp). */
  followUpDate?: string | null;
  /** away: expected back on; contraindicated-temporary: the first day they may be vaccinated. */
  untilDate?: string | null;
  /** booked: the day booked. */
  bookedDate?: string | null;
  /** booked: the site booked at. */
  site?: string | null;
  /** Where: away (where to), vaccinated-elsewhere (where given), moved-out (where to). */
  placeText?: string | null;
  /** Why (refused, a temporary contraindication), or a note on any outcome. */
  reason?: string | null;
  /** vaccinated-elsewhere: whether the grid member saw proof (certificate, 健康码 record). */
  verified?: boolean | null;
  /** vaccinated-elsewhere: the product, when known (a catalog code). */
  product?: string | null;
  /** contraindicated-*: the guideline group. */
  contraindication?: string | null;
}

/**
 * A visit that passed validateVisit: typed, trimmed, `at` in canonical UTC form (what
 * `Date.prototype.toISOString` writes, so that instants compare as strings), its Asia/Shanghai
 * `day`, and a follow-up date filled in from defaultFollowUp when none was given. Fields that do
 * not apply to the outcome are absent.
 */
export interface Visit {
  outcome: VisitOutcome;
  at: string;
  day: CalendarDate;
  channel: Channel;
  healthCode?: HealthCode;
  followUpDate?: CalendarDate;
  untilDate?: CalendarDate;
  bookedDate?: CalendarDate;
  site?: string;
  placeText?: string;
  reason?: string;
  verified?: boolean;
  product?: ProductCode;
  contraindication?: ContraindicationCode;
}

export type VisitValidation = { ok: true; visit: Visit } | { ok: false; errors: ErrorDetail[] };

/**
 * Which optional fields each outcome takes. Free text (placeText, reason) fits any outcome as a
 * note; a structured field on an outcome it does not belong to (a booked date on a refusal) is a
 * contradiction and refused, because the store would keep it for good.
 */
const STRUCTURED_FIELDS = [
  'untilDate',
  'bookedDate',
  'site',
  'verified',
  'product',
  'contraindication',
] as const;
type StructuredField = (typeof STRUCTURED_FIELDS)[number];

const FIELDS_OF: Readonly<Record<VisitOutcome, readonly StructuredField[]>> = {
  'vaccinated-elsewhere': ['verified', 'product'],
  booked: ['bookedDate', 'site'],
  'contraindicated-temporary': ['untilDate', 'contraindication'],
  'contraindicated-permanent': ['contraindication'],
  away: ['untilDate'],
  refused: [],
  'not-found': [],
  'moved-out': [],
  deceased: [],
};

const FIELD_NAMES: Readonly<Record<string, Bilingual>> = {
  outcome: { zh: '摸排结果', en: 'outcome' },
  at: { zh: '摸排时间', en: 'visit time' },
  channel: { zh: '摸排方式', en: 'channel' },
  healthCode: { zh: '健康码', en: 'health code' },
  followUpDate: { zh: '回访日期', en: 'follow-up date' },
  untilDate: { zh: '截止日期', en: 'until date' },
  bookedDate: { zh: '预约日期', en: 'booked date' },
  site: { zh: '接种点', en: 'site' },
  placeText: { zh: '地点', en: 'place' },
  reason: { zh: '原因', en: 'reason' },
  verified: { zh: '是否核实', en: 'verified' },
  product: { zh: '疫苗产品', en: 'product' },
  contraindication: { zh: '禁忌症', en: 'contraindication' },
};

function nameOf(field: string): Bilingual {
  return FIELD_NAMES[field] ?? { zh: field, en: field };
}

const isGiven = (v: unknown): boolean => v !== undefined && v !== null;
/** Given and, if text, not blank: a form's empty box is not a value. */
const isFilled = (v: unknown): boolean => isGiven(v) && !(typeof v === 'string' && v.trim() === '');

function oneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}

/**
 * The UTC milliseconds of an ISO-8601 instant that carries a zone, or undefined. Read by hand
 * rather than with Date.parse because Date.parse accepts things that are not instants (a bare
 * date is read as UTC midnight, a zone-less time as local time, 2021-02-30 rolls into March),
 * and a phone's clock string must say exactly one moment.
 */
const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

export function parseInstant(s: string): number | undefined {
  const m = INSTANT_RE.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, hh, mi, ss, frac, zone, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (parseDate(`${y}-${mo}-${d}`) === undefined) return undefined;
  const hours = Number(hh);
  const minutes = Number(mi);
  const seconds = ss === undefined ? 0 : Number(ss);
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let offsetMin = 0;
  if (zone !== 'Z') {
    const h = Number(oh);
    const mins = Number(om);
    if (h > 14 || mins > 59) return undefined;
    offsetMin = (sign === '-' ? -1 : 1) * (h * 60 + mins);
  }
  const utc = Date.UTC(year, month - 1, day, hours, minutes, seconds, ms) - offsetMin * 60_000;
  return Number.isFinite(utc) ? utc : undefined;
}

/**
 * The follow-up date an outcome implies when the grid member gives none: when an open resident
 * should be contacted again (DESIGN.md: the close-out ledger works from these). Undefined for
 * outcomes that close the matter (permanent contraindication, moved out, deceased) and for a
 * verified claim of vaccination elsewhere (the app turns it into a dose record).
 *
 * - refused: 3 days — time for the family, the village doctor or a party member to talk it over
 *   before the next visit, short enough to stay inside an August push;
 * - not-found: 2 days — try again soon, at another time of day;
 * - away: the day they are expected back; contraindicated-temporary: the first day the deferral
 *   allows (its until date);
 * - booked: the day after the booked date — if no dose was recorded on the day, find out why;
 * - vaccinated-elsewhere, unverified: 3 days to see proof.
 */
export function defaultFollowUp(
  outcome: VisitOutcome,
  visitDay: CalendarDate,
  details: { untilDate?: CalendarDate; bookedDate?: CalendarDate; verified?: boolean } = {},
): CalendarDate | undefined {
  switch (outcome) {
    case 'refused':
      return addDays(visitDay, 3);
    case 'not-found':
      return addDays(visitDay, 2);
    case 'away':
    case 'contraindicated-temporary':
      return details.untilDate;
    case 'booked':
      return details.bookedDate === undefined ? undefined : addDays(details.bookedDate, 1);
    case 'vaccinated-elsewhere':
      return details.verified === true ? undefined : addDays(visitDay, 3);
    case 'contraindicated-permanent':
    case 'moved-out':
    case 'deceased':
      return undefined;
  }
}

/**
 * Checks a visit and returns it typed, or every problem found (not just the first), each
 * naming its field in both languages. `now` is the caller's "now" (DESIGN.md, Time: domain code
 * never reads the clock); a visit after it is impossible and refused.
 *
 * Per outcome (beyond outcome, at and channel, always required):
 * - away: placeText and untilDate (not before the visit day);
 * - contraindicated-temporary: untilDate (after the visit day) and a reason or contraindication;
 * - contraindicated-permanent: a permanent-kind contraindication;
 * - booked: bookedDate (not before the visit day) and site;
 * - refused: a reason;
 * - vaccinated-elsewhere: placeText or product, and `verified` (true or false: the ledger must
 *   say which);
 * - not-found, moved-out, deceased: nothing more.
 */
export function validateVisit(input: VisitInput, now: Date): VisitValidation {
  const errors: ErrorDetail[] = [];
  const raw = input as unknown as Record<string, unknown>;

  const required = (field: string): void => {
    const n = nameOf(field);
    errors.push({
      code: 'visit.required',
      message: { zh: `请填写${n.zh}`, en: `${n.en} is required` },
      field,
    });
  };
  const wrongType = (field: string, want: Bilingual): void => {
    const n = nameOf(field);
    errors.push({
      code: 'visit.type',
      message: { zh: `${n.zh}应为${want.zh}`, en: `${n.en} must be ${want.en}` },
      field,
    });
  };

  /** A trimmed non-empty string, undefined when not given; records an error for a non-string. */
  const text = (field: string): string | undefined => {
    const v = raw[field];
    if (!isGiven(v)) return undefined;
    if (typeof v !== 'string') {
      wrongType(field, { zh: '文字', en: 'text' });
      return undefined;
    }
    const t = v.trim();
    return t === '' ? undefined : t;
  };

  /** A real YYYY-MM-DD date, undefined when not given or not one (and then an error). */
  const date = (field: string): CalendarDate | undefined => {
    const v = text(field);
    if (v === undefined) return undefined;
    if (parseDate(v) === undefined) {
      const n = nameOf(field);
      errors.push({
        code: 'visit.date',
        message: {
          zh: `${n.zh}“${v}”不是有效日期（格式 YYYY-MM-DD）`,
          en: `${n.en} "${v}" is not a real date (YYYY-MM-DD)`,
        },
        field,
      });
      return undefined;
    }
    return v;
  };

  // outcome
  const outcomeText = text('outcome');
  let outcome: VisitOutcome | undefined;
  if (outcomeText === undefined) {
    if (!errors.some((e) => e.field === 'outcome')) required('outcome');
  } else if (oneOf(VISIT_OUTCOMES, outcomeText)) {
    outcome = outcomeText;
  } else {
    errors.push({
      code: 'visit.outcome',
      message: {
        zh: `未知的摸排结果“${outcomeText}”，应为：${VISIT_OUTCOMES.join('、')}`,
        en: `Unknown outcome "${outcomeText}"; expected one of ${VISIT_OUTCOMES.join(', ')}`,
      },
      field: 'outcome',
    });
  }

  // at
  const atText = text('at');
  let at: string | undefined;
  let day: CalendarDate | undefined;
  if (atText === undefined) {
    if (!errors.some((e) => e.field === 'at')) required('at');
  } else {
    const ms = parseInstant(atText);
    if (ms === undefined) {
      errors.push({
        code: 'visit.instant',
        message: {
          zh: `摸排时间“${atText}”不是带时区的 ISO-8601 时间（如 2021-08-09T10:30:00+08:00）`,
          en: `Visit time "${atText}" is not an ISO-8601 instant with a zone (e.g. 2021-08-09T10:30:00+08:00)`,
        },
        field: 'at',
      });
    } else if (ms > now.getTime()) {
      errors.push({
        code: 'visit.in-future',
        message: {
          zh: `摸排时间${atText}晚于当前时间${now.toISOString()}，不能登记未发生的走访`,
          en: `Visit time ${atText} is after now (${now.toISOString()}): a visit cannot be recorded before it happens`,
        },
        field: 'at',
      });
    } else {
      at = new Date(ms).toISOString();
      day = shanghaiDate(at);
    }
  }

  // channel, health code
  const channelText = text('channel');
  let channel: Channel | undefined;
  if (channelText === undefined) {
    if (!errors.some((e) => e.field === 'channel')) required('channel');
  } else if (oneOf(CHANNELS, channelText)) {
    channel = channelText;
  } else {
    errors.push({
      code: 'visit.channel',
      message: {
        zh: `未知的摸排方式“${channelText}”，应为：${CHANNELS.join('、')}`,
        en: `Unknown channel "${channelText}"; expected one of ${CHANNELS.join(', ')}`,
      },
      field: 'channel',
    });
  }
  const healthText = text('healthCode');
  let healthCode: HealthCode | undefined;
  if (healthText !== undefined) {
    if (oneOf(HEALTH_CODES, healthText)) healthCode = healthText;
    else {
      errors.push({
        code: 'visit.health-code',
        message: {
          zh: `未知的健康码颜色“${healthText}”，应为：${HEALTH_CODES.join('、')}`,
          en: `Unknown health code colour "${healthText}"; expected one of ${HEALTH_CODES.join(', ')}`,
        },
        field: 'healthCode',
      });
    }
  }

  const followUpDate = date('followUpDate');
  const untilDate = date('untilDate');
  const bookedDate = date('bookedDate');
  const site = text('site');
  const placeText = text('placeText');
  const reason = text('reason');

  let verified: boolean | undefined;
  if (isGiven(raw.verified)) {
    if (typeof raw.verified === 'boolean') verified = raw.verified;
    else wrongType('verified', { zh: '是或否', en: 'true or false' });
  }

  const productText = text('product');
  let product: ProductCode | undefined;
  if (productText !== undefined) {
    if (isProductCode(productText)) product = productText;
    else {
      errors.push({
        code: 'visit.product',
        message: {
          zh: `未知的疫苗产品代码“${productText}”`,
          en: `Unknown vaccine product code "${productText}"`,
        },
        field: 'product',
      });
    }
  }

  const ciText = text('contraindication');
  let contraindication: ContraindicationCode | undefined;
  if (ciText !== undefined) {
    if (oneOf(CONTRAINDICATION_CODES, ciText)) contraindication = ciText;
    else {
      errors.push({
        code: 'visit.contraindication',
        message: {
          zh: `未知的禁忌症代码“${ciText}”，应为：${CONTRAINDICATION_CODES.join('、')}`,
          en: `Unknown contraindication "${ciText}"; expected one of ${CONTRAINDICATION_CODES.join(', ')}`,
        },
        field: 'contraindication',
      });
    }
  }

  /** Records that a date is before the visit day (or, strictly, on or before it). */
  const notBeforeVisit = (field: string, value: CalendarDate | undefined, strictlyAfter: boolean): void => {
    if (value === undefined || day === undefined) return;
    if (strictlyAfter ? value > day : value >= day) return;
    const n = nameOf(field);
    errors.push({
      code: 'visit.date-order',
      message: strictlyAfter
        ? {
            zh: `${n.zh}${value}应晚于摸排当天${day}`,
            en: `${n.en} ${value} must be after the visit day ${day}`,
          }
        : {
            zh: `${n.zh}${value}不能早于摸排当天${day}`,
            en: `${n.en} ${value} cannot be before the visit day ${day}`,
          },
      field,
    });
  };
  notBeforeVisit('followUpDate', followUpDate, false);

  if (outcome !== undefined) {
    const allowed = FIELDS_OF[outcome];
    for (const field of STRUCTURED_FIELDS) {
      if (!allowed.includes(field) && isFilled(raw[field])) {
        const n = nameOf(field);
        const o = OUTCOME_LABELS[outcome];
        errors.push({
          code: 'visit.not-applicable',
          message: {
            zh: `摸排结果为“${o.zh}”时不应填写${n.zh}`,
            en: `${n.en} does not apply to the outcome "${o.en}"`,
          },
          field,
        });
      }
    }

    const need = (field: string, present: boolean): void => {
      // A field already refused as malformed is not also reported missing.
      if (!present && !errors.some((e) => e.field === field)) required(field);
    };

    switch (outcome) {
      case 'away':
        need('placeText', placeText !== undefined);
        need('untilDate', untilDate !== undefined);
        notBeforeVisit('untilDate', untilDate, false);
        break;
      case 'contraindicated-temporary':
        need('untilDate', untilDate !== undefined);
        notBeforeVisit('untilDate', untilDate, true);
        if (
          reason === undefined &&
          contraindication === undefined &&
          !errors.some((e) => e.field === 'contraindication')
        ) {
          errors.push({
            code: 'visit.required',
            message: {
              zh: '暂缓接种须填写原因或禁忌症',
              en: 'A temporary contraindication needs a reason or a contraindication code',
            },
            field: 'reason',
          });
        }
        break;
      case 'contraindicated-permanent':
        need('contraindication', contraindication !== undefined);
        if (contraindication !== undefined && CONTRAINDICATIONS[contraindication].kind !== 'permanent') {
          const c = CONTRAINDICATIONS[contraindication];
          errors.push({
            code: 'visit.contraindication-kind',
            message: {
              zh: `“${c.label.zh}”是暂时性禁忌，应登记为暂缓接种并填写截止日期`,
              en: `"${c.label.en}" passes: record a temporary contraindication with an until date`,
            },
            field: 'contraindication',
          });
        }
        break;
      case 'booked':
        need('bookedDate', bookedDate !== undefined);
        notBeforeVisit('bookedDate', bookedDate, false);
        need('site', site !== undefined);
        break;
      case 'refused':
        need('reason', reason !== undefined);
        break;
      case 'vaccinated-elsewhere':
        if (
          placeText === undefined &&
          product === undefined &&
          !errors.some((e) => e.field === 'placeText' || e.field === 'product')
        ) {
          errors.push({
            code: 'visit.required',
            message: {
              zh: '外地接种须填写接种地点或疫苗产品',
              en: 'Vaccinated elsewhere needs the place or the product',
            },
            field: 'placeText',
          });
        }
        need('verified', verified !== undefined);
        break;
      case 'not-found':
      case 'moved-out':
      case 'deceased':
        break;
    }
  }

  if (
    errors.length > 0 ||
    outcome === undefined ||
    at === undefined ||
    day === undefined ||
    channel === undefined
  ) {
    return { ok: false, errors };
  }

  const visit: Visit = { outcome, at, day, channel };
  if (healthCode !== undefined) visit.healthCode = healthCode;
  if (untilDate !== undefined) visit.untilDate = untilDate;
  if (bookedDate !== undefined) visit.bookedDate = bookedDate;
  if (site !== undefined) visit.site = site;
  if (placeText !== undefined) visit.placeText = placeText;
  if (reason !== undefined) visit.reason = reason;
  if (verified !== undefined) visit.verified = verified;
  if (product !== undefined) visit.product = product;
  if (contraindication !== undefined) visit.contraindication = contraindication;
  const followUp =
    followUpDate ??
    defaultFollowUp(outcome, day, {
      ...(untilDate === undefined ? {} : { untilDate }),
      ...(bookedDate === undefined ? {} : { bookedDate }),
      ...(verified === undefined ? {} : { verified }),
    });
  if (followUp !== undefined) visit.followUpDate = followUp;
  return { ok: true, visit };
}
