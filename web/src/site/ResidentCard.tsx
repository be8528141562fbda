/**
 * Who is at the desk: name, sex, age and the ID number masked, as every answer carries it. The
 * staff may show the full number to compare it with the card in hand; the server records that
 * it was shown (an audited unmasking), so it is a tap, never the default.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from './ErrorNote.js';
import { useTimeOfDay } from './hooks.js';
import { siteApi, type CheckinView } from './siteApi.js';

export function ResidentCard({
  c,
  fullId,
  onUnmasked,
}: {
  c: CheckinView;
  fullId: string | undefined;
  onUnmasked: (idNumber: string) => void;
}) {
  const { t } = useTranslation('site');
  const time = useTimeOfDay();
  const [error, setError] = useState<unknown>();
  const unmask = async () => {
    try {
      onUnmasked((await siteApi.checkin(c.id, true)).resident.idNumber);
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="st-card st-resident" aria-labelledby="resident-name">
      <h1 className="st-title" id="resident-name" data-testid="resident-name">
        {c.resident.name}
      </h1>
      <p className="st-meta">
        {t(`sex.${c.resident.sex}`)} · {t('resident.age', { age: c.resident.age })} ·{' '}
        {t('checkin.at', { time: time(c.at) })}
      </p>
      <p className="st-resident__id">
        <span className="st-mono" data-testid="resident-id">
          {fullId ?? c.resident.idNumber}
        </span>{' '}
        {!fullId && (
          <button type="button" className="st-link-button" onClick={() => void unmask()} data-testid="unmask">
            {t('resident.unmask')}
          </button>
        )}
      </p>
      <ErrorNote error={error} />
    </section>
  );
}
