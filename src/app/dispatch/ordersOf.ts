/**
 * A unit's orders: those sent to it or to units under it, newest first, each with the answers of
 * the units at or under it. The county asking about itself gets every unit's answer (the command's
 * board); a township gets its own and its villages'.
 */
import type { TargetState } from '../../domain/dispatchOrder.js';
import { ordersUnder } from '../../store/fieldops/dispatchQueries.js';
import type { Store } from '../../store/openStore.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';
import { orderViews, type OrderView } from './orderView.js';

export const MAX_ORDERS = 500;

export interface OrdersInput {
  place: string;
  /** Only orders with a unit (at or under the place) in this state. */
  state?: TargetState;
  /** At most this many orders (default 100, at most 500). */
  limit?: number;
  scope?: Scope;
}

export async function ordersOf(store: Store, input: OrdersInput): Promise<OrderView[]> {
  const place = await requirePlace(store, input.place, input.scope);
  const limit = Math.min(Math.max(1, input.limit ?? 100), MAX_ORDERS);
  // A state filter drops orders after reading: read them all (a county issues a few a day).
  const orders = await ordersUnder(store.db, place.code, input.state ? MAX_ORDERS * 10 : limit);
  const views = await orderViews(store, orders, (code) => code.startsWith(place.code));
  const wanted = input.state;
  return (wanted ? views.filter((o) => o.targets.some((t) => t.state === wanted)) : views).slice(0, limit);
}
