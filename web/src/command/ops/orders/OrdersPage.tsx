import { Alert, Button, Empty, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  TARGET_STATE_LABELS,
  TARGET_STATES,
  type TargetState,
} from '../../../../../src/domain/dispatchOrder.js';
import { useSession } from '../../../shell/session.js';
import { useBilingual } from '../../bilingual.js';
import { paths, type PlaceAnswer } from '../../commandApi.js';
import { ErrorAlert } from '../../ErrorAlert.js';
import { useApi } from '../../useApi.js';
import { opsPaths, type DispatchOrder } from '../opsApi.js';
import { CompleteModal, type Answering } from './CompleteModal.js';
import { IssueOrderDrawer } from './IssueOrderDrawer.js';
import { OrderCard } from './OrderCard.js';

/**
 * 调度令 of a unit: the orders sent to it or below it, newest first, each with every unit's
 * answer and the overdue ones marked; the command issues new ones here, and a township or a
 * village answers its own (签收、办结). `/…/orders/:place/:id` shows one order alone.
 */
export function OrdersPage() {
  const { t } = useTranslation('ops');
  const pick = useBilingual();
  const { place = '', id } = useParams();
  const { can } = useSession();
  const [state, setState] = useState<TargetState | undefined>(undefined);
  const [issuing, setIssuing] = useState(false);
  const [answering, setAnswering] = useState<Answering | null>(null);
  const one = id !== undefined && /^\d+$/.test(id) ? Number(id) : undefined;

  const unit = useApi<PlaceAnswer>(place ? paths.place(place) : null);
  const list = useApi<{ items: DispatchOrder[] }>(
    one === undefined && place ? opsPaths.orders(place, state) : null,
  );
  const single = useApi<DispatchOrder>(one === undefined ? null : opsPaths.order(one));
  const orders = one === undefined ? list.data?.items : single.data ? [single.data] : undefined;
  const loaded = one === undefined ? list : single;
  const overdue = (orders ?? []).reduce((n, o) => n + o.counts.overdue, 0);
  const name = unit.data?.shortName ?? place;

  return (
    <div className="gv-ops gv-ops-orders">
      <div className="gv-page-head">
        <Typography.Title level={2}>{t('orders.title', { unit: name })}</Typography.Title>
        <Space wrap>
          {one !== undefined && <Link to={`/command/ops/orders/${place}`}>{t('orders.all')}</Link>}
          {can('orders.write') && (
            <Button type="primary" onClick={() => setIssuing(true)} data-testid="issue-order">
              {t('issue.open')}
            </Button>
          )}
        </Space>
      </div>
      {one === undefined && (
        <Space wrap className="gv-gap-bottom">
          <span className="gv-field gv-field--inline">
            <label htmlFor="orders-state">{t('orders.filter')}</label>
            <Select<TargetState | 'all'>
              id="orders-state"
              value={state ?? 'all'}
              onChange={(v) => setState(v === 'all' ? undefined : v)}
              style={{ minWidth: 180 }}
              options={[
                { value: 'all', label: t('orders.filterAll') },
                ...TARGET_STATES.map((s) => ({ value: s, label: pick(TARGET_STATE_LABELS[s]) })),
              ]}
            />
          </span>
        </Space>
      )}
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {orders && overdue > 0 && (
        <Alert
          type="error"
          showIcon
          className="gv-gap-bottom"
          title={t('orders.overdueAlert', { n: overdue })}
          data-testid="overdue-alert"
        />
      )}
      {!orders && loaded.loading && <Skeleton active />}
      {orders && orders.length === 0 && <Empty description={t('orders.empty')} />}
      <div className="gv-ops-order-list">
        {(orders ?? []).map((o) => (
          <OrderCard
            key={o.id}
            order={o}
            place={place}
            onComplete={(order, target) => setAnswering({ order, target })}
            onChanged={loaded.reload}
          />
        ))}
      </div>
      <IssueOrderDrawer
        open={issuing}
        issuer={place}
        onClose={(issued) => {
          setIssuing(false);
          if (issued) loaded.reload();
        }}
      />
      <CompleteModal
        answering={answering}
        onClose={(done) => {
          setAnswering(null);
          if (done) loaded.reload();
        }}
      />
    </div>
  );
}
