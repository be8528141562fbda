/**
 * The 30 minutes after the dose (留观): the live countdown to the server's `endsAt`, then "all
 * well" — or, at any moment, a suspected adverse event, reported with the end of the observation
 * in one step. Ending before the 30 minutes are up takes a reason (the resident left against
 * advice …): the field is there from the start, and the server's refusal says how long is left.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AefiForm } from './AefiForm.js';
import { ErrorNote } from './ErrorNote.js';
import { ObservationTimer } from './ObservationTimer.js';
import { remainingMs } from './serverClock.js';
import { useSites, useTick } from './siteContext.js';
import { siteApi, type CheckinView } from './siteApi.js';

/** The later of the dose and the server's last known time: an onset the server accepts by default. */
export function defaultOnset(doseAt: string, serverNow: number | undefined): string {
  return serverNow !== undefined && serverNow > Date.parse(doseAt)
    ? new Date(serverNow).toISOString()
    : doseAt;
}

export function ObservationPanel({
  c,
  watchClosely,
  onSaved,
}: {
  c: CheckinView;
  watchClosely: boolean;
  onSaved: (c: CheckinView) => void;
}) {
  const { t } = useTranslation('site');
  const { clock } = useSites();
  const now = useTick();
  const [reason, setReason] = useState('');
  const [aefi, setAefi] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const obs = c.observation;
  if (!obs || !c.dose) return null;
  const early = clock ? remainingMs(obs.endsAt, clock, now) > 0 : true;

  const endOk = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onSaved((await siteApi.endObservation(c.id, { outcome: 'ok', reason: reason.trim() || null })).checkin);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="st-card st-observe" aria-labelledby="observe-title" data-testid="observation">
      <h2 className="st-subtitle" id="observe-title">
        {t('observe.title')}
      </h2>
      <ObservationTimer endsAt={obs.endsAt} />
      {watchClosely && <p className="st-warn">{t('suggest.watchClosely')}</p>}
      {aefi ? (
        <AefiForm
          defaultOnset={defaultOnset(c.dose.at, clock?.server)}
          onCancel={() => setAefi(false)}
          onSubmit={async (input) => {
            onSaved(
              (await siteApi.endObservation(c.id, { outcome: 'aefi', reason: null, aefi: input })).checkin,
            );
          }}
        />
      ) : (
        <>
          <label className="st-field">
            <span>{early ? t('observe.reasonEarly') : t('observe.reason')}</span>
            <input
              name="reason"
              className="st-input"
              autoComplete="off"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <ErrorNote error={error} />
          <div className="st-actions">
            <button
              type="button"
              className="st-button"
              disabled={busy}
              onClick={() => void endOk()}
              data-testid="observation-ok"
            >
              {busy ? t('busy') : early ? t('observe.endEarly') : t('observe.endOk')}
            </button>
            <button
              type="button"
              className="st-button st-button--danger"
              onClick={() => setAefi(true)}
              data-testid="observation-aefi"
            >
              {t('observe.aefi')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
