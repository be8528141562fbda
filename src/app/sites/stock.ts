/**
 * A site's vaccine stock: movements recorded (received, given, wasted), and a day's
 * reconciliation by product and lot beside the dose records of that site and day.
 */
import { shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { businessRule, invalidInput } from '../../domain/errors.js';
import {
  checkDay,
  checkSufficient,
  isProductCode,
  stockLine,
  validMovementOrThrow,
  type DatedMovement,
  type Movement,
  type MovementInput,
  type Quantity,
  type StockLine,
} from '../../domain/sitesStock.js';
import { dosesRecordedAt, insertMovements, lockSite, movementsOf } from '../../store/fieldops/siteQueries.js';
import type { Store } from '../../store/openStore.js';
import type { Scope } from '../records/findResident.js';
import { requireSite } from './requireSite.js';

export interface StockTotals {
  opening: Quantity;
  received: Quantity;
  given: Quantity;
  wasted: Quantity;
  left: Quantity;
  recorded: number;
  difference: number;
}

export interface SiteStockDay {
  siteId: number;
  siteName: string;
  day: CalendarDate;
  /**
   * Every lot with stock that day (left over, moved, or named by a dose record), by product and
   * lot; dose records of a lot the site never received show with nothing in stock, and dose
   * records without a lot as `lot: null`: the difference is shown, never hidden.
   */
  lots: StockLine[];
  totals: StockTotals;
  /** Lots whose doses given differ from the dose records. */
  differences: number;
}

const dated = (r: { day: string; kind: string; vials: number; doses: number }): DatedMovement => ({
  day: r.day,
  kind: r.kind as DatedMovement['kind'],
  vials: Number(r.vials),
  doses: Number(r.doses),
});

const plus = (a: Quantity, b: Quantity): Quantity => ({ vials: a.vials + b.vials, doses: a.doses + b.doses });

/** The site's stock on a day (see SiteStockDay). */
export async function stockDay(
  store: Store,
  input: { siteId: number; day: string; scope?: Scope },
): Promise<SiteStockDay> {
  const day = checkDay(input.day);
  const site = await requireSite(store, input.siteId, input.scope);
  const siteId = Number(site.id);
  const [movements, recorded] = await Promise.all([
    movementsOf(store.db, siteId, { upTo: day }),
    dosesRecordedAt(store.db, site.county_code, site.name, day),
  ]);
  const byLot = new Map<
    string,
    { product: string; lot: string | null; moves: DatedMovement[]; recorded: number }
  >();
  const key = (product: string, lot: string | null) => `${product}|${lot ?? ''}`;
  for (const m of movements) {
    const k = key(m.product, m.lot);
    const entry = byLot.get(k) ?? { product: m.product, lot: m.lot, moves: [], recorded: 0 };
    entry.moves.push(dated(m));
    byLot.set(k, entry);
  }
  for (const r of recorded) {
    const lot = r.lot === null || r.lot.trim() === '' ? null : r.lot;
    const k = key(r.product, lot);
    const entry = byLot.get(k) ?? { product: r.product, lot, moves: [], recorded: 0 };
    entry.recorded += r.n;
    byLot.set(k, entry);
  }
  const lots: StockLine[] = [];
  for (const e of byLot.values()) {
    // A dose record of a product the catalog does not know cannot be stocked; it is not a lot line.
    if (!isProductCode(e.product)) continue;
    const line = stockLine(e.product, e.lot, e.moves, day, e.recorded);
    const moved = line.received.doses + line.given.doses + line.wasted.doses !== 0 || line.recorded !== 0;
    if (line.opening.doses !== 0 || line.opening.vials !== 0 || moved) lots.push(line);
  }
  lots.sort((a, b) => a.product.localeCompare(b.product) || (a.lot ?? '').localeCompare(b.lot ?? ''));
  const zero = { vials: 0, doses: 0 };
  const totals: StockTotals = {
    opening: zero,
    received: zero,
    given: zero,
    wasted: zero,
    left: zero,
    recorded: 0,
    difference: 0,
  };
  for (const l of lots) {
    totals.opening = plus(totals.opening, l.opening);
    totals.received = plus(totals.received, l.received);
    totals.given = plus(totals.given, l.given);
    totals.wasted = plus(totals.wasted, l.wasted);
    totals.left = plus(totals.left, l.left);
    totals.recorded += l.recorded;
    totals.difference += l.difference;
  }
  return {
    siteId,
    siteName: site.name,
    day,
    lots,
    totals,
    differences: lots.filter((l) => l.difference !== 0).length,
  };
}

export interface RecordStockInput {
  siteId: number;
  day: string;
  movements: readonly MovementInput[];
  by: string;
  scope?: Scope;
}

export interface RecordStockResult {
  ids: number[];
  movements: (Movement & { id: number })[];
  stock: SiteStockDay;
}

/**
 * Records the day's movements at the site, all or none: received, given, wasted. Refused: a day
 * after today (`stock.future-day`), and giving or wasting more of a lot than is left
 * (`stock.insufficient`, that day or any later day it would empty). Returns the day's stock after.
 */
export async function recordStock(store: Store, input: RecordStockInput): Promise<RecordStockResult> {
  const day = checkDay(input.day);
  if (input.movements.length === 0 || input.movements.length > 200) {
    throw invalidInput({
      code: 'stock.movements',
      field: 'movements',
      message: { zh: '每次记录 1 到 200 条出入库', en: 'record 1 to 200 movements at a time' },
    });
  }
  const movements = input.movements.map((m, i) => validMovementOrThrow(m, i + 1));
  const by = input.by.trim();
  if (by === '') {
    throw invalidInput({
      code: 'stock.by',
      field: 'by',
      message: { zh: '请填写记录人', en: 'say who records it' },
    });
  }
  const site = await requireSite(store, input.siteId, input.scope, 'run');
  const today = shanghaiDate(store.now());
  if (day > today) {
    throw businessRule({
      code: 'stock.future-day',
      field: 'day',
      message: { zh: `${day} 还没到（今天是 ${today}）`, en: `${day} has not come yet (today is ${today})` },
    });
  }
  const siteId = Number(site.id);
  const at = store.now().toISOString();
  const ids = await store.transaction(async (trx) => {
    await lockSite(trx, store.dialect, siteId);
    const lots = new Map<string, Movement[]>();
    for (const m of movements) {
      const k = `${m.product}|${m.lot}`;
      lots.set(k, [...(lots.get(k) ?? []), m]);
    }
    for (const group of lots.values()) {
      const first = group[0] as Movement;
      const history = (await movementsOf(trx, siteId, { product: first.product, lot: first.lot })).map(dated);
      checkSufficient(
        history,
        group.map((m) => ({ day, kind: m.kind, vials: m.vials, doses: m.doses })),
        { siteName: site.name, product: first.product, lot: first.lot },
      );
    }
    return insertMovements(
      trx,
      movements.map((m) => ({
        site_id: siteId,
        day,
        product: m.product,
        lot: m.lot,
        kind: m.kind,
        vials: m.vials,
        doses: m.doses,
        note: m.note,
        recorded_by: by,
        recorded_at: at,
      })),
    );
  });
  return {
    ids,
    movements: movements.map((m, i) => ({ ...m, id: ids[i] as number })),
    stock: await stockDay(store, { siteId, day, ...(input.scope ? { scope: input.scope } : {}) }),
  };
}
