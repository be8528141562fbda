import { Alert, Descriptions, Skeleton, Table, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { CHANNEL_LABELS, OUTCOME_LABELS } from '../../../../src/domain/screening.js';
import { productByCode } from '../../../../src/domain/vaccines/catalog.js';
import { useFormat } from '../../i18n/format.js';
import { useBilingual } from '../bilingual.js';
import { useCommand } from '../CommandContext.js';
import { paths, type LedgerAnswer, type LedgerClosure, type PlaceAnswer } from '../commandApi.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { useApi } from '../useApi.js';
import { householdsOf } from './GridPage.js';
import { PlaceBreadcrumb } from './PlaceBreadcrumb.js';
import {
  nextDoseDue,
  recordRows,
  type DoseRow,
  type ResidentRecordAnswer,
  type VisitRow,
} from './residentRecords.js';
import { StatusTag, useReasonLabel } from './StatusTag.js';
import { useGridResidents } from './useGridResidents.js';

const ON_LEDGER = new Set(['open', 'unscreened']);

/**
 * A resident (居民档案): who, where, their status in the campaign and why, what is due next,
 * their visits and doses, and the closures of their ledger entry. The resident comes from their
 * grid's lists, the visits and doses from their own record (ID and phone numbers stay masked),
 * all asked at once.
 */
export function ResidentPage() {
  const { t } = useTranslation('command');
  const f = useFormat();
  const pick = useBilingual();
  const reasonLabel = useReasonLabel();
  const { grid = '', residentId: idText = '' } = useParams();
  const residentId = Number(idText);
  const { campaignId, today } = useCommand();
  const residents = useGridResidents(grid);
  const resident = residents.items?.find((r) => r.residentId === residentId);
  const { next, busy, more } = residents;

  // A big grid lists in pages: keep reading until the resident is found.
  useEffect(() => {
    if (residents.items && !resident && next !== null && !busy && !residents.error) void more();
  }, [residents.items, resident, next, busy, more]);

  const onLedger = resident?.status !== undefined && ON_LEDGER.has(resident.status);
  const ledger = useApi<LedgerAnswer>(
    campaignId !== undefined && onLedger ? paths.ledger(campaignId, grid, { limit: 1000 }) : null,
  );
  const entry = ledger.data?.entries.find((e) => e.residentId === residentId);
  const history = useApi<{ items: LedgerClosure[] }>(
    campaignId === undefined ? null : paths.ledgerHistory(campaignId, grid),
  );
  const closures = (history.data?.items ?? []).filter((c) => c.residentId === residentId);
  // The resident's own record: every visit and dose, however it was recorded (field, site, import).
  const changes = useApi<ResidentRecordAnswer>(
    `/api/v1/residents/by-key/${grid.slice(0, 6)}/${residentId}` +
      (campaignId === undefined ? '' : `?campaign=${campaignId}`),
  );
  const { visits, doses } = useMemo(() => recordRows(changes.data), [changes.data]);
  const place = useApi<PlaceAnswer>(paths.place(grid));
  const household = useMemo(
    () => householdsOf(place.data, residents.items ?? []).find((h) => h.code === resident?.householdId),
    [place.data, residents.items, resident],
  );

  const latestVisit = visits[0];
  const due = resident?.status === 'done' ? nextDoseDue(doses, today) : undefined;
  const nextDue: string[] = [];
  const follow = entry?.followUpDate ?? latestVisit?.followUpDate;
  const booked = entry?.bookedDate ?? latestVisit?.bookedDate;
  const until = entry?.untilDate ?? latestVisit?.untilDate;
  if (booked) nextDue.push(`${t('resident.booked')} ${f.date(booked)}`);
  if (follow) nextDue.push(`${t('resident.followUp')} ${f.date(follow)}`);
  if (until && resident?.status === 'deferred') nextDue.push(`${t('resident.until')} ${f.date(until)}`);
  if (due?.earliest)
    nextDue.push(t('resident.nextDose', { dose: due.doseNumber, date: f.date(due.earliest) }));

  const title = resident?.name ?? t('resident.title');
  const crumbs = [
    ...(household
      ? [
          {
            title: t('drill.household', { name: household.head }),
            to: `/command/units/${grid}/households/${household.code}`,
          },
        ]
      : []),
    { title },
  ];

  const visitColumns = [
    { title: t('visit.at'), dataIndex: 'at', render: (at: string) => f.instant(at) },
    {
      title: t('visit.outcome'),
      dataIndex: 'outcome',
      render: (o: string) =>
        o in OUTCOME_LABELS ? pick(OUTCOME_LABELS[o as keyof typeof OUTCOME_LABELS]) : o,
    },
    {
      title: t('visit.channel'),
      dataIndex: 'channel',
      render: (c: string) =>
        c in CHANNEL_LABELS ? pick(CHANNEL_LABELS[c as keyof typeof CHANNEL_LABELS]) : c,
    },
    { title: t('resident.followUp'), dataIndex: 'followUpDate', render: (d: string | null) => f.date(d) },
    { title: t('resident.booked'), dataIndex: 'bookedDate', render: (d: string | null) => f.date(d) },
    { title: t('reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
  ];
  const doseColumns = [
    { title: t('dose.at'), dataIndex: 'at', render: (at: string) => f.instant(at) },
    {
      title: t('dose.product'),
      dataIndex: 'product',
      render: (p: string) => {
        const product = productByCode(p);
        return product ? pick(product.shortName) : p;
      },
    },
    { title: t('dose.number'), dataIndex: 'doseNumber', align: 'right' as const },
    { title: t('dose.lot'), dataIndex: 'lot', render: (l: string | null) => l ?? '—' },
    { title: t('dose.site'), dataIndex: 'site', render: (s: string | null) => s ?? '—' },
  ];
  const closureColumns = [
    { title: t('ledger.closedAt'), dataIndex: 'at', render: (at: string) => f.instant(at) },
    { title: t('ledger.closedBy'), dataIndex: 'closedBy' },
    { title: t('ledger.reason'), dataIndex: 'reason' },
    { title: t('ledger.statusNow'), dataIndex: 'statusNow', render: (s: string) => <StatusTag status={s} /> },
  ];

  return (
    <div className="gv-drill">
      <PlaceBreadcrumb code={grid} tail={crumbs} />
      <Typography.Title level={2} data-testid="resident-name">
        {title}
        <span className="gv-level">{t('level.resident')}</span>
      </Typography.Title>
      <ErrorAlert error={residents.error} onRetry={residents.reload} />
      {!resident && residents.items && next === null && (
        <Alert type="warning" showIcon title={t('resident.notFound')} />
      )}
      {!resident && !residents.items && <Skeleton active />}
      {resident && (
        <Descriptions
          data-testid="resident-card"
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'status', label: t('resident.status'), children: <StatusTag status={resident.status} /> },
            {
              key: 'reason',
              label: t('reason'),
              children: entry?.reasonLabel ? pick(entry.reasonLabel) : reasonLabel(resident.reason),
            },
            {
              key: 'next',
              label: t('resident.nextDue'),
              children: nextDue.length ? nextDue.join(t('list.separator')) : t('resident.nothingDue'),
            },
            { key: 'sex', label: t('sex'), children: t(`sex.${resident.sex}`) },
            { key: 'age', label: t('age'), children: resident.age },
            { key: 'birth', label: t('birthDate'), children: f.date(resident.birthDate) },
            {
              key: 'id',
              label: t('idNumber'),
              children: <span className="gv-mono">{resident.idNumber}</span>,
            },
            {
              key: 'phone',
              label: t('phone'),
              children: <span className="gv-mono">{resident.phone ?? '—'}</span>,
            },
            {
              key: 'register',
              label: t('registerStatus'),
              children: t(`register.${resident.registerStatus}`, { defaultValue: resident.registerStatus }),
            },
            {
              key: 'household',
              label: t('level.household'),
              children: household ? `${household.head} · ${household.address}` : '—',
            },
            {
              key: 'lastVisit',
              label: t('resident.lastVisit'),
              children: f.instant(entry?.lastVisitAt ?? latestVisit?.at),
            },
          ]}
        />
      )}
      <Typography.Title level={3} className="gv-section-title">
        {t('resident.visits')}
      </Typography.Title>
      <ErrorAlert error={changes.error} />
      <Table<VisitRow>
        rowKey="id"
        size="small"
        columns={visitColumns}
        dataSource={visits}
        pagination={false}
        loading={changes.loading}
      />
      <Typography.Title level={3} className="gv-section-title">
        {t('resident.doses')}
      </Typography.Title>
      <Table<DoseRow>
        rowKey="id"
        size="small"
        columns={doseColumns}
        dataSource={doses}
        pagination={false}
        loading={changes.loading}
      />
      <Typography.Title level={3} className="gv-section-title">
        {t('resident.closures')}
      </Typography.Title>
      <Table<LedgerClosure>
        rowKey="id"
        size="small"
        columns={closureColumns}
        dataSource={closures}
        pagination={false}
        loading={history.loading}
      />
    </div>
  );
}
