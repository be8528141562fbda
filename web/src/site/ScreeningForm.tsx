/**
 * The pre-screening (预检) at the door: temperature, health-code colour, blood pressure (the
 * 60-and-over and the hypertensive are measured; both readings or neither) and the guideline's
 * five questions, yes or no. Checked with the domain's own rule before it is sent; the server
 * answers with what the readings suggest, and the doctor decides next.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HEALTH_CODES, HEALTH_CODE_LABELS, type HealthCode } from '../../../src/domain/screening.js';
import { SCREENING_QUESTIONS } from '../../../src/domain/siteScreening.js';
import { Choice } from './Choice.js';
import { checkScreening, emptyScreening, type ScreeningDraft } from './drafts.js';
import { ErrorNote } from './ErrorNote.js';
import { usePick } from './hooks.js';
import { siteApi, type CheckinView } from './siteApi.js';

const TONE: Record<HealthCode, 'ok' | 'warn' | 'bad'> = { green: 'ok', yellow: 'warn', red: 'bad' };

export function ScreeningForm({ c, onSaved }: { c: CheckinView; onSaved: (c: CheckinView) => void }) {
  const { t } = useTranslation('site');
  const pick = usePick();
  const [d, setD] = useState<ScreeningDraft>(emptyScreening);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ScreeningDraft>) => setD((prev) => ({ ...prev, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkScreening(d);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await siteApi.screen(c.id, checked.value));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const allNo = () => set({ answers: Object.fromEntries(SCREENING_QUESTIONS.map((q) => [q.code, false])) });

  return (
    <form className="st-form" onSubmit={(e) => void submit(e)} noValidate data-testid="screening-form">
      <div className="st-row2">
        <label className="st-field st-field--short">
          <span>{t('screen.temperature')}</span>
          <input
            name="temperature"
            className="st-input"
            inputMode="decimal"
            autoComplete="off"
            value={d.temperature}
            onChange={(e) => set({ temperature: e.target.value })}
            placeholder="36.5"
          />
        </label>
      </div>
      <Choice
        name="healthCode"
        legend={t('screen.healthCode')}
        value={d.healthCode}
        onChange={(healthCode) => set({ healthCode })}
        options={HEALTH_CODES.map((h) => ({ value: h, label: pick(HEALTH_CODE_LABELS[h]), tone: TONE[h] }))}
        testId="health-code"
      />
      <fieldset className="st-choice">
        <legend className="st-choice__legend">{t('screen.bloodPressure')}</legend>
        <div className="st-row2">
          <label className="st-field">
            <span>{t('screen.systolic')}</span>
            <input
              name="systolic"
              className="st-input"
              inputMode="numeric"
              autoComplete="off"
              value={d.systolic}
              onChange={(e) => set({ systolic: e.target.value })}
            />
          </label>
          <label className="st-field">
            <span>{t('screen.diastolic')}</span>
            <input
              name="diastolic"
              className="st-input"
              inputMode="numeric"
              autoComplete="off"
              value={d.diastolic}
              onChange={(e) => set({ diastolic: e.target.value })}
            />
          </label>
        </div>
      </fieldset>
      <div className="st-questions">
        <div className="st-questions__head">
          <h3 className="st-subtitle">{t('screen.questions')}</h3>
          <button
            type="button"
            className="st-button st-button--secondary"
            onClick={allNo}
            data-testid="all-no"
          >
            {t('screen.allNo')}
          </button>
        </div>
        {SCREENING_QUESTIONS.map((q, i) => (
          <Choice
            key={q.code}
            name={`q-${q.code}`}
            legend={`${i + 1}. ${pick(q.question)}`}
            value={d.answers[q.code] === undefined ? '' : d.answers[q.code] ? 'yes' : 'no'}
            onChange={(v) => set({ answers: { ...d.answers, [q.code]: v === 'yes' } })}
            options={[
              { value: 'no', label: t('no'), tone: 'ok' },
              { value: 'yes', label: t('yes'), tone: 'bad' },
            ]}
            testId={`question-${q.code}`}
          />
        ))}
      </div>
      <ErrorNote error={error} />
      <button type="submit" className="st-button" disabled={busy} data-testid="screening-submit">
        {busy ? t('busy') : t('screen.submit')}
      </button>
    </form>
  );
}
