import { Button, Collapse, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { STATUS_LABELS } from '../../../../src/domain/campaignStatus.js';
import { useFormat } from '../../i18n/format.js';
import { useSession } from '../../shell/session.js';
import { useBilingual } from '../bilingual.js';
import { useCommand } from '../CommandContext.js';
import {
  paths,
  type LedgerAnswer,
  type LedgerClosure,
  type LedgerEntry,
  type UnitProgress,
} from '../commandApi.js';
import { PlaceBreadcrumb } from '../drill/PlaceBreadcrumb.js';
import { knownName, learnNames } from '../drill/placeNames.js';
import { StatusTag, useReasonLabel } from '../drill/StatusTag.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { useApi } from '../useApi.js';
import { CloseByIdForm, CloseEntryModal, type EntryAt } from './CloseEntry.js';

const PAGE = 50;

/**
 * 销号台账 of a unit: its residents still open or unscreened, with what is known and when to follow
 * up, a page at a time; closing an entry (销号) with its reason; and the closures made so far.
 */
export function LedgerPage() {
  const { t } = useTranslation('command');
  const f = useFormat();
  const pick = useBilingual();
  const reasonLabel = useReasonLabel();
  const { code = '' } = useParams();
  const { campaignId } = useCommand();
  const { can } = useSession();
  const [page, setPage] = useState(1);
  const [closing, setClosing] = useState<EntryAt | null>(null);
  const offset = (page - 1) * PAGE;
  const ledger = useApi<LedgerAnswer>(
    campaignId === undefined ? null : paths.ledger(campaignId, code, { limit: PAGE, offset }),
  );
  const history = useApi<{ items: LedgerClosure[] }>(
    campaignId === undefined ? null : paths.ledgerHistory(campaignId, code),
  );
  const unit = useApi<UnitProgress>(
    campaignId === undefined ? null : paths.progress(campaignId, code, code.length < 12 ? 2 : 1),
  );
  if (unit.data) learnNames([unit.data]);
  const name = unit.data?.name ?? code;
  const mayClose = can('ledger.close');

  const columns: TableColumnsType<LedgerEntry> = [
    {
      title: t('name'),
      dataIndex: 'name',
      render: (n: string, e) => <Link to={`/command/residents/${e.gridCode}/${e.residentId}`}>{n}</Link>,
    },
    { title: t('sex'), dataIndex: 'sex', render: (s: string) => t(`sex.${s}`) },
    { title: t('age'), dataIndex: 'age', align: 'right' },
    {
      title: t('idNumber'),
      dataIndex: 'idNumber',
      render: (s: string) => <span className="gv-mono">{s}</span>,
    },
    {
      title: t('phone'),
      dataIndex: 'phone',
      render: (s: string | null) => <span className="gv-mono">{s ?? '—'}</span>,
    },
    {
      title: t('ledger.grid'),
      dataIndex: 'gridCode',
      render: (g: string) => (
        <Link to={`/command/units/${g}`}>
          {knownName(g) ?? `${knownName(g.slice(0, 12)) ?? ''} ${g.slice(-3)}`}
        </Link>
      ),
    },
    { title: t('status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
    {
      title: t('reason'),
      key: 'reason',
      render: (_: unknown, e) => (
        <>
          {e.reasonLabel ? pick(e.reasonLabel) : reasonLabel(e.reason)}
          {e.bookedDate && (
            <div className="gv-note">{t('ledger.booked', { date: f.date(e.bookedDate) })}</div>
          )}
          {e.untilDate && <div className="gv-note">{t('ledger.until', { date: f.date(e.untilDate) })}</div>}
        </>
      ),
    },
    {
      title: t('ledger.followUp'),
      dataIndex: 'followUpDate',
      render: (d: string | null, e) =>
        e.followUpDue ? (
          <Tag color="error" style={{ color: '#a8071a' }}>
            {t('ledger.followUpDue')} {f.date(d)}
          </Tag>
        ) : (
          f.date(d)
        ),
    },
    { title: t('ledger.lastVisit'), dataIndex: 'lastVisitAt', render: (at: string | null) => f.instant(at) },
  ];
  if (mayClose) {
    columns.push({
      title: t('ledger.close'),
      key: 'close',
      render: (_: unknown, e, i) => (
        <Button size="small" onClick={() => setClosing({ entry: e, place: code, offset: offset + i })}>
          {t('ledger.close')}
        </Button>
      ),
    });
  }

  const historyColumns: TableColumnsType<LedgerClosure> = [
    { title: t('ledger.closedAt'), dataIndex: 'at', render: (at: string) => f.instant(at) },
    { title: t('ledger.closedBy'), dataIndex: 'closedBy' },
    { title: t('ledger.reason'), dataIndex: 'reason' },
    {
      title: t('ledger.statusBefore'),
      key: 'before',
      render: (_: unknown, c) => (
        <>
          <StatusTag status={c.statusBefore} /> {reasonLabel(c.reasonBefore)}
        </>
      ),
    },
    { title: t('ledger.statusNow'), dataIndex: 'statusNow', render: (s: string) => <StatusTag status={s} /> },
  ];

  const byReason = Object.entries(ledger.data?.byReason ?? {});
  const refresh = () => {
    ledger.reload();
    history.reload();
  };

  return (
    <div className="gv-ledger">
      <PlaceBreadcrumb code={code} tail={[{ title: t('menu.ledger') }]} />
      <div className="gv-page-head">
        <Typography.Title level={2}>{t('ledger.title', { unit: name })}</Typography.Title>
        <Space wrap>
          {campaignId !== undefined && (
            <a href={`/api/v1/exports/ledger?campaign=${campaignId}&place=${code}`} download>
              {t('ledger.export')}
            </a>
          )}
          <Link to={`/command/lookbacks/${code}`}>{t('drill.lookback')}</Link>
        </Space>
      </div>
      <ErrorAlert error={ledger.error} onRetry={ledger.reload} />
      {ledger.data && (
        <p className="gv-ledger__summary" data-testid="ledger-total">
          <strong>{t('ledger.total', { n: f.number(ledger.data.total) })}</strong>
          {byReason.length > 0 && <span className="gv-note"> {t('ledger.byReason')} </span>}
          {byReason.map(([reason, n]) => (
            <Tag key={reason} className="gv-reason-tag">
              {reason === 'unscreened' ? pick(STATUS_LABELS.unscreened) : reasonLabel(reason)} {f.number(n)}
            </Tag>
          ))}
        </p>
      )}
      <Tabs
        items={[
          {
            key: 'open',
            label: t('ledger.open'),
            children: (
              <>
                <div data-testid="ledger-table">
                  <Table<LedgerEntry>
                    rowKey="residentId"
                    size="small"
                    loading={ledger.loading}
                    columns={columns}
                    dataSource={ledger.data?.entries ?? []}
                    locale={{ emptyText: t('ledger.empty') }}
                    scroll={{ x: 'max-content' }}
                    pagination={{
                      current: page,
                      pageSize: PAGE,
                      total: ledger.data?.total ?? 0,
                      showSizeChanger: false,
                      onChange: setPage,
                    }}
                  />
                </div>
                {mayClose && (
                  <Collapse
                    className="gv-section-title"
                    items={[
                      {
                        key: 'by-id',
                        label: t('ledger.closeById'),
                        children: <CloseByIdForm onClosed={refresh} />,
                      },
                    ]}
                  />
                )}
              </>
            ),
          },
          {
            key: 'history',
            label: t('ledger.history'),
            children: (
              <Table<LedgerClosure>
                rowKey="id"
                size="small"
                loading={history.loading}
                columns={historyColumns}
                dataSource={history.data?.items ?? []}
                locale={{ emptyText: t('ledger.noHistory') }}
                scroll={{ x: 'max-content' }}
              />
            ),
          },
        ]}
      />
      <CloseEntryModal
        target={closing}
        onClose={(closed) => {
          setClosing(null);
          if (closed) refresh();
        }}
      />
    </div>
  );
}
