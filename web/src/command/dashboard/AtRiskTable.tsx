import { Segmented, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SCHEDULE_STATUS_LABELS, type ScheduleStatus } from '../../../../src/domain/scheduling.js';
import { useFormat } from '../../i18n/format.js';
import { useBilingual } from '../bilingual.js';
import { STATUS_COLORS } from '../colours.js';
import type { ReportUnit, ScheduleAnswer } from '../commandApi.js';

interface Row {
  code: string;
  name: string;
  status: ScheduleStatus;
  needed: number | null;
  actual: number;
  remaining: number | null;
  finish: string | null;
}

const NEEDS_HELP: readonly ScheduleStatus[] = ['behind', 'at-risk'];

/** Behind first, then the widest gap between the rate needed and the rate achieved. */
function needsHelp(rows: Row[]): Row[] {
  return rows
    .filter((r) => NEEDS_HELP.includes(r.status))
    .sort(
      (a, b) =>
        NEEDS_HELP.indexOf(a.status) - NEEDS_HELP.indexOf(b.status) ||
        (b.needed ?? 0) - b.actual - ((a.needed ?? 0) - a.actual),
    );
}

/**
 * 滞后与风险单位: the units that will miss the deadline at their recent pace, with the daily rate
 * they need against the one they achieve (倒排工期). The unit's own units come from the live
 * schedule; one level further down (the villages) from the day's report, when it has come.
 */
export function AtRiskTable({
  schedule,
  reportUnits,
  wall,
}: {
  schedule: ScheduleAnswer | undefined;
  reportUnits: readonly ReportUnit[] | undefined;
  wall?: boolean;
}) {
  const { t } = useTranslation('command');
  const f = useFormat();
  const pick = useBilingual();
  const [level, setLevel] = useState<'children' | 'grandchildren'>('children');

  const children = useMemo(
    () =>
      needsHelp(
        (schedule?.children ?? []).map((c) => ({
          code: c.code,
          name: c.name,
          status: c.schedule.status,
          needed: c.schedule.neededDailyRate,
          actual: c.schedule.recentDailyRate,
          remaining: c.schedule.remaining,
          finish: c.schedule.projectedFinish,
        })),
      ),
    [schedule],
  );
  const grandchildren = useMemo(
    () =>
      needsHelp(
        (reportUnits ?? []).flatMap((u) =>
          (u.children ?? []).map((c) => ({
            code: c.code,
            name: `${u.shortName}${c.shortName}`,
            status: c.status,
            needed: c.neededDailyRate,
            actual: c.recentDailyRate,
            remaining: c.task === null ? null : Math.max(0, c.task - c.done),
            finish: c.projectedFinish,
          })),
        ),
      ),
    [reportUnits],
  );
  const rows = level === 'children' ? children : grandchildren;
  const hasGrandchildren = (reportUnits ?? []).some((u) => (u.children?.length ?? 0) > 0);

  const columns: TableColumnsType<Row> = [
    {
      title: t('unit'),
      dataIndex: 'name',
      render: (name: string, r) => <Link to={`/command/units/${r.code}`}>{name}</Link>,
    },
    {
      title: t('risk.status'),
      dataIndex: 'status',
      render: (s: ScheduleStatus) => (
        <Tag
          style={{
            background: STATUS_COLORS[s].light,
            color: '#1f1f1f',
            borderColor: STATUS_COLORS[s].strong,
          }}
        >
          {pick(SCHEDULE_STATUS_LABELS[s])}
        </Tag>
      ),
    },
    {
      title: t('risk.needed'),
      dataIndex: 'needed',
      align: 'right',
      render: (n: number | null) => f.number(n),
    },
    {
      title: t('risk.actual'),
      dataIndex: 'actual',
      align: 'right',
      render: (n: number) => f.number(Math.round(n * 10) / 10),
    },
    {
      title: t('risk.remaining'),
      dataIndex: 'remaining',
      key: 'remaining',
      align: 'right',
      render: (n: number | null) => f.number(n),
    },
    { title: t('risk.finish'), dataIndex: 'finish', key: 'finish', render: (d: string | null) => f.date(d) },
  ];

  const shown = wall ? columns.filter((c) => c.key !== 'remaining' && c.key !== 'finish') : columns;

  return (
    <div data-testid="at-risk">
      {hasGrandchildren && (
        <Segmented
          className="gv-segmented"
          value={level}
          onChange={(v) => setLevel(v as 'children' | 'grandchildren')}
          options={[
            { value: 'children', label: t(`level.${schedule?.children[0]?.level ?? 'township'}`) },
            {
              value: 'grandchildren',
              label: t(
                `level.${reportUnits?.find((u) => u.children?.length)?.children?.[0]?.level ?? 'village'}`,
              ),
            },
          ]}
        />
      )}
      <Table<Row>
        rowKey="code"
        size={wall ? 'middle' : 'small'}
        columns={shown}
        dataSource={rows}
        loading={!schedule}
        locale={{ emptyText: t('risk.none') }}
        pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}
