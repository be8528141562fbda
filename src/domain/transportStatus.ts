/**
 * Where a ride (上门接送) stands. The news report's grid members drove elderly and bed-bound
 * residents to the site and home again; a request follows that ride:
 *
 *   requested → assigned (on a trip) → picked-up → vaccinated → returned
 *
 * or ends cancelled, with a reason, from any state before returned (the resident is unwell, the
 * family drives them, the booking moved).
 *
 * One edge beyond the straight line: picked-up → returned, with a reason. A resident driven to
 * the site may be screened out there (a yellow health code, blood pressure too high, the
 * doctor's 推迟接种 under the 2021 guideline's contraindications) and must still be driven home;
 * "cancelled" would lose track of someone who is in the car, and the board's "still out" count
 * (picked up or vaccinated, not yet home) is the one a dispatcher watches at dusk.
 *
 * "vaccinated" here is what the driver or site staff saw, not a fact of the campaign: only a
 * dose record makes a resident done (DESIGN.md). The app shows a request marked vaccinated with
 * no dose recorded that day as a mismatch instead of refusing the mark (see src/app/transport).
 */
import { businessRule, invalidInput, type Bilingual } from './errors.js';

export const TRANSPORT_STATUSES = [
  'requested',
  'assigned',
  'picked-up',
  'vaccinated',
  'returned',
  'cancelled',
] as const;
export type TransportStatus = (typeof TRANSPORT_STATUSES)[number];

export const TRANSPORT_STATUS_LABELS: Readonly<Record<TransportStatus, Bilingual>> = {
  requested: { zh: '待派车', en: 'Requested' },
  assigned: { zh: '已派车', en: 'Assigned to a trip' },
  'picked-up': { zh: '已接到', en: 'Picked up' },
  vaccinated: { zh: '已接种', en: 'Vaccinated' },
  returned: { zh: '已送回', en: 'Returned home' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const isTransportStatus = (value: string): value is TransportStatus =>
  (TRANSPORT_STATUSES as readonly string[]).includes(value);

/** The moves each state allows. returned and cancelled are final. */
export const TRANSPORT_MOVES: Readonly<Record<TransportStatus, readonly TransportStatus[]>> = {
  requested: ['assigned', 'cancelled'],
  assigned: ['picked-up', 'cancelled'],
  'picked-up': ['vaccinated', 'returned', 'cancelled'],
  vaccinated: ['returned', 'cancelled'],
  returned: [],
  cancelled: [],
};

export const isFinal = (status: TransportStatus): boolean => TRANSPORT_MOVES[status].length === 0;

export const canMove = (from: TransportStatus, to: TransportStatus): boolean =>
  TRANSPORT_MOVES[from].includes(to);

/** A move needs a reason: every cancellation, and a return home without a dose. */
export const needsReason = (from: TransportStatus, to: TransportStatus): boolean =>
  to === 'cancelled' || (from === 'picked-up' && to === 'returned');

/**
 * Checks a move and returns the reason to keep (trimmed; null when none is needed or given).
 * Refuses an illegal move with `transport.bad-transition` naming both states, and a move that
 * needs a reason without one with `transport.reason`.
 */
export function checkMove(
  from: TransportStatus,
  to: string,
  reason?: string | null,
): { to: TransportStatus; reason: string | null } {
  if (!isTransportStatus(to)) {
    throw invalidInput({
      code: 'transport.status',
      field: 'to',
      message: {
        zh: `状态应为 ${TRANSPORT_STATUSES.join('、')} 之一：${to}`,
        en: `the status must be one of ${TRANSPORT_STATUSES.join(', ')}: ${to}`,
      },
    });
  }
  if (!canMove(from, to)) {
    const allowed = TRANSPORT_MOVES[from];
    throw businessRule({
      code: 'transport.bad-transition',
      field: 'to',
      message: {
        zh: `接送状态不能从“${TRANSPORT_STATUS_LABELS[from].zh}”（${from}）改为“${TRANSPORT_STATUS_LABELS[to].zh}”（${to}）${allowed.length ? `；可改为 ${allowed.join('、')}` : '；该状态已结束'}`,
        en: `a ride cannot move from ${from} to ${to}${allowed.length ? `; from ${from} it can move to ${allowed.join(', ')}` : `; ${from} is final`}`,
      },
    });
  }
  const kept = reason?.trim() ? reason.trim() : null;
  if (needsReason(from, to) && kept === null) {
    throw invalidInput({
      code: 'transport.reason',
      field: 'reason',
      message:
        to === 'cancelled'
          ? { zh: '取消接送须说明原因', en: 'say why the ride is cancelled' }
          : {
              zh: '未接种即送回须说明原因（如现场筛查暂缓接种）',
              en: 'say why the resident goes home without a dose (e.g. postponed at screening)',
            },
    });
  }
  return { to, reason: kept };
}
