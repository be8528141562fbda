/**
 * A dispatch order as every reader gets it (API, CLI, web): the order, and each unit it went to
 * with where that unit stands now (src/domain/dispatchOrder.ts). A reader sees only the units in
 * their places: a township sees its own answer, the county every unit's.
 */
import {
  acknowledgedBy,
  minutesLate,
  TARGET_STATE_LABELS,
  targetState,
  type TargetState,
} from '../../domain/dispatchOrder.js';
import type { Bilingual } from '../../domain/errors.js';
import { notFound } from '../../domain/errors.js';
import type { OrderRow, OrderTargetRow } from '../../store/fieldops/dispatchQueries.js';
import { orderById, placeNames, targetsOf } from '../../store/fieldops/dispatchQueries.js';
import type { Store } from '../../store/openStore.js';
import { inScope, type Scope } from '../records/findResident.js';

export interface OrderUnit {
  code: string;
  /** Official name (锦石村委会) and what officials write (锦石村). */
  name: string;
  shortName: string;
}

export interface OrderTargetView {
  orderId: number;
  unit: OrderUnit;
  state: TargetState;
  stateLabel: Bilingual;
  acknowledged: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  completedAt: string | null;
  completedBy: string | null;
  note: string | null;
  /** Overdue: minutes since the deadline; completed late: by how much; otherwise null. */
  minutesLate: number | null;
}

export interface OrderView {
  id: number;
  issuer: OrderUnit;
  title: string;
  text: string;
  issuedAt: string;
  deadline: string;
  issuedBy: string;
  campaignId: number | null;
  /** Over the targets shown (those in the reader's places). */
  counts: { targets: number; acknowledged: number; completed: number; overdue: number };
  targets: OrderTargetView[];
}

const unitOf = (names: Awaited<ReturnType<typeof placeNames>>, code: string): OrderUnit => {
  const p = names.get(code);
  return { code, name: p?.name ?? code, shortName: p?.shortName ?? code };
};

function targetView(
  t: OrderTargetRow,
  deadline: string,
  names: Awaited<ReturnType<typeof placeNames>>,
  now: Date,
): OrderTargetView {
  const facts = { deadline, acknowledgedAt: t.acknowledged_at, completedAt: t.completed_at };
  const state = targetState(facts, now);
  return {
    orderId: Number(t.order_id),
    unit: unitOf(names, t.place_code),
    state,
    stateLabel: TARGET_STATE_LABELS[state],
    acknowledged: acknowledgedBy(facts, now),
    acknowledgedAt: t.acknowledged_at,
    acknowledgedBy: t.acknowledged_by,
    completedAt: t.completed_at,
    completedBy: t.completed_by,
    note: t.completion_note,
    minutesLate: minutesLate(facts, now),
  };
}

/**
 * The views of these orders with their targets that `keep` accepts (in the reader's places, under
 * the unit asked about); an order left with no target is left out.
 */
export async function orderViews(
  store: Store,
  orders: readonly OrderRow[],
  keep: (placeCode: string) => boolean,
): Promise<OrderView[]> {
  const targets = (
    await targetsOf(
      store.db,
      orders.map((o) => Number(o.id)),
    )
  ).filter((t) => keep(t.place_code));
  const names = await placeNames(store.db, [
    ...orders.map((o) => o.issuer_code),
    ...targets.map((t) => t.place_code),
  ]);
  const now = store.now();
  const out: OrderView[] = [];
  for (const o of orders) {
    const id = Number(o.id);
    const mine = targets
      .filter((t) => Number(t.order_id) === id)
      .map((t) => targetView(t, o.deadline, names, now));
    if (mine.length === 0) continue;
    out.push({
      id,
      issuer: unitOf(names, o.issuer_code),
      title: o.title,
      text: o.body,
      issuedAt: o.issued_at,
      deadline: o.deadline,
      issuedBy: o.issued_by,
      campaignId: o.campaign_id === null ? null : Number(o.campaign_id),
      counts: {
        targets: mine.length,
        acknowledged: mine.filter((t) => t.acknowledged).length,
        completed: mine.filter((t) => t.state === 'completed' || t.state === 'completed-late').length,
        overdue: mine.filter((t) => t.state === 'overdue').length,
      },
      targets: mine,
    });
  }
  return out;
}

const orderNotFound = (id: number) =>
  notFound({
    code: 'order.not-found',
    field: 'order',
    message: { zh: `找不到调度令 ${id}`, en: `no dispatch order ${id}` },
  });

/** The order, if it exists and one of its units is in the caller's places; otherwise not found. */
export async function requireOrder(store: Store, orderId: number, scope?: Scope): Promise<OrderRow> {
  const order = Number.isSafeInteger(orderId) ? await orderById(store.db, orderId) : undefined;
  if (!order) throw orderNotFound(orderId);
  const targets = await targetsOf(store.db, [Number(order.id)]);
  if (!targets.some((t) => inScope(scope, t.place_code))) throw orderNotFound(orderId);
  return order;
}

/** One order as the caller may see it: its units in the caller's places. */
export async function showOrder(store: Store, input: { orderId: number; scope?: Scope }): Promise<OrderView> {
  const order = await requireOrder(store, input.orderId, input.scope);
  const [view] = await orderViews(store, [order], (code) => inScope(input.scope, code));
  if (!view) throw orderNotFound(input.orderId);
  return view;
}
