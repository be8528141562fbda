/**
 * A unit answering a dispatch order: acknowledging it (签收) and reporting it done (办结) with a
 * note of what was done. Only a unit the order went to, in the caller's places, answers; the
 * county can answer for a unit (a phone call taken down at the command). A second
 * acknowledgement is the same click again and changes nothing; a second completion is refused,
 * so the first report stands as made.
 */
import { validCompletionNote } from '../../domain/dispatchOrder.js';
import { conflict, notFound } from '../../domain/errors.js';
import { acknowledgeTarget, completeTarget, targetRow } from '../../store/fieldops/dispatchQueries.js';
import type { Store } from '../../store/openStore.js';
import { inScope, type Scope } from '../records/findResident.js';
import { orderViews, requireOrder, type OrderTargetView } from './orderView.js';

export interface AnswerInput {
  orderId: number;
  /** The unit answering: one the order went to. */
  unit: string;
  by: string;
  scope?: Scope;
}

async function requireTarget(store: Store, input: AnswerInput) {
  const order = await requireOrder(store, input.orderId, input.scope);
  const unit = input.unit.trim();
  const target = inScope(input.scope, unit) ? await targetRow(store.db, Number(order.id), unit) : undefined;
  if (!target) {
    throw notFound({
      code: 'order.not-a-target',
      field: 'unit',
      message: {
        zh: `调度令 ${input.orderId} 未下达给单位 ${unit}`,
        en: `dispatch order ${input.orderId} was not sent to unit ${unit}`,
      },
    });
  }
  return { order, unit };
}

async function viewOf(store: Store, orderId: number, unit: string): Promise<OrderTargetView> {
  const order = await requireOrder(store, orderId);
  const [view] = await orderViews(store, [order], (code) => code === unit);
  const target = view?.targets[0];
  if (!target) throw new Error(`order ${orderId} lost its target ${unit}`);
  return target;
}

/** Acknowledges (签收); idempotent: the first acknowledgement's time and name are kept. */
export async function acknowledgeOrder(
  store: Store,
  input: AnswerInput,
): Promise<OrderTargetView & { recorded: boolean }> {
  const { order, unit } = await requireTarget(store, input);
  const at = store.now().toISOString();
  const recorded = await store.write((trx) => acknowledgeTarget(trx, Number(order.id), unit, at, input.by));
  return { ...(await viewOf(store, Number(order.id), unit)), recorded };
}

/** Reports the order done (办结) with a note; acknowledges it too if it was not yet. */
export async function completeOrder(
  store: Store,
  input: AnswerInput & { note: string },
): Promise<OrderTargetView> {
  const note = validCompletionNote(input.note);
  const { order, unit } = await requireTarget(store, input);
  const at = store.now().toISOString();
  const done = await store.write((trx) => completeTarget(trx, Number(order.id), unit, at, input.by, note));
  const view = await viewOf(store, Number(order.id), unit);
  if (!done) {
    throw conflict({
      code: 'order.already-completed',
      field: 'unit',
      message: {
        zh: `${view.unit.shortName}已于 ${view.completedAt ?? ''} 由 ${view.completedBy ?? ''} 报告办结`,
        en: `${view.unit.shortName} already reported it done at ${view.completedAt ?? ''} (${view.completedBy ?? ''})`,
      },
    });
  }
  return view;
}
