/** Why a ride is cancelled, or why the resident goes home without a dose: required by the rule. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function ReasonForm({
  name,
  cancel,
  busy,
  onSubmit,
  onBack,
}: {
  name: string;
  cancel: boolean;
  busy: boolean;
  onSubmit: (reason: string) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation('driver');
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <form
      className="dr-reason"
      aria-label={t(cancel ? 'reason.cancelTitle' : 'reason.returnTitle', { name })}
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) return setMissing(true);
        onSubmit(reason.trim());
      }}
    >
      <p className="dr-reason__title">{t(cancel ? 'reason.cancelTitle' : 'reason.returnTitle', { name })}</p>
      <label htmlFor={id}>{t('reason.label')}</label>
      <input
        id={id}
        name="reason"
        maxLength={500}
        value={reason}
        placeholder={t(cancel ? 'reason.hintCancel' : 'reason.hintReturn')}
        aria-invalid={missing || undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setMissing(false);
        }}
      />
      {missing && (
        <p className="dr-error" role="alert">
          {t('reason.required')}
        </p>
      )}
      <div className="dr-moves">
        <button type="submit" disabled={busy}>
          {t('reason.submit')}
        </button>
        <button type="button" className="dr-button--secondary" onClick={onBack}>
          {t('reason.back')}
        </button>
      </div>
    </form>
  );
}
