/**
 * One rider on the driver's list: who, where to pick them up, a call link, the ride's state, and
 * only the moves the shared state machine allows from it (driverMoves). A move that needs a
 * reason (cancel; home without a dose) asks for it first; the server's refusal shows in place,
 * in the reader's language.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRANSPORT_STATUS_LABELS } from '../../../src/domain/transportStatus.js';
import { moveRide, type Ride } from './driverApi.js';
import { driverMoves, type DriverMove } from './driverMoves.js';
import { useErrorText, usePick } from './hooks.js';
import { ReasonForm } from './ReasonForm.js';

/** A number the server masked (138****5678) cannot be dialled: show it, but no call link. */
const dialable = (phone: string) => /^\+?[\d\s-]+$/.test(phone);

function Phone({ phone }: { phone: string | null }) {
  const { t } = useTranslation('driver');
  if (!phone) return <span className="dr-muted">{t('rider.noPhone')}</span>;
  if (!dialable(phone)) return <span className="dr-muted">{t('rider.phoneMasked', { phone })}</span>;
  return (
    <a className="dr-call" href={`tel:${phone.replace(/[\s-]/g, '')}`}>
      {t('rider.call', { phone })}
    </a>
  );
}

export function RiderCard({
  ride,
  order,
  onMoved,
  readOnly,
}: {
  ride: Ride;
  order: number;
  onMoved?: ((ride: Ride) => void) | undefined;
  readOnly: boolean;
}) {
  const { t } = useTranslation('driver');
  const pick = usePick();
  const errorText = useErrorText();
  const [asking, setAsking] = useState<DriverMove | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const moves = driverMoves(ride.status);
  const nameId = `ride-${ride.id}`;

  const send = async (move: DriverMove, reason?: string) => {
    setBusy(true);
    setError(null);
    try {
      const moved = await moveRide(ride.id, move.to, reason);
      setAsking(null);
      onMoved?.(moved.ride);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li
      className={`dr-rider dr-rider--${ride.status}`}
      aria-labelledby={nameId}
      data-testid="rider"
      data-ride={ride.id}
      data-status={ride.status}
    >
      <div className="dr-rider__head">
        <span className="dr-rider__order">{t('rider.order', { n: order })}</span>
        <h4 id={nameId} className="dr-rider__name">
          {ride.name}
        </h4>
        <span className="dr-muted">{t('rider.age', { age: ride.age })}</span>
        <span className={`dr-status dr-status--${ride.status}`} data-testid="rider-status">
          {pick(TRANSPORT_STATUS_LABELS[ride.status])}
        </span>
      </div>
      <p className="dr-rider__pickup">{t('rider.pickUp', { place: ride.pickUp })}</p>
      <p className="dr-rider__line">
        <Phone phone={ride.phone} />
        {ride.wheelchair && <span className="dr-tag">{t('rider.wheelchair')}</span>}
        {ride.companion && <span className="dr-tag">{t('rider.companion')}</span>}
      </p>
      {ride.note && <p className="dr-muted">{t('rider.note', { note: ride.note })}</p>}
      {ride.reason && <p className="dr-muted">{t('rider.reason', { reason: ride.reason })}</p>}
      {ride.mismatch && <p className="dr-warn">{t('rider.mismatch')}</p>}
      {!readOnly && asking && (
        <ReasonForm
          name={ride.name}
          cancel={asking.to === 'cancelled'}
          busy={busy}
          onSubmit={(reason) => void send(asking, reason)}
          onBack={() => {
            setAsking(null);
            setError(null);
          }}
        />
      )}
      {!readOnly && !asking && (moves.forward.length > 0 || moves.cancel) && (
        <div className="dr-moves">
          {moves.forward.map((m) => (
            <button
              key={m.to}
              type="button"
              disabled={busy}
              className={m.needsReason ? 'dr-button--secondary' : undefined}
              data-move={m.to}
              onClick={() => (m.needsReason ? setAsking(m) : void send(m))}
            >
              {t(m.label)}
            </button>
          ))}
          {moves.cancel && (
            <button
              type="button"
              disabled={busy}
              className="dr-button--quiet"
              data-move="cancelled"
              onClick={() => setAsking(moves.cancel)}
            >
              {t('move.cancel')}
            </button>
          )}
        </div>
      )}
      {busy && <p className="dr-muted">{t('move.saving')}</p>}
      {error !== null && (
        <p className="dr-error" role="alert" data-testid="refusal">
          {errorText(error)}
        </p>
      )}
    </li>
  );
}
