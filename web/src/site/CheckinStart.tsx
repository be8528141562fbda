/**
 * Check-in (现场登记): the ID number typed, or read by a scanner, which types the number and
 * presses Enter. The number is checked here with the same rule as the server (GB 11643: length,
 * area, birth date, check character) so a misread card is caught before anything is sent; then
 * the check-in page takes over. A card read twice opens the check-in already under way.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { parseIdNumber } from '../../../src/domain/idcard.js';
import { ErrorNote } from './ErrorNote.js';
import { serverToday } from './serverClock.js';
import { useSites } from './siteContext.js';
import { siteApi } from './siteApi.js';

export function CheckinStart({ siteId }: { siteId: number }) {
  const { t } = useTranslation('site');
  const navigate = useNavigate();
  const { clock } = useSites();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!clock || busy) return;
    const parsed = parseIdNumber(text, serverToday(clock));
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const c = await siteApi.checkIn(siteId, parsed.normalized);
      navigate(`/site/${siteId}/checkins/${c.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <>
      <h1 className="st-title">{t('checkin.title')}</h1>
      <form className="st-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="st-field">
          <span>{t('checkin.idNumber')}</span>
          <input
            name="idNumber"
            className="st-input st-input--id"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoFocus
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            enterKeyHint="go"
            aria-describedby="id-hint"
            aria-invalid={error ? true : undefined}
            data-testid="id-input"
          />
        </label>
        <p className="st-hint" id="id-hint">
          {t('checkin.hint')}
        </p>
        <ErrorNote error={error} />
        <button type="submit" className="st-button" disabled={busy || !clock} data-testid="checkin-submit">
          {busy ? t('busy') : t('checkin.submit')}
        </button>
      </form>
    </>
  );
}
