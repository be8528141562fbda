/**
 * The daily report's dispatch section (按日调度: 「调度令」 and who has not answered): the orders
 * issued by the cut-off to units in the report's unit, each unit's answer as it stood at the
 * cut-off (an acknowledgement or completion recorded later had not happened yet), and the
 * overdue ones by name. The same rule as the live board (src/domain/dispatchOrder.ts), at the
 * cut-off instead of now.
 */
import type { ReportDispatch, ReportOverdueOrder } from '../../domain/dailyReport.js';
import { acknowledgedBy, minutesLate, targetState } from '../../domain/dispatchOrder.js';
import { placeNames, reportTargets } from '../../store/fieldops/dispatchQueries.js';
import type { Store } from '../../store/openStore.js';

export async function reportDispatch(
  store: Store,
  input: { campaignId: number; place: string; cutoff: string },
): Promise<ReportDispatch> {
  const rows = await reportTargets(store.db, input.place, input.campaignId, input.cutoff);
  const codes = rows.flatMap((r) => [r.place_code, r.place_code.slice(0, 9)]);
  const names = await placeNames(store.db, codes);
  // A village named alone is ambiguous across a county (several townships have a 新塘村).
  const nameOf = (code: string): string => {
    const own = names.get(code)?.shortName ?? code;
    if (code.length === 12 && input.place.length < 9)
      return `${names.get(code.slice(0, 9))?.shortName ?? ''}${own}`;
    return own;
  };
  const out: ReportDispatch = {
    orders: new Set(rows.map((r) => r.order_id)).size,
    targets: rows.length,
    acknowledged: 0,
    completed: 0,
    completedLate: 0,
    overdue: 0,
    overdueOrders: [],
  };
  const overdue: ReportOverdueOrder[] = [];
  for (const r of rows) {
    const facts = { deadline: r.deadline, acknowledgedAt: r.acknowledged_at, completedAt: r.completed_at };
    const state = targetState(facts, input.cutoff);
    const acknowledged = acknowledgedBy(facts, input.cutoff);
    if (acknowledged) out.acknowledged++;
    if (state === 'completed') out.completed++;
    if (state === 'completed-late') out.completedLate++;
    if (state === 'overdue') {
      out.overdue++;
      overdue.push({
        orderId: r.order_id,
        title: r.title,
        issuedAt: r.issued_at,
        deadline: r.deadline,
        code: r.place_code,
        name: nameOf(r.place_code),
        acknowledged,
        minutesLate: minutesLate(facts, input.cutoff) ?? 0,
      });
    }
  }
  out.overdueOrders = overdue.sort(
    (a, b) => b.minutesLate - a.minutesLate || a.orderId - b.orderId || (a.code < b.code ? -1 : 1),
  );
  return out;
}
