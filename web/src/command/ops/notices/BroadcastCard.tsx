import { App, Button, Card, Input, Skeleton, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BROADCAST_MESSAGE_MAX, MAX_BROADCASTS } from '../../../../../src/domain/villageNotice.js';
import { put } from '../../../api/client.js';
import { useFormat } from '../../../i18n/format.js';
import { useSession } from '../../../shell/session.js';
import { ErrorAlert } from '../../ErrorAlert.js';
import type { Loaded } from '../../useApi.js';
import { opsPaths, type BroadcastSchedule, type BroadcastSlot } from '../opsApi.js';
import { useSubmit } from '../useSubmit.js';

/**
 * 村村响: when the village loudspeaker plays and what, morning to night. Editing replaces the
 * whole schedule at once; the server sorts the times and refuses a time given twice.
 */
export function BroadcastCard({
  schedule,
  village,
}: {
  schedule: Loaded<BroadcastSchedule>;
  village: string;
}) {
  const { t } = useTranslation('ops');
  const f = useFormat();
  const { message } = App.useApp();
  const { can } = useSession();
  const [slots, setSlots] = useState<BroadcastSlot[] | null>(null);
  const save = useSubmit((s: BroadcastSlot[]) =>
    put<BroadcastSchedule>(opsPaths.broadcasts(village), { slots: s }),
  );
  const s = schedule.data;

  const change = (i: number, patch: Partial<BroadcastSlot>) =>
    setSlots((all) => (all ? all.map((slot, j) => (j === i ? { ...slot, ...patch } : slot)) : all));
  const submit = async () => {
    if (!slots) return;
    if ((await save.run(slots)) === undefined) return;
    message.success(t('broadcasts.saved'));
    setSlots(null);
    schedule.reload();
  };

  return (
    <Card
      size="small"
      title={<h3 className="gv-card-title">{t('broadcasts.title')}</h3>}
      extra={
        s &&
        !slots &&
        can('notices.write') && (
          <Button onClick={() => setSlots(s.slots.map((x) => ({ ...x })))} data-testid="edit-broadcasts">
            {t('broadcasts.edit')}
          </Button>
        )
      }
    >
      <ErrorAlert error={schedule.error} onRetry={schedule.reload} />
      {!s && schedule.loading && <Skeleton active />}
      {s && !slots && (
        <>
          <p className="gv-note">
            {s.isDefault
              ? t('broadcasts.default')
              : t('broadcasts.setBy', { by: s.setBy ?? '—', at: f.instant(s.setAt) })}
          </p>
          <Table<BroadcastSlot>
            rowKey="time"
            size="small"
            pagination={false}
            dataSource={s.slots}
            data-testid="broadcasts"
            columns={[
              {
                title: t('broadcasts.time'),
                dataIndex: 'time',
                width: 90,
                render: (v: string) => <strong className="gv-mono">{v}</strong>,
              },
              { title: t('broadcasts.message'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
      {slots && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <ol className="gv-ops-slots">
            {slots.map((slot, i) => (
              <li key={i} className="gv-ops-slot">
                <div className="gv-field">
                  <label htmlFor={`slot-time-${i}`}>{t('broadcasts.time')}</label>
                  <Input
                    id={`slot-time-${i}`}
                    type="time"
                    value={slot.time}
                    onChange={(e) => change(i, { time: e.target.value })}
                    style={{ width: 130 }}
                  />
                </div>
                <div className="gv-field gv-ops-slot__message">
                  <label htmlFor={`slot-message-${i}`}>{t('broadcasts.message')}</label>
                  <Input.TextArea
                    id={`slot-message-${i}`}
                    value={slot.message}
                    maxLength={BROADCAST_MESSAGE_MAX}
                    autoSize={{ minRows: 1, maxRows: 5 }}
                    onChange={(e) => change(i, { message: e.target.value })}
                  />
                </div>
                <Button
                  danger
                  disabled={slots.length <= 1}
                  onClick={() => setSlots(slots.filter((_, j) => j !== i))}
                  aria-label={t('broadcasts.removeAt', { time: slot.time || '—' })}
                >
                  {t('broadcasts.remove')}
                </Button>
              </li>
            ))}
          </ol>
          <ErrorAlert error={save.error} />
          <Space wrap>
            <Button
              disabled={slots.length >= MAX_BROADCASTS}
              onClick={() => setSlots([...slots, { time: '', message: '' }])}
            >
              {t('broadcasts.add')}
            </Button>
            <Button type="primary" htmlType="submit" loading={save.busy}>
              {t('save')}
            </Button>
            <Button
              onClick={() => {
                save.clear();
                setSlots(null);
              }}
            >
              {t('cancel')}
            </Button>
          </Space>
        </form>
      )}
    </Card>
  );
}
