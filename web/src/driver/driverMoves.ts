/**
 * Which buttons a rider's card offers: the moves the shared state machine allows from the ride's
 * state (src/domain/transportStatus.ts, the server's own rule), less "assigned" — a ride is put on
 * a trip by the dispatcher, never by the driver. Cancelling is a separate, quieter button, and a
 * move that needs a reason opens the reason form first.
 */
import { needsReason, TRANSPORT_MOVES, type TransportStatus } from '../../../src/domain/transportStatus.js';

export interface DriverMove {
  to: TransportStatus;
  /** A cancellation, or a return home without a dose: ask why before sending. */
  needsReason: boolean;
  /** The button's i18n key (namespace `driver`). */
  label: string;
}

export function driverMoves(from: TransportStatus): { forward: DriverMove[]; cancel: DriverMove | null } {
  const allowed = TRANSPORT_MOVES[from].filter((to) => to !== 'assigned');
  const move = (to: TransportStatus): DriverMove => ({
    to,
    needsReason: needsReason(from, to),
    label: to === 'cancelled' ? 'move.cancel' : needsReason(from, to) ? 'move.returnedNoDose' : `move.${to}`,
  });
  return {
    forward: allowed.filter((to) => to !== 'cancelled').map(move),
    cancel: allowed.includes('cancelled') ? move('cancelled') : null,
  };
}
