/**
 * Moving a ride along (src/domain/transportStatus.ts): the driver marks the pick-up and the
 * return, the driver or the site staff the vaccination, anyone with the right cancels with a
 * reason. A driver (role `driver`) moves only the rides on their own trips.
 *
 * "vaccinated" is accepted without a dose record, and shown as a mismatch until one exists
 * (RideView.doseRecorded / mismatch). The choice: the driver waits outside the observation room
 * and sees the resident come out vaccinated, while the dose itself is entered by the site — on
 * its own device, from the paper register in the evening, or imported from the provincial
 * system (gridvax import doses). Refusing the mark would stall the driver's list on someone
 * else's data entry; accepting it silently would let a transport record stand in for a dose.
 * The campaign's status never reads the transport record (only dose records make a resident
 * done), and the board counts mismatches so the township can chase the missing dose.
 */
import { businessRule, forbidden, invalidInput } from '../../domain/errors.js';
import { shanghaiDate } from '../../domain/calendar.js';
import { parseInstant } from '../../domain/screening.js';
import { seatsNeeded } from '../../domain/transportPlan.js';
import { checkMove, type TransportStatus } from '../../domain/transportStatus.js';
import type { Store } from '../../store/openStore.js';
import {
  driverById,
  insertMove,
  releaseSeats,
  requestById,
  tripById,
  updateRequestIf,
  type RequestRow,
} from '../../store/fieldops/transportQueries.js';
import type { Scope } from '../records/findResident.js';
import { optionalText, type TransportActor } from './transportInput.js';
import { movedMeanwhile, requireRequest } from './trips.js';
import { describeRides, type RideView } from './transportViews.js';

export interface MoveInput {
  requestId: number;
  to: string;
  /** Needed to cancel, and to return someone home without a dose. */
  reason?: string | null;
  /** When it happened (ISO-8601 with a zone; default now): a phone offline records it later. */
  at?: string | null;
  by: TransportActor;
  scope?: Scope;
}

export interface Moved {
  from: TransportStatus;
  to: TransportStatus;
  ride: RideView;
}

const STAMP: Partial<
  Record<TransportStatus, 'picked_up_at' | 'vaccinated_at' | 'returned_at' | 'cancelled_at'>
> = {
  'picked-up': 'picked_up_at',
  vaccinated: 'vaccinated_at',
  returned: 'returned_at',
  cancelled: 'cancelled_at',
};

const notYourTrip = () =>
  forbidden({
    code: 'transport.not-your-trip',
    field: 'request',
    message: {
      zh: '司机只能更新自己车次上的接送',
      en: 'a driver may only move the rides on their own trips',
    },
  });

/** A driver account moves a ride only if its trip's driver is linked to that account. */
async function checkDriverOwnsRide(store: Store, request: RequestRow, by: TransportActor): Promise<void> {
  if (by.role !== 'driver') return;
  if (request.trip_id === null || by.userId === null) throw notYourTrip();
  const trip = await tripById(store.db, request.trip_id);
  const driver = trip?.driver_id === null || !trip ? undefined : await driverById(store.db, trip.driver_id);
  if (driver?.user_id !== by.userId) throw notYourTrip();
}

function whenOf(store: Store, at: string | null | undefined, day: string, to: TransportStatus): string {
  const now = store.now();
  const absent = at === undefined || at === null || at.trim() === '';
  // "Now" is checked like a time given: a ride of tomorrow is not picked up today.
  const t = absent ? now.getTime() : parseInstant(at.trim());
  if (t === undefined) {
    throw invalidInput({
      code: 'transport.at',
      field: 'at',
      message: {
        zh: `时间应为带时区的 ISO 8601（如 2021-08-09T08:20:00+08:00）：${at}`,
        en: `the time must be ISO-8601 with a zone (e.g. 2021-08-09T08:20:00+08:00): ${at}`,
      },
    });
  }
  if (t > now.getTime()) {
    throw businessRule({
      code: 'transport.future',
      field: 'at',
      message: { zh: '时间不能晚于现在', en: 'the time cannot be after now' },
    });
  }
  // Fetching, vaccinating and driving home happen on the ride's day; a cancellation can come before.
  if (to !== 'cancelled' && shanghaiDate(new Date(t)) !== day) {
    throw businessRule({
      code: 'transport.other-day',
      field: 'at',
      message: { zh: `该接送是 ${day} 的`, en: `the ride is on ${day}` },
    });
  }
  return new Date(t).toISOString();
}

export async function moveRequest(store: Store, input: MoveInput): Promise<Moved> {
  const request = await requireRequest(store, input.requestId, input.scope);
  await checkDriverOwnsRide(store, request, input.by);
  const from = request.status;
  const { to, reason } = checkMove(from, input.to, input.reason);
  if (to === 'assigned') {
    throw businessRule({
      code: 'transport.assign-on-trip',
      field: 'to',
      message: {
        zh: '派车请把申请加到车次上（POST /api/v1/transport/trips/{id}/riders，或排车）',
        en: 'assign a ride by adding it to a trip (POST /api/v1/transport/trips/{id}/riders, or plan the day)',
      },
    });
  }
  const at = whenOf(store, input.at, request.day, to);
  const now = store.now().toISOString();
  const stamp = STAMP[to];
  await store.transaction(async (trx) => {
    const moved = await updateRequestIf(trx, request.id, from, {
      status: to,
      updated_at: now,
      ...(stamp ? { [stamp]: at } : {}),
      ...(reason === null ? {} : { status_reason: reason }),
    });
    if (!moved) throw movedMeanwhile(request.id);
    // A cancelled rider gives the seat back; a returned one kept it to the end of the trip.
    if (to === 'cancelled' && request.trip_id !== null) {
      await releaseSeats(trx, request.trip_id, seatsNeeded({ companion: request.companion === 1 }));
    }
    await insertMove(trx, {
      request_id: request.id,
      at,
      from_status: from,
      to_status: to,
      by_name: input.by.name,
      by_user: input.by.userId,
      trip_id: request.trip_id,
      reason: optionalText(reason),
      recorded_at: now,
    });
  });
  const after = await requestById(store.db, request.id);
  const [ride] = await describeRides(store.db, after ? [after] : [], false);
  return { from, to, ride: ride as RideView };
}
