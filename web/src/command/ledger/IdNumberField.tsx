import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../bilingual.js';
import { useCommand } from '../CommandContext.js';
import { checkTypedId, type TypedId } from './typedIdNumber.js';

/** The ID number input with its check said under it; `onChange` gets the text and the verdict. */
export function IdNumberField({
  id,
  value,
  masked,
  onChange,
}: {
  id: string;
  value: string;
  masked?: string;
  onChange(value: string, verdict: TypedId): void;
}) {
  const { t } = useTranslation('command');
  const pick = useBilingual();
  const { today } = useCommand();
  const verdict = value ? checkTypedId(value, masked, today ?? '2100-01-01') : undefined;
  const problem =
    verdict && !verdict.ok
      ? verdict.problem === 'mismatch'
        ? t('ledger.idMismatch', { masked })
        : pick(verdict.problem)
      : undefined;
  return (
    <div className="gv-field">
      <label htmlFor={id}>{t('ledger.idNumber')}</label>
      <Input
        id={id}
        value={value}
        autoComplete="off"
        maxLength={40}
        placeholder={masked}
        status={problem ? 'error' : undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) =>
          onChange(e.target.value, checkTypedId(e.target.value, masked, today ?? '2100-01-01'))
        }
        className="gv-mono"
      />
      {problem && (
        <div id={`${id}-problem`} className="gv-field__problem">
          {problem}
        </div>
      )}
    </div>
  );
}
