import { App, Button, Card, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { latenessText } from '../../../../../src/domain/dispatchOrder.js';
import { post } from '../../../api/client.js';
import { useFormat } from '../../../i18n/format.js';
import { useSession } from '../../../shell/session.js';
import { useBilingual } from '../../bilingual.js';
import { ErrorAlert } from '../../ErrorAlert.js';
import { forget } from '../../useApi.js';
import { opsPaths, type DispatchOrder, type OrderTarget } from '../opsApi.js';
import { useSubmit } from '../useSubmit.js';
import { answersFor, mayAcknowledge, mayComplete } from './orderRules.js';
import { StateTag } from './StateTag.js';

/**
 * One dispatch order: what it says, who issued it and by when, and each unit's answer — the
 * overdue ones marked — with 签收 and 办结 for the units the signed-in user answers for.
 */
export function OrderCard({
  order,
  place,
  onComplete,
  onChanged,
}: {
  order: DispatchOrder;
  /** The unit whose board this is, for the link to the order's own page. */
  place: string;
  /** Opens the completion form for a unit's answer. */
  onComplete: (order: DispatchOrder, target: OrderTarget) => void;
  /** An answer was recorded: the board reads the orders again. */
  onChanged: () => void;
}) {
  const { t } = useTranslation('ops');
  const f = useFormat();
  const pick = useBilingual();
  const { message } = App.useApp();
  const { user, can } = useSession();
  const ack = useSubmit((target: OrderTarget) => post(opsPaths.ack(order.id, target.unit.code)));
  const places = user?.places ?? [];
  const mine = (target: OrderTarget) =>
    can('orders.answer') && answersFor(places, order.issuer.code, target.unit.code);
  const answering = order.targets.some(mine);

  const acknowledge = async (target: OrderTarget) => {
    const done = await ack.run(target);
    if (done === undefined) return;
    message.success(t('orders.acknowledged', { unit: target.unit.shortName }));
    forget(opsPaths.ordersPrefix());
    onChanged();
  };

  const columns: TableColumnsType<OrderTarget> = [
    { title: t('orders.unit'), key: 'unit', render: (_: unknown, r) => r.unit.shortName },
    {
      title: t('orders.state'),
      key: 'state',
      render: (_: unknown, r) => (
        <>
          <StateTag state={r.state} />
          {r.minutesLate !== null && <div className="gv-ops-late">{pick(latenessText(r.minutesLate))}</div>}
        </>
      ),
    },
    {
      title: t('orders.acknowledgedAt'),
      key: 'ack',
      render: (_: unknown, r) =>
        r.acknowledgedAt ? (
          <>
            {f.instant(r.acknowledgedAt)}
            <div className="gv-note">{r.acknowledgedBy}</div>
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('orders.completedAt'),
      key: 'done',
      render: (_: unknown, r) =>
        r.completedAt ? (
          <>
            {f.instant(r.completedAt)}
            <div className="gv-note">{r.completedBy}</div>
          </>
        ) : (
          '—'
        ),
    },
    { title: t('orders.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
  ];
  if (answering) {
    columns.push({
      title: t('orders.answer'),
      key: 'answer',
      render: (_: unknown, r) =>
        mine(r) ? (
          <Space wrap>
            {mayAcknowledge(r) && (
              <Button
                size="small"
                type="primary"
                loading={ack.busy}
                onClick={() => void acknowledge(r)}
                aria-label={t('orders.ackUnit', { unit: r.unit.shortName })}
                data-testid={`ack-${order.id}-${r.unit.code}`}
              >
                {t('orders.ack')}
              </Button>
            )}
            {mayComplete(r) && (
              <Button
                size="small"
                onClick={() => onComplete(order, r)}
                aria-label={t('orders.completeUnit', { unit: r.unit.shortName })}
                data-testid={`complete-${order.id}-${r.unit.code}`}
              >
                {t('orders.complete')}
              </Button>
            )}
          </Space>
        ) : null,
    });
  }

  const c = order.counts;
  return (
    <Card
      size="small"
      className="gv-ops-order"
      data-testid={`order-${order.id}`}
      title={
        <h3 className="gv-card-title">
          <Link to={`/command/ops/orders/${place}/${order.id}`}>{order.title}</Link>
        </h3>
      }
      extra={
        <span className={c.overdue > 0 ? 'gv-bad' : 'gv-note'} data-testid={`order-${order.id}-overdue`}>
          {c.overdue > 0 ? t('orders.overdueCount', { n: c.overdue }) : t('orders.noneOverdue')}
        </span>
      }
    >
      <p className="gv-ops-order__meta">
        <span>{t('orders.issuer', { unit: order.issuer.shortName, by: order.issuedBy })}</span>
        <span>{t('orders.issuedAt', { at: f.instant(order.issuedAt) })}</span>
        <strong>{t('orders.deadline', { at: f.instant(order.deadline) })}</strong>
        <span>{t('orders.progress', { ack: c.acknowledged, done: c.completed, of: c.targets })}</span>
      </p>
      <Typography.Paragraph
        className="gv-ops-order__text"
        ellipsis={{ rows: 2, expandable: true, symbol: t('orders.more') }}
      >
        {order.text}
      </Typography.Paragraph>
      <ErrorAlert error={ack.error} />
      <Table<OrderTarget>
        rowKey={(r) => r.unit.code}
        size="small"
        pagination={false}
        columns={columns}
        dataSource={order.targets}
        rowClassName={(r) => (r.state === 'overdue' ? 'gv-ops-row--overdue' : '')}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
