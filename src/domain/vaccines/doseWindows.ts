/**
 * Where a resident stands in their vaccination series, what is due next and when, and whether a
 * proposed dose may be given. Rules from 《新冠病毒疫苗接种技术指南（第一版）》 (NHC, 2021-03-29):
 *
 * - 补种原则: 未按程序完成接种者，建议尽早补种，免疫程序无需重新开始全程接种，补种相应剂次即可.
 *   So a late dose is given, never restarted: windows have a minimum and an "ideally by", never
 *   a hard upper limit.
 * - 疫苗互换: 现阶段建议用同一个疫苗产品完成接种; when that product cannot be had (supply, moving),
 *   另一家企业的同种类疫苗 may complete the series. So primary doses must share the platform of the
 *   series, not necessarily the product.
 * - Booster (October 2021 arrangement): after the primary series is complete, ≥ 6 months (180
 *   days). It was recommended homologous; any product is accepted here because the booster is
 *   not part of the primary series the guideline's 互换 rule is about.
 *
 * The engine calls these for every resident of a county (~1M), so they make one or two passes
 * over a history of a handful of doses and allocate little. They never depend on the order the
 * history is given in: a dose record is keyed by its dose number and date, and where a dose
 * number appears twice the earliest record counts.
 */
import { addDays, parseDate, type CalendarDate } from '../calendar.js';
import { invalidInput, type ErrorDetail } from '../errors.js';
import { productByCode, type Product, type ProductCode } from './catalog.js';

export interface DoseRecord {
  product: ProductCode;
  doseNumber: number;
  /** Calendar day in Asia/Shanghai. */
  date: CalendarDate;
}

export interface SeriesState {
  /** The product the series is on: the one given, else that of the lowest-numbered dose. */
  product: ProductCode | null;
  /** Distinct dose numbers recorded, primary and booster. */
  dosesGiven: number;
  primaryComplete: boolean;
  completedOn: CalendarDate | null;
  boosterGiven: boolean;
  boostedOn: CalendarDate | null;
}

export interface DueDose {
  doseNumber: number;
  kind: 'primary' | 'booster';
  /**
   * The product the dose should be: the series product (another of the same platform also
   * completes a primary series; a booster of any product is accepted). Null for a first dose.
   */
  product: ProductCode | null;
  /** First day the dose may be given; null when any day will do (a first dose). */
  earliest: CalendarDate | null;
  /** Last day of the guideline's recommended window, when it gives one. */
  ideallyBy: CalendarDate | null;
  /** A hard last day. Always null under the 2021 rules: a late dose is still given. */
  latest: CalendarDate | null;
  /** asOf is after ideallyBy. */
  overdue: boolean;
}

export interface ProposedDose {
  product: ProductCode;
  doseNumber: number;
  date: CalendarDate;
}

export type DoseCheck = { ok: true } | { ok: false; error: ErrorDetail; earliestAllowed?: CalendarDate };

export type CampaignTarget = 'first-dose' | 'full-series' | 'booster';

/** What one pass over a history finds; everything else is derived from it. */
interface Summary {
  series: Product | undefined;
  /** Highest dose number recorded; 0 for none. */
  highest: number;
  firstOn: CalendarDate | undefined;
  latestOn: CalendarDate | undefined;
  /** Earliest record numbered ≥ primaryDoses, i.e. the day the primary series was complete. */
  completedOn: CalendarDate | undefined;
  boostedOn: CalendarDate | undefined;
  dosesGiven: number;
}

function productOf(code: string): Product {
  const p = productByCode(code);
  if (!p) {
    throw invalidInput({
      code: 'vaccine.unknown-product',
      message: { zh: `未知的疫苗产品：${code}`, en: `Unknown vaccine product: ${code}` },
      field: 'product',
    });
  }
  return p;
}

function counts(d: DoseRecord, asOf: CalendarDate | undefined): boolean {
  return Number.isInteger(d.doseNumber) && d.doseNumber >= 1 && (asOf === undefined || d.date <= asOf);
}

/** The earliest date a dose number was recorded on. */
function dateOfDose(
  history: readonly DoseRecord[],
  doseNumber: number,
  asOf: CalendarDate | undefined,
): CalendarDate | undefined {
  let on: CalendarDate | undefined;
  for (const d of history) {
    if (d.doseNumber === doseNumber && counts(d, asOf) && (on === undefined || d.date < on)) on = d.date;
  }
  return on;
}

// CalendarDate strings are zero-padded YYYY-MM-DD, so string order is date order: no parsing.
function summarize(
  history: readonly DoseRecord[],
  asOf: CalendarDate | undefined,
  product: ProductCode | undefined,
): Summary {
  let seriesRecord: DoseRecord | undefined;
  let highest = 0;
  let firstOn: CalendarDate | undefined;
  let latestOn: CalendarDate | undefined;
  const seen: number[] = [];
  for (const d of history) {
    if (!counts(d, asOf)) continue;
    if (
      seriesRecord === undefined ||
      d.doseNumber < seriesRecord.doseNumber ||
      (d.doseNumber === seriesRecord.doseNumber && d.date < seriesRecord.date)
    ) {
      seriesRecord = d;
    }
    if (d.doseNumber > highest) highest = d.doseNumber;
    if (firstOn === undefined || d.date < firstOn) firstOn = d.date;
    if (latestOn === undefined || d.date > latestOn) latestOn = d.date;
    if (!seen.includes(d.doseNumber)) seen.push(d.doseNumber);
  }
  const series =
    product !== undefined ? productOf(product) : seriesRecord ? productOf(seriesRecord.product) : undefined;

  let completedOn: CalendarDate | undefined;
  let boostedOn: CalendarDate | undefined;
  if (series) {
    const n = series.primaryDoses;
    for (const d of history) {
      if (!counts(d, asOf)) continue;
      // A recorded dose k stands for doses 1..k having been given, even when an earlier one was
      // never entered (a first dose given in another county): the numbering is the record.
      if (d.doseNumber >= n && (completedOn === undefined || d.date < completedOn)) completedOn = d.date;
      if (d.doseNumber > n && (boostedOn === undefined || d.date < boostedOn)) boostedOn = d.date;
    }
  }
  return {
    series,
    highest,
    firstOn,
    latestOn,
    completedOn,
    boostedOn,
    dosesGiven: seen.length,
  };
}

export function seriesState(history: readonly DoseRecord[], product?: ProductCode): SeriesState {
  const s = summarize(history, undefined, product);
  return {
    product: s.series?.code ?? null,
    dosesGiven: s.dosesGiven,
    primaryComplete: s.completedOn !== undefined,
    completedOn: s.completedOn ?? null,
    boosterGiven: s.boostedOn !== undefined,
    boostedOn: s.boostedOn ?? null,
  };
}

function later(a: CalendarDate, b: CalendarDate | undefined): CalendarDate {
  return b !== undefined && b > a ? b : a;
}

interface Window {
  kind: 'primary' | 'booster';
  /** Undefined for dose 1. */
  earliest: CalendarDate | undefined;
  ideallyBy: CalendarDate | undefined;
  /** The rule `earliest` comes from, for messages. */
  basis: { zh: string; en: string } | undefined;
}

/**
 * The window of dose `doseNumber` = s.highest + 1 (the only dose that may come next), which
 * always opens no earlier than the latest dose already recorded.
 */
function windowOf(history: readonly DoseRecord[], s: Summary, series: Product, doseNumber: number): Window {
  if (doseNumber === 1)
    return { kind: 'primary', earliest: undefined, ideallyBy: undefined, basis: undefined };
  if (doseNumber > series.primaryDoses) {
    const gap = series.booster.minDaysAfterPrimary;
    // s.highest = primaryDoses here, so completedOn is the date of the last primary dose.
    const completedOn = s.completedOn ?? s.latestOn;
    return {
      kind: 'booster',
      earliest: completedOn === undefined ? undefined : later(addDays(completedOn, gap), s.latestOn),
      ideallyBy: undefined,
      basis: {
        zh: `完成全程接种满${gap}天`,
        en: `${gap} days after the primary series was completed`,
      },
    };
  }
  const w = series.windows[doseNumber - 2];
  const previousOn = dateOfDose(history, doseNumber - 1, undefined);
  const firstOn = dateOfDose(history, 1, undefined);
  const min = w?.minDaysAfterPrevious ?? 0;
  const ideal = w?.ideallyWithinDaysOfFirst ?? null;
  return {
    kind: 'primary',
    earliest: previousOn === undefined ? s.latestOn : later(addDays(previousOn, min), s.latestOn),
    ideallyBy: ideal === null || firstOn === undefined ? undefined : addDays(firstOn, ideal),
    basis: { zh: `与前一剂间隔至少${min}天`, en: `at least ${min} days after the previous dose` },
  };
}

/**
 * The dose due next, or null when nothing more is due (primary series complete and boosted).
 * With `asOf`, `overdue` says whether the recommended window has passed.
 */
export function nextDose(history: readonly DoseRecord[], asOf?: CalendarDate): DueDose | null {
  const s = summarize(history, undefined, undefined);
  const series = s.series;
  if (!series) {
    return {
      doseNumber: 1,
      kind: 'primary',
      product: null,
      earliest: null,
      ideallyBy: null,
      latest: null,
      overdue: false,
    };
  }
  const doseNumber = s.highest + 1;
  if (doseNumber > series.primaryDoses + 1) return null;
  const w = windowOf(history, s, series, doseNumber);
  const ideallyBy = w.ideallyBy ?? null;
  return {
    doseNumber,
    kind: w.kind,
    product: series.code,
    earliest: w.earliest ?? null,
    ideallyBy,
    latest: null,
    overdue: asOf !== undefined && ideallyBy !== null && asOf > ideallyBy,
  };
}

function refuse(
  code: string,
  field: string,
  zh: string,
  en: string,
  earliestAllowed?: CalendarDate,
): DoseCheck {
  const error: ErrorDetail = { code, message: { zh, en }, field };
  return earliestAllowed === undefined ? { ok: false, error } : { ok: false, error, earliestAllowed };
}

/**
 * Whether `proposed` may be given after `history`. Doses are given in order: the only dose that
 * may come next is the one after the highest recorded.
 */
export function checkProposedDose(history: readonly DoseRecord[], proposed: ProposedDose): DoseCheck {
  const { doseNumber: k, date } = proposed;
  const given = productByCode(proposed.product);
  if (!given) {
    return refuse(
      'vaccine.unknown-product',
      'product',
      `未知的疫苗产品：${proposed.product}`,
      `Unknown vaccine product: ${proposed.product}`,
    );
  }
  if (parseDate(date) === undefined) {
    return refuse(
      'dose.invalid-date',
      'date',
      `接种日期无效：${date}`,
      `Not a valid vaccination date: ${date}`,
    );
  }
  if (!Number.isInteger(k) || k < 1) {
    return refuse('dose.wrong-number', 'doseNumber', `剂次无效：${k}`, `Not a valid dose number: ${k}`);
  }

  const s = summarize(history, undefined, undefined);
  const series = s.series ?? given;
  const n = series.primaryDoses;
  const next = s.highest + 1;

  if (dateOfDose(history, k, undefined) !== undefined) {
    return refuse('dose.duplicate', 'doseNumber', `第${k}剂已接种`, `Dose ${k} has already been given`);
  }
  if (k > n + 1 && s.boostedOn !== undefined) {
    return refuse(
      'dose.series-complete',
      'doseNumber',
      `已完成全程接种和加强免疫，无需接种第${k}剂`,
      `The primary series and the booster are complete; there is no dose ${k}`,
    );
  }
  if (k !== next) {
    const zh =
      k > n + 1
        ? `${series.shortName.zh}全程${n}剂、加强1剂，没有第${k}剂；下一剂应为第${next}剂`
        : `下一剂应为第${next}剂，不能接种第${k}剂`;
    const en =
      k > n + 1
        ? `${series.shortName.en} has ${n} primary dose(s) and one booster, no dose ${k}; the next is dose ${next}`
        : `The next dose is dose ${next}, not dose ${k}`;
    return refuse('dose.wrong-number', 'doseNumber', zh, en);
  }
  if (k >= 2 && k <= n && given.platform !== series.platform) {
    return refuse(
      'dose.product-mismatch',
      'product',
      `全程接种应使用同一种类疫苗：前剂为${series.shortName.zh}，不能以${given.shortName.zh}接种第${k}剂`,
      `A primary series stays on one vaccine type: earlier doses were ${series.shortName.en}, ` +
        `dose ${k} cannot be ${given.shortName.en}`,
    );
  }
  if (s.latestOn !== undefined && date < s.latestOn) {
    return refuse(
      'dose.before-previous',
      'date',
      `接种日期${date}早于已接种剂次的日期${s.latestOn}`,
      `Date ${date} is before an earlier dose given on ${s.latestOn}`,
    );
  }
  const w = windowOf(history, s, series, k);
  if (w.earliest !== undefined && date < w.earliest) {
    const basis = w.basis ?? { zh: '', en: '' };
    return refuse(
      'dose.too-early',
      'date',
      `第${k}剂最早可于${w.earliest}接种（${basis.zh}）`,
      `Dose ${k} can be given from ${w.earliest} at the earliest (${basis.en})`,
      w.earliest,
    );
  }
  return { ok: true };
}

/**
 * The day a campaign target was first met: the first dose of any number for 'first-dose', the
 * series' last primary dose (or anything beyond it) for 'full-series', a dose beyond the primary
 * series for 'booster'. Null when not met.
 */
export function doneOn(history: readonly DoseRecord[], target: CampaignTarget): CalendarDate | null {
  return targetDate(summarize(history, undefined, undefined), target) ?? null;
}

/** Whether the target is met by the doses given on or before asOf. */
export function isDone(history: readonly DoseRecord[], target: CampaignTarget, asOf: CalendarDate): boolean {
  return targetDate(summarize(history, asOf, undefined), target) !== undefined;
}

function targetDate(s: Summary, target: CampaignTarget): CalendarDate | undefined {
  switch (target) {
    case 'first-dose':
      return s.firstOn;
    case 'full-series':
      return s.completedOn;
    case 'booster':
      return s.boostedOn;
  }
}
