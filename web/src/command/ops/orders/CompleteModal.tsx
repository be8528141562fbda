import { App, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX } from '../../../../../src/domain/dispatchOrder.js';
import { post } from '../../../api/client.js';
import { ErrorAlert } from '../../ErrorAlert.js';
import { forget } from '../../useApi.js';
import { opsPaths, type DispatchOrder, type OrderTarget } from '../opsApi.js';
import { useSubmit } from '../useSubmit.js';

export interface Answering {
  order: DispatchOrder;
  target: OrderTarget;
}

/** 办结: the unit reports the order done, saying what it did (the note is required). */
export function CompleteModal({
  answering,
  onClose,
}: {
  answering: Answering | null;
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation('ops');
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const send = useSubmit((a: Answering, text: string) =>
    post(opsPaths.complete(a.order.id, a.target.unit.code), { note: text }),
  );
  const close = (done: boolean) => {
    setNote('');
    send.clear();
    onClose(done);
  };
  const submit = async () => {
    if (!answering || !note.trim()) return;
    const done = await send.run(answering, note.trim());
    if (done === undefined) return;
    message.success(t('orders.completed', { unit: answering.target.unit.shortName }));
    forget(opsPaths.ordersPrefix());
    close(true);
  };
  return (
    <Modal
      open={answering !== null}
      title={answering ? t('orders.completeTitle', { unit: answering.target.unit.shortName }) : ''}
      okText={t('orders.completeSubmit')}
      cancelText={t('cancel')}
      onOk={() => void submit()}
      onCancel={() => close(false)}
      confirmLoading={send.busy}
      okButtonProps={{ disabled: !note.trim() }}
      destroyOnHidden
    >
      {answering && <p className="gv-note">{answering.order.title}</p>}
      <label className="gv-field">
        <span>{t('orders.completeNote')}</span>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={NOTE_MAX}
          autoSize={{ minRows: 3, maxRows: 8 }}
          placeholder={t('orders.completeNoteHint')}
          data-testid="complete-note"
        />
      </label>
      <ErrorAlert error={send.error} />
    </Modal>
  );
}
