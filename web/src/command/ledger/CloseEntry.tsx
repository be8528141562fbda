import { Alert, App, Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, post } from '../../api/client.js';
import { useSession } from '../../shell/session.js';
import { useBilingual } from '../bilingual.js';
import { useCommand } from '../CommandContext.js';
import { paths, type LedgerAnswer, type LedgerClosure, type LedgerEntry } from '../commandApi.js';
import { forget } from '../useApi.js';
import { IdNumberField } from './IdNumberField.js';
import type { TypedId } from './typedIdNumber.js';

/** Where the entry sits in the unit's ledger, to fetch it alone, unmasked (audited). */
export interface EntryAt {
  entry: LedgerEntry;
  place: string;
  offset: number;
}

/**
 * 销号: closing a ledger entry with its reason. The server decides: it refuses while the resident
 * is still open (`ledger.still-open`: record the dose or the closing visit first), and that
 * refusal is shown as the server words it, under a plain heading.
 */
export function CloseEntryModal({
  target,
  onClose,
}: {
  target: EntryAt | null;
  onClose(closed: boolean): void;
}) {
  const { t } = useTranslation('command');
  const pick = useBilingual();
  const { message } = App.useApp();
  const { can } = useSession();
  const { campaignId } = useCommand();
  const [idText, setIdText] = useState('');
  const [verdict, setVerdict] = useState<TypedId | undefined>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const reset = () => {
    setIdText('');
    setVerdict(undefined);
    setReason('');
    setRefusal(null);
    setFailure(null);
  };

  const fillId = async () => {
    if (!target || campaignId === undefined) return;
    try {
      const one = await get<LedgerAnswer>(
        paths.ledger(campaignId, target.place, { limit: 1, offset: target.offset, unmasked: true }),
      );
      const e = one.entries[0];
      if (e && e.residentId === target.entry.residentId) {
        setIdText(e.idNumber);
        setVerdict({ ok: true, idNumber: e.idNumber });
      }
    } catch (e) {
      setFailure(e);
    }
  };

  const submit = async () => {
    if (!verdict?.ok || !reason.trim() || campaignId === undefined) return;
    setBusy(true);
    setRefusal(null);
    setFailure(null);
    try {
      await post<LedgerClosure>(paths.closures(campaignId), {
        idNumber: verdict.idNumber,
        reason: reason.trim(),
      });
      forget(`/api/v1/campaigns/${campaignId}/ledger/`);
      message.success(t('ledger.closed', { name: target?.entry.name ?? verdict.idNumber }));
      reset();
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && e.status !== 401) setRefusal(e);
      else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={target ? t('ledger.closeTitle', { name: target.entry.name }) : ''}
      onCancel={() => {
        reset();
        onClose(false);
      }}
      onOk={() => void submit()}
      okText={t('ledger.submit')}
      cancelText={t('cancel')}
      okButtonProps={{ disabled: !verdict?.ok || !reason.trim(), loading: busy }}
      destroyOnHidden
    >
      <p>{t('ledger.closeHint')}</p>
      {target && (
        <IdNumberField
          id="close-id-number"
          value={idText}
          masked={target.entry.idNumber}
          onChange={(v, verdictNow) => {
            setIdText(v);
            setVerdict(verdictNow);
          }}
        />
      )}
      {target && can('pii.unmask') && (
        <Button type="link" onClick={() => void fillId()}>
          {t('ledger.fillId')}
        </Button>
      )}
      <ReasonField id="close-reason" value={reason} onChange={setReason} />
      {refusal && <Refusal error={refusal} pick={pick} />}
      {failure !== null && <Alert type="error" showIcon title={t('common:error.generic')} />}
    </Modal>
  );
}

function ReasonField({ id, value, onChange }: { id: string; value: string; onChange(v: string): void }) {
  const { t } = useTranslation('command');
  return (
    <div className="gv-field">
      <label htmlFor={id}>{t('ledger.reason')}</label>
      <Input.TextArea
        id={id}
        value={value}
        maxLength={500}
        rows={2}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** The server's refusal: `ledger.still-open` under its own plain heading, anything else as worded. */
export function Refusal({ error, pick }: { error: ApiError; pick: ReturnType<typeof useBilingual> }) {
  const { t } = useTranslation('command');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="close-refusal"
      title={error.code === 'ledger.still-open' ? t('ledger.stillOpen') : pick(error.text)}
      description={error.code === 'ledger.still-open' ? pick(error.text) : undefined}
    />
  );
}

/** 按身份证号销号: for a resident no longer listed (their dose came in) whose entry is still to close. */
export function CloseByIdForm({ onClosed }: { onClosed(): void }) {
  const { t } = useTranslation('command');
  const pick = useBilingual();
  const { message } = App.useApp();
  const { campaignId } = useCommand();
  const [idText, setIdText] = useState('');
  const [verdict, setVerdict] = useState<TypedId | undefined>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const submit = async () => {
    if (!verdict?.ok || !reason.trim() || campaignId === undefined) return;
    setBusy(true);
    setRefusal(null);
    try {
      await post<LedgerClosure>(paths.closures(campaignId), {
        idNumber: verdict.idNumber,
        reason: reason.trim(),
      });
      forget(`/api/v1/campaigns/${campaignId}/ledger/`);
      message.success(t('ledger.closed', { name: verdict.idNumber }));
      setIdText('');
      setReason('');
      setVerdict(undefined);
      onClosed();
    } catch (e) {
      if (e instanceof ApiError) setRefusal(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="gv-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p>{t('ledger.closeHint')}</p>
      <IdNumberField
        id="close-by-id"
        value={idText}
        onChange={(v, verdictNow) => {
          setIdText(v);
          setVerdict(verdictNow);
        }}
      />
      <ReasonField id="close-by-id-reason" value={reason} onChange={setReason} />
      <Button type="primary" htmlType="submit" loading={busy} disabled={!verdict?.ok || !reason.trim()}>
        {t('ledger.submit')}
      </Button>
      {refusal && <Refusal error={refusal} pick={pick} />}
    </form>
  );
}
