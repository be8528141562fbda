import { Space, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useFormat } from '../../i18n/format.js';
import { tileColours } from '../colours.js';
import { useCommand } from '../CommandContext.js';
import { NOT_A_TREE, paths, type UnitProgress } from '../commandApi.js';
import { useDrillPath } from '../dashboard/DashboardPage.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { drillLevel } from '../placePath.js';
import { prefetch, useApi } from '../useApi.js';
import { GridPage } from './GridPage.js';
import { PlaceBreadcrumb } from './PlaceBreadcrumb.js';
import { learnNames } from './placeNames.js';
import { UnitFigures } from './UnitFigures.js';

/**
 * 逐级下钻 of a county, township or village: the unit's counts and its units as a table, one
 * request (progress, one level down); a row opens the unit below. A grid is a GridPage.
 */
export function UnitPage() {
  const { code = '' } = useParams();
  return drillLevel(code) === 'grid' ? <GridPage grid={code} /> : <AreaPage code={code} />;
}

function AreaPage({ code }: { code: string }) {
  const { t } = useTranslation('command');
  const f = useFormat();
  const navigate = useNavigate();
  const drillPath = useDrillPath();
  const { campaignId } = useCommand();
  const progress = useApi<UnitProgress>(
    campaignId === undefined ? null : paths.progress(campaignId, code, 1),
  );
  const unit = progress.data;
  if (unit) learnNames([unit]);
  const level = drillLevel(code);

  const columns: TableColumnsType<UnitProgress> = [
    {
      title: t(`level.${unit?.children?.[0]?.level ?? 'township'}`),
      dataIndex: 'shortName',
      render: (name: string, u) => <Link to={`/command/units/${u.code}`}>{name}</Link>,
    },
    { title: t('task'), dataIndex: 'task', align: 'right', render: (n: number | null) => f.number(n) },
    { title: t('done'), dataIndex: 'done', align: 'right', render: (n: number) => f.number(n) },
    {
      title: t('completion'),
      dataIndex: 'completion',
      align: 'right',
      sorter: (a, b) => (a.completion ?? -1) - (b.completion ?? -1),
      render: (c: number | null) => {
        const { fill, ink } = tileColours(c);
        return (
          <span className="gv-chip" style={{ background: fill, color: ink }}>
            {f.percent(c)}
          </span>
        );
      },
    },
    { title: t('today'), dataIndex: 'todayIncrement', align: 'right', render: (n: number) => f.number(n) },
    { title: t('open'), dataIndex: 'open', align: 'right', render: (n: number) => f.number(n) },
    { title: t('unscreened'), dataIndex: 'unscreened', align: 'right', render: (n: number) => f.number(n) },
    {
      title: t('sixtyPlus'),
      key: 'sixtyPlus',
      align: 'right',
      render: (_: unknown, u) => f.percent(u.sixtyPlus.coverage),
    },
    {
      title: t('doubleCleared'),
      key: 'cleared',
      align: 'center',
      render: (_: unknown, u) =>
        u.childUnits > 0
          ? `${u.doubleCleared ? '✓ ' : ''}${u.doubleClearedChildren}/${u.childUnits}`
          : u.doubleCleared
            ? '✓'
            : '—',
    },
  ];

  return (
    <div className="gv-drill">
      <PlaceBreadcrumb code={code} />
      <div className="gv-page-head">
        <Typography.Title level={2}>
          {unit?.name ?? code}
          {level && <span className="gv-level">{t(`level.${level}`)}</span>}
        </Typography.Title>
        <Space wrap>
          <Link to={`/command/ledger/${code}`}>{t('drill.openLedger')}</Link>
          <Link to={`/command/lookbacks/${code}`}>{t('drill.lookback')}</Link>
        </Space>
      </div>
      <ErrorAlert error={progress.error} onRetry={progress.reload} />
      {unit && <UnitFigures unit={unit} />}
      <Typography.Title level={3} className="gv-section-title">
        {t('drill.children')}
      </Typography.Title>
      <div data-testid="drill-children">
        <Table<UnitProgress>
          expandable={NOT_A_TREE}
          rowKey="code"
          size="small"
          loading={progress.loading && !unit}
          columns={columns}
          dataSource={unit?.children ?? []}
          pagination={(unit?.children?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          onRow={(u) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a')) return;
              navigate(`/command/units/${u.code}`);
            },
            onMouseEnter: () => {
              const p = drillPath(u.code);
              if (p) prefetch(p);
            },
            className: 'gv-clickable',
          })}
        />
      </div>
    </div>
  );
}
