import { Button, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useFormat } from '../../i18n/format.js';
import { useCommand } from '../CommandContext.js';
import { paths, type PlaceAnswer, type ResidentListItem, type UnitProgress } from '../commandApi.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { useApi } from '../useApi.js';
import { PlaceBreadcrumb } from './PlaceBreadcrumb.js';
import { learnNames } from './placeNames.js';
import { ResidentTable } from './ResidentTable.js';
import { UnitFigures } from './UnitFigures.js';
import { useGridResidents } from './useGridResidents.js';

export interface Household {
  code: string;
  head: string;
  address: string;
  members: ResidentListItem[];
  open: number;
}

const OPEN = new Set(['open', 'unscreened']);

/** A grid's households: the register's (head, address) with the residents listed in each. */
export function householdsOf(
  place: PlaceAnswer | undefined,
  residents: readonly ResidentListItem[],
): Household[] {
  const byCode = new Map<string, Household>();
  for (const c of place?.children ?? []) {
    if (c.level === 'household' && 'address' in c) {
      byCode.set(c.code, { code: c.code, head: c.name, address: c.address, members: [], open: 0 });
    }
  }
  for (const r of residents) {
    if (!r.householdId) continue;
    const h = byCode.get(r.householdId) ?? {
      code: r.householdId,
      head: r.name,
      address: '',
      members: [],
      open: 0,
    };
    h.members.push(r);
    if (r.status && OPEN.has(r.status)) h.open += 1;
    byCode.set(h.code, h);
  }
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

/**
 * A grid: its counts, its households (each opening the household) and its named residents. The
 * residents arrive in one request and the tables show them at once; the register's household
 * names and the grid's counts come alongside.
 */
export function GridPage({ grid }: { grid: string }) {
  const { t } = useTranslation('command');
  const f = useFormat();
  const navigate = useNavigate();
  const { campaignId } = useCommand();
  const residents = useGridResidents(grid);
  const place = useApi<PlaceAnswer>(paths.place(grid));
  const progress = useApi<UnitProgress>(
    campaignId === undefined ? null : paths.progress(campaignId, grid, 0),
  );
  if (progress.data) learnNames([progress.data]);
  const households = useMemo(
    () => householdsOf(place.data, residents.items ?? []),
    [place.data, residents.items],
  );

  const columns: TableColumnsType<Household> = [
    {
      title: t('drill.householdHead'),
      dataIndex: 'head',
      render: (head: string, h) => <Link to={`/command/units/${grid}/households/${h.code}`}>{head}</Link>,
    },
    { title: t('drill.address'), dataIndex: 'address' },
    {
      title: t('drill.members'),
      key: 'members',
      align: 'right',
      render: (_: unknown, h) => f.number(h.members.length),
    },
    { title: t('drill.openMembers'), dataIndex: 'open', align: 'right', render: (n: number) => f.number(n) },
  ];

  return (
    <div className="gv-drill">
      <PlaceBreadcrumb code={grid} />
      <div className="gv-page-head">
        <Typography.Title level={2}>
          {progress.data?.name ?? place.data?.name ?? grid}
          <span className="gv-level">{t('level.grid')}</span>
        </Typography.Title>
        <Space wrap>
          <Link to={`/command/ledger/${grid}`}>{t('drill.openLedger')}</Link>
        </Space>
      </div>
      <ErrorAlert error={residents.error} onRetry={residents.reload} />
      {progress.data && <UnitFigures unit={progress.data} />}
      <Tabs
        className="gv-section-title"
        items={[
          {
            key: 'households',
            label: t('drill.households'),
            children: (
              <div data-testid="household-table">
                <Table<Household>
                  rowKey="code"
                  size="small"
                  loading={residents.loading && !residents.items}
                  columns={columns}
                  dataSource={households}
                  pagination={households.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
                  onRow={(h) => ({
                    onClick: (e) => {
                      if ((e.target as HTMLElement).closest('a')) return;
                      navigate(`/command/units/${grid}/households/${h.code}`);
                    },
                    className: 'gv-clickable',
                  })}
                />
              </div>
            ),
          },
          {
            key: 'residents',
            label: t('drill.residentsList'),
            children: (
              <ResidentTable items={residents.items} loading={residents.loading && !residents.items} />
            ),
          },
        ]}
      />
      {residents.next !== null && (
        <Button onClick={() => void residents.more()} loading={residents.busy}>
          {t('drill.more')}
        </Button>
      )}
    </div>
  );
}
