/**
 * A site's vaccine stock by product and lot (批号): what arrived (received), what was given and
 * what was wasted, in vials and in doses, and the day's reconciliation
 *
 *   opening + received − given − wasted = left,  and the left of one day opens the next.
 *
 * Stock never goes below zero: giving or wasting more than is left of a lot is refused
 * (`stock.insufficient`), on the day of the movement and on every later day it would empty.
 * The doses given are compared with the site's dose records of that lot and day; a difference
 * is shown as it is, never absorbed.
 */
import { parseDate, type CalendarDate } from './calendar.js';
import { businessRule, invalidInput, type Bilingual } from './errors.js';
import { PRODUCT_CODES, type ProductCode } from './vaccines/catalog.js';

/**
 * Doses in one vial (每瓶剂量) of each product as supplied in China in 2021. Every product of the
 * drive came in single-dose vials (or prefilled syringes) of 0.5 ml, one adult dose: the package
 * inserts' 【规格】 read 每瓶（支）0.5ml，每1次人用剂量为0.5ml (北京生物, 武汉生物, 科兴 克尔来福,
 * 康希诺 克威莎, 智飞 智克威得), and the 2021 technical guideline gives 0.5 ml as the dose of each
 * (《新冠病毒疫苗接种技术指南（第一版）》, 2021-03-29). It is a table, not a constant, because it is
 * not a law of nature: CoronaVac was also made in 1 ml two-dose vials for export (WHO EUL product
 * page, presentation "1 mL vial … 2 doses of 0.5 mL"), and a multi-dose vial makes vials and
 * doses part ways.
 */
export const DOSES_PER_VIAL: Readonly<Record<ProductCode, number>> = {
  'sinopharm-bibp': 1,
  'sinopharm-wibp': 1,
  sinovac: 1,
  cansino: 1,
  zf2001: 1,
};

export const MOVEMENT_KINDS = ['received', 'given', 'wasted'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const MOVEMENT_LABELS: Readonly<Record<MovementKind, Bilingual>> = {
  received: { zh: '入库', en: 'received' },
  given: { zh: '接种', en: 'given' },
  wasted: { zh: '损耗', en: 'wasted' },
};

export const isProductCode = (v: string): v is ProductCode =>
  (PRODUCT_CODES as readonly string[]).includes(v);
export const isMovementKind = (v: string): v is MovementKind =>
  (MOVEMENT_KINDS as readonly string[]).includes(v);

export interface Quantity {
  vials: number;
  doses: number;
}

export interface MovementInput {
  product: string;
  lot: string;
  kind: string;
  /** Vials; derived from doses when absent. */
  vials?: number | null | undefined;
  /** Doses; derived from vials when absent. */
  doses?: number | null | undefined;
  note?: string | null | undefined;
}

export interface Movement extends Quantity {
  product: ProductCode;
  lot: string;
  kind: MovementKind;
  note: string | null;
}

/** Lot numbers as printed on the box (202106B0123): letters, digits and a few separators. */
const LOT_RE = /^[0-9A-Za-z][0-9A-Za-z\-_/.]{0,39}$/;

const whole = (v: number | null | undefined): v is number => v !== null && v !== undefined;

/**
 * A movement as entered, with both its vials and its doses. Received stock comes in whole vials
 * (doses = vials × doses per vial). Doses given or wasted open ⌈doses ÷ doses per vial⌉ vials; a
 * broken or expired vial wastes all its doses. When both are given they must agree.
 */
export function validMovementOrThrow(input: MovementInput, row?: number): Movement {
  const at = row === undefined ? {} : { row };
  if (!isProductCode(input.product)) {
    throw invalidInput({
      code: 'stock.product',
      field: 'product',
      ...at,
      message: {
        zh: `疫苗产品应为 ${PRODUCT_CODES.join('、')} 之一：${input.product}`,
        en: `product must be one of ${PRODUCT_CODES.join(', ')}: ${input.product}`,
      },
    });
  }
  const lot = input.lot.trim();
  if (!LOT_RE.test(lot)) {
    throw invalidInput({
      code: 'stock.lot',
      field: 'lot',
      ...at,
      message: { zh: `批号无效：${input.lot}`, en: `not a lot number: ${input.lot}` },
    });
  }
  if (!isMovementKind(input.kind)) {
    throw invalidInput({
      code: 'stock.kind',
      field: 'kind',
      ...at,
      message: {
        zh: `出入库类型应为 ${MOVEMENT_KINDS.join('、')} 之一：${input.kind}`,
        en: `kind must be one of ${MOVEMENT_KINDS.join(', ')}: ${input.kind}`,
      },
    });
  }
  const per = DOSES_PER_VIAL[input.product];
  for (const [field, v] of [
    ['vials', input.vials],
    ['doses', input.doses],
  ] as const) {
    if (whole(v) && (!Number.isSafeInteger(v) || v <= 0)) {
      throw invalidInput({
        code: 'stock.quantity',
        field,
        ...at,
        message: {
          zh: `${field} 应为大于 0 的整数：${v}`,
          en: `${field} must be a whole number above 0: ${v}`,
        },
      });
    }
  }
  const vials = whole(input.vials) ? input.vials : undefined;
  const doses = whole(input.doses) ? input.doses : undefined;
  let q: Quantity;
  if (vials === undefined && doses === undefined) {
    throw invalidInput({
      code: 'stock.quantity',
      field: 'doses',
      ...at,
      message: { zh: '请填写支数或剂次数', en: 'give the vials or the doses' },
    });
  } else if (input.kind === 'received') {
    const v = vials ?? (doses as number) / per;
    if (!Number.isInteger(v) || (doses !== undefined && doses !== v * per)) {
      throw invalidInput({
        code: 'stock.quantity',
        field: 'doses',
        ...at,
        message: {
          zh: `入库按整支计，每支 ${per} 剂：${vials ?? '?'} 支 / ${doses ?? '?'} 剂对不上`,
          en: `stock arrives in whole vials of ${per} dose(s): ${vials ?? '?'} vials and ${doses ?? '?'} doses do not agree`,
        },
      });
    }
    q = { vials: v, doses: v * per };
  } else {
    const d = doses ?? (vials as number) * per;
    const v = vials ?? Math.ceil(d / per);
    if (v !== Math.ceil(d / per)) {
      throw invalidInput({
        code: 'stock.quantity',
        field: 'vials',
        ...at,
        message: {
          zh: `${d} 剂应开启 ${Math.ceil(d / per)} 支（每支 ${per} 剂），填写的是 ${v} 支`,
          en: `${d} doses open ${Math.ceil(d / per)} vial(s) of ${per}, not ${v}`,
        },
      });
    }
    q = { vials: v, doses: d };
  }
  const note = input.note?.trim() ?? '';
  return {
    product: input.product,
    lot,
    kind: input.kind,
    ...q,
    note: note === '' ? null : note.slice(0, 500),
  };
}

/** A movement that happened on a day (as stored). */
export interface DatedMovement extends Quantity {
  day: CalendarDate;
  kind: MovementKind;
}

export interface Reconciliation {
  opening: Quantity;
  received: Quantity;
  given: Quantity;
  wasted: Quantity;
  /** opening + received − given − wasted. */
  left: Quantity;
}

const zero = (): Quantity => ({ vials: 0, doses: 0 });
const add = (a: Quantity, b: Quantity): Quantity => ({ vials: a.vials + b.vials, doses: a.doses + b.doses });
const sub = (a: Quantity, b: Quantity): Quantity => ({ vials: a.vials - b.vials, doses: a.doses - b.doses });

/** A movement's effect on what is left: received adds, given and wasted take away. */
export const signed = (m: Pick<DatedMovement, 'kind' | 'vials' | 'doses'>): Quantity =>
  m.kind === 'received' ? { vials: m.vials, doses: m.doses } : { vials: -m.vials, doses: -m.doses };

/** One lot's day: everything before the day opens it; the day's movements move it. */
export function reconcileDay(movements: readonly DatedMovement[], day: CalendarDate): Reconciliation {
  let opening = zero();
  const r = { received: zero(), given: zero(), wasted: zero() };
  for (const m of movements) {
    if (m.day < day) opening = add(opening, signed(m));
    else if (m.day === day) r[m.kind] = add(r[m.kind], m);
  }
  const left = sub(sub(add(opening, r.received), r.given), r.wasted);
  return { opening, ...r, left };
}

/**
 * Refuses a movement that would leave less than nothing of its lot at the end of its day or of
 * any later day (a later day's use was recorded against stock this one takes away).
 * `history` is the lot's stored movements at the site; `product` and `lot` name it in the message.
 */
export function checkSufficient(
  history: readonly DatedMovement[],
  proposed: readonly DatedMovement[],
  lot: { siteName: string; product: string; lot: string },
): void {
  const all = [...history, ...proposed];
  const days = [...new Set(all.map((m) => m.day))].sort();
  const firstProposed = proposed.reduce<string | undefined>(
    (min, m) => (min === undefined || m.day < min ? m.day : min),
    undefined,
  );
  let balance = zero();
  for (const day of days) {
    for (const m of all) if (m.day === day) balance = add(balance, signed(m));
    if (firstProposed !== undefined && day >= firstProposed && (balance.doses < 0 || balance.vials < 0)) {
      const before = reconcileDay(history, day).left;
      throw businessRule({
        code: 'stock.insufficient',
        field: 'doses',
        message: {
          zh: `${lot.siteName} ${lot.product} 批号 ${lot.lot} 在 ${day} 剩余 ${before.doses} 剂（${before.vials} 支），不够本次出库`,
          en: `${lot.siteName}: ${lot.product} lot ${lot.lot} has ${before.doses} dose(s) (${before.vials} vial(s)) left on ${day}, not enough for this`,
        },
      });
    }
  }
}

export interface StockLine extends Reconciliation {
  product: ProductCode;
  /** null: dose records that name no lot (they cannot be matched to any stock). */
  lot: string | null;
  dosesPerVial: number;
  /** Dose records at the site with this product and lot on the day. */
  recorded: number;
  /** given.doses − recorded: positive, given without a record; negative, records without stock. */
  difference: number;
}

/** The day's line of a lot: its reconciliation beside the dose records that say what was given. */
export function stockLine(
  product: ProductCode,
  lot: string | null,
  movements: readonly DatedMovement[],
  day: CalendarDate,
  recorded: number,
): StockLine {
  const r = reconcileDay(movements, day);
  return {
    product,
    lot,
    dosesPerVial: DOSES_PER_VIAL[product],
    ...r,
    recorded,
    difference: r.given.doses - recorded,
  };
}

/** A real day (YYYY-MM-DD) for a movement, refused otherwise. */
export function checkDay(day: string, field = 'day'): CalendarDate {
  if (!parseDate(day)) {
    throw invalidInput({
      code: 'stock.day',
      field,
      message: { zh: `日期无效：${day}`, en: `not a date: ${day}` },
    });
  }
  return day;
}
