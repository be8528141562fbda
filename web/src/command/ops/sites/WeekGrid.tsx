import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.js';
import type { ScheduleDay, SiteSchedule } from '../opsApi.js';
import { loadOf, weekRows, type GridCell, type GridRow } from './weekGrid.js';

/** A column's day as a week grid heads it: month and day, and the weekday, in the reader's language. */
function useDayHead() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'zh-CN';
  const date = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric' });
  const weekday = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' });
  return (day: string) => {
    const at = new Date(`${day}T00:00:00Z`);
    return { date: date.format(at), weekday: weekday.format(at) };
  };
}

/**
 * 按村组排班 for a week: a row per village with its planned number each day (and, beside it, the
 * residents booked and the people done in the campaign), then a row per site and the day's total
 * against capacity, full and over-capacity days marked. A cell opens the booking of that village
 * and day; a site's cell opens that site's day (stock and checklist).
 */
export function WeekGrid({
  schedule,
  today,
  mayBook,
  onBook,
  onOpenSite,
}: {
  schedule: SiteSchedule;
  today: string | undefined;
  mayBook: boolean;
  onBook: (village: string, day: string) => void;
  onOpenSite: (siteId: number, day: string) => void;
}) {
  const { t } = useTranslation('ops');
  const f = useFormat();
  const dayHead = useDayHead();
  const rows = weekRows(schedule.days);
  const campaign = schedule.campaignId !== null;

  const cell = (row: GridRow, c: GridCell) => {
    const figures = (
      <>
        <span className="gv-ops-cell__planned">{f.number(c.planned)}</span>
        {campaign && (
          <span className="gv-ops-cell__sub">
            {t('grid.bookedDone', { booked: f.number(c.booked), done: f.number(c.done) })}
          </span>
        )}
      </>
    );
    const label = t('grid.bookCell', { village: row.name, day: f.date(c.day), n: c.planned });
    return mayBook && (today === undefined || c.day >= today) ? (
      <button
        type="button"
        className={`gv-ops-cell${c.planned > 0 ? ' gv-ops-cell--planned' : ''}`}
        aria-label={label}
        onClick={() => onBook(row.village, c.day)}
        data-testid={`cell-${row.village}-${c.day}`}
      >
        {figures}
      </button>
    ) : (
      <span className={`gv-ops-cell${c.planned > 0 ? ' gv-ops-cell--planned' : ''}`}>{figures}</span>
    );
  };

  const columns: TableColumnsType<GridRow> = [
    { title: t('grid.village'), dataIndex: 'name', fixed: 'left', width: 110 },
    ...schedule.days.map((d, i) => ({
      key: d.day,
      title: (
        <span className={`gv-ops-dayhead gv-ops-load--${loadOf(d)}`}>
          {dayHead(d.day).date}
          <span className="gv-ops-cell__sub">{dayHead(d.day).weekday}</span>
        </span>
      ),
      align: 'center' as const,
      render: (_: unknown, row: GridRow) => (row.cells[i] ? cell(row, row.cells[i]) : null),
    })),
    { title: t('grid.week'), dataIndex: 'week', align: 'right', render: (n: number) => f.number(n) },
  ];

  const siteCell = (d: ScheduleDay, siteId: number) => {
    const s = d.sites.find((x) => x.siteId === siteId);
    if (!s) return '—';
    return (
      <button
        type="button"
        className={`gv-ops-cell gv-ops-load--${loadOf(s)}`}
        onClick={() => onOpenSite(siteId, d.day)}
        aria-label={t('grid.openSite', { site: s.name, day: f.date(d.day) })}
      >
        {t('grid.ofCapacity', { planned: f.number(s.planned), capacity: f.number(s.capacity) })}
      </button>
    );
  };

  return (
    <div data-testid="week-grid">
      <Table<GridRow>
        rowKey="village"
        size="small"
        bordered
        pagination={false}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <span className="gv-ops-empty">{t('grid.noVillages')}</span> }}
        summary={() => (
          <>
            {schedule.sites
              .filter((s) => s.active)
              .map((s) => (
                <Table.Summary.Row key={s.id} className="gv-ops-siterow">
                  <Table.Summary.Cell index={0}>{s.name}</Table.Summary.Cell>
                  {schedule.days.map((d, i) => (
                    <Table.Summary.Cell key={d.day} index={i + 1} align="center">
                      {siteCell(d, s.id)}
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={schedule.days.length + 1} />
                </Table.Summary.Row>
              ))}
            <Table.Summary.Row className="gv-ops-totalrow">
              <Table.Summary.Cell index={0}>
                <strong>{t('grid.total')}</strong>
              </Table.Summary.Cell>
              {schedule.days.map((d, i) => (
                <Table.Summary.Cell key={d.day} index={i + 1} align="center">
                  <span className={`gv-ops-load--${loadOf(d)}`} data-testid={`total-${d.day}`}>
                    {t('grid.ofCapacity', { planned: f.number(d.planned), capacity: f.number(d.capacity) })}
                    <span className="gv-ops-cell__sub">
                      {loadOf(d) === 'over'
                        ? t('grid.over', { n: f.number(d.planned - d.capacity) })
                        : t('grid.left', { n: f.number(d.left) })}
                    </span>
                  </span>
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={schedule.days.length + 1} align="right">
                {f.number(schedule.days.reduce((s, d) => s + d.planned, 0))}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </>
        )}
      />
    </div>
  );
}
