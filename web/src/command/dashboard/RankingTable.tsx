import { Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../i18n/format.js';
import { tileColours } from '../colours.js';
import { NOT_A_TREE, type ReportUnit } from '../commandApi.js';
import type { DashboardUnit } from './dashboardUnit.js';
import { rankByCompletion, type Ranked } from '../ranking.js';
import { prefetch } from '../useApi.js';

interface Props {
  units: readonly DashboardUnit[];
  /** The day's report units, for the answerable cadre (包保责任人) when field operations named one. */
  reportUnits?: readonly ReportUnit[];
  /** Where a unit's drill-down reads from, to start reading on hover. */
  drillPath(code: string): string | null;
  wall?: boolean;
}

/** 进度排名: the units by completion, with task, done, today, 60+ coverage and clearance. */
export function RankingTable({ units, reportUnits, drillPath, wall }: Props) {
  const { t } = useTranslation('command');
  const f = useFormat();
  const ranked = useMemo(() => rankByCompletion(units), [units]);
  const answerable = useMemo(() => {
    const m = new Map<string, string>();
    for (const u of reportUnits ?? []) if (u.answerable) m.set(u.code, u.answerable);
    return m;
  }, [reportUnits]);

  const columns: TableColumnsType<Ranked<DashboardUnit>> = [
    { title: t('rank'), dataIndex: 'rank', width: 64, render: (r: number | null) => r ?? '—' },
    {
      title: t('unit'),
      dataIndex: 'shortName',
      render: (name: string, u) => (
        <Link
          to={`/command/units/${u.code}`}
          onMouseEnter={() => {
            const p = drillPath(u.code);
            if (p) prefetch(p);
          }}
        >
          {name}
        </Link>
      ),
    },
    {
      title: t('task'),
      dataIndex: 'task',
      key: 'task',
      align: 'right',
      render: (n: number | null) => f.number(n),
    },
    { title: t('done'), dataIndex: 'done', align: 'right', render: (n: number) => f.number(n) },
    { title: t('today'), dataIndex: 'todayIncrement', align: 'right', render: (n: number) => f.number(n) },
    {
      title: t('completion'),
      dataIndex: 'completion',
      align: 'right',
      render: (c: number | null) => {
        const { fill, ink } = tileColours(c);
        return (
          <span className="gv-chip" style={{ background: fill, color: ink }}>
            {f.percent(c)}
          </span>
        );
      },
    },
    {
      title: t('sixtyPlus'),
      key: 'sixtyPlus',
      align: 'right',
      render: (_: unknown, u) => f.percent(u.sixtyPlus.coverage),
    },
    {
      title: t('doubleClearedChildren'),
      key: 'cleared',
      align: 'right',
      render: (_: unknown, u) =>
        u.childUnits > 0
          ? t('doubleClearedChildren.value', { n: u.doubleClearedChildren, of: u.childUnits })
          : u.doubleCleared
            ? '✓'
            : '—',
    },
  ];
  // The wall is read from across the room: fewer, larger columns (the desk has them all).
  const shown = wall ? columns.filter((c) => c.key !== 'task' && c.key !== 'cleared') : columns;
  if (answerable.size > 0) {
    shown.push({
      title: t('answerable'),
      key: 'answerable',
      render: (_: unknown, u) => answerable.get(u.code) ?? '—',
    });
  }

  return (
    <div data-testid="ranking">
      <Table<Ranked<DashboardUnit>>
        expandable={NOT_A_TREE}
        rowKey="code"
        size="small"
        columns={shown}
        dataSource={ranked}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}
