/**
 * A suspected adverse event following immunization (疑似预防接种异常反应): what, how severe, when
 * it began, how it ended, and what was seen and done. Anaphylaxis is severe by definition (the
 * form sets it); a severe event is urgent — the county is told within 2 hours — and the answer
 * says so. The onset defaults to the server's time, which is never before the dose.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AEFI_KINDS,
  AEFI_KIND_LABELS,
  AEFI_OUTCOMES,
  AEFI_OUTCOME_LABELS,
  AEFI_SEVERITIES,
  AEFI_SEVERITY_LABELS,
  SEVERE_REPORT_HOURS,
  type AefiKind,
  type AefiOutcome,
  type AefiSeverity,
} from '../../../src/domain/aefi.js';
import { Choice } from './Choice.js';
import { ErrorNote } from './ErrorNote.js';
import { usePick } from './hooks.js';
import { fromShanghaiLocal, toShanghaiLocal } from './serverClock.js';
import type { AefiInput } from './siteApi.js';

export function AefiForm({
  defaultOnset,
  onSubmit,
  onCancel,
}: {
  /** ISO: the dose or the server's now, whichever is later. */
  defaultOnset: string;
  onSubmit: (input: AefiInput) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('site');
  const pick = usePick();
  const [what, setWhat] = useState<AefiKind | ''>('');
  const [severity, setSeverity] = useState<AefiSeverity | ''>('');
  const [onset, setOnset] = useState(() => toShanghaiLocal(defaultOnset));
  const [outcome, setOutcome] = useState<AefiOutcome | ''>('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const local = (zh: string) => ({ code: 'aefi.form', message: { zh, en: zh } });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!what || !severity || !outcome) return setError(local(t('aefi.incomplete')));
    // The minute shown is the default's own minute: keep the exact instant unless it was changed.
    const onsetAt = onset === toShanghaiLocal(defaultOnset) ? defaultOnset : fromShanghaiLocal(onset);
    if (!onsetAt) return setError(local(t('aefi.onsetInvalid')));
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit({ what, severity, onsetAt, outcome, description: description.trim() || null });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form
      className="st-form st-card st-card--warn"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="aefi-form"
    >
      <h2 className="st-subtitle">{t('aefi.title')}</h2>
      <label className="st-field">
        <span>{t('aefi.what')}</span>
        <select
          name="what"
          className="st-input"
          value={what}
          onChange={(e) => {
            const k = e.target.value as AefiKind | '';
            setWhat(k);
            if (k === 'anaphylaxis') setSeverity('severe');
          }}
        >
          <option value="">{t('choose')}</option>
          {AEFI_KINDS.map((k) => (
            <option key={k} value={k}>
              {pick(AEFI_KIND_LABELS[k])}
            </option>
          ))}
        </select>
      </label>
      <Choice
        name="severity"
        legend={t('aefi.severity')}
        value={severity}
        onChange={setSeverity}
        options={AEFI_SEVERITIES.map((s) => ({
          value: s,
          label: pick(AEFI_SEVERITY_LABELS[s]),
          tone: s === 'severe' ? 'bad' : s === 'moderate' ? 'warn' : 'ok',
        }))}
        testId="aefi-severity"
      />
      {severity === 'severe' && (
        <p className="st-warn">{t('aefi.severeHint', { hours: SEVERE_REPORT_HOURS })}</p>
      )}
      <label className="st-field">
        <span>{t('aefi.onset')}</span>
        <input
          type="datetime-local"
          name="onsetAt"
          className="st-input"
          value={onset}
          onChange={(e) => setOnset(e.target.value)}
        />
      </label>
      <label className="st-field">
        <span>{t('aefi.outcome')}</span>
        <select
          name="outcome"
          className="st-input"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as AefiOutcome | '')}
        >
          <option value="">{t('choose')}</option>
          {AEFI_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {pick(AEFI_OUTCOME_LABELS[o])}
            </option>
          ))}
        </select>
      </label>
      <label className="st-field">
        <span>{what === 'other' ? t('aefi.descriptionRequired') : t('aefi.description')}</span>
        <textarea
          name="description"
          className="st-input st-textarea"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <ErrorNote error={error} />
      <div className="st-actions">
        <button
          type="submit"
          className="st-button st-button--danger"
          disabled={busy}
          data-testid="aefi-submit"
        >
          {busy ? t('busy') : t('aefi.submit')}
        </button>
        <button type="button" className="st-button st-button--secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
