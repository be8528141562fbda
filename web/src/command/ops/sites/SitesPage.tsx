import { Card, Input, Skeleton, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useFormat } from '../../../i18n/format.js';
import { useSession } from '../../../shell/session.js';
import { useBilingual } from '../../bilingual.js';
import { useCommand } from '../../CommandContext.js';
import { ErrorAlert } from '../../ErrorAlert.js';
import { useApi } from '../../useApi.js';
import { opsPaths, type Site, type SiteSchedule } from '../opsApi.js';
import { BookingModal, type BookingTarget } from './BookingModal.js';
import { SiteDayPanel } from './SiteDayPanel.js';
import { WeekGrid } from './WeekGrid.js';

/**
 * 接种点与排班 of a township: its sites with hours and capacity, the week's plan per village
 * against the sites' capacity (按村组排班) with booking from the grid, and one site's day — stock
 * and checklist — chosen from the grid (kept in the address: `?site=&day=`).
 */
export function SitesPage() {
  const { t } = useTranslation('ops');
  const f = useFormat();
  const pick = useBilingual();
  const { township = '' } = useParams();
  const { campaignId, today } = useCommand();
  const { can } = useSession();
  const [search, setSearch] = useSearchParams();
  const [from, setFrom] = useState<string | undefined>(undefined);
  const [booking, setBooking] = useState<BookingTarget | null>(null);
  // A booking changes the site's day too: the panel starts afresh after one.
  const [bookings, setBookings] = useState(0);
  const start = from ?? today;
  const schedule = useApi<SiteSchedule>(start ? opsPaths.schedule(township, campaignId, start) : null);
  const s = schedule.data;
  const siteParam = Number(search.get('site'));
  const openSite = Number.isSafeInteger(siteParam) && siteParam > 0 ? siteParam : undefined;
  const openDay = search.get('day') ?? start;
  const showSite = (siteId: number, day: string) =>
    setSearch({ site: String(siteId), day }, { replace: true });

  const columns: TableColumnsType<Site> = [
    {
      title: t('sites.name'),
      dataIndex: 'name',
      render: (n: string, site) => (
        <button type="button" className="gv-ops-linkbutton" onClick={() => start && showSite(site.id, start)}>
          {n}
        </button>
      ),
    },
    { title: t('sites.kind'), dataIndex: 'kindLabel', render: (k: Site['kindLabel']) => pick(k) },
    { title: t('sites.address'), dataIndex: 'address' },
    { title: t('sites.hours'), key: 'hours', render: (_: unknown, site) => `${site.opens}–${site.closes}` },
    {
      title: t('sites.capacity'),
      dataIndex: 'dailyCapacity',
      align: 'right',
      render: (n: number) => f.number(n),
    },
    {
      title: t('sites.active'),
      dataIndex: 'active',
      render: (a: boolean) => (a ? t('sites.open') : <span className="gv-note">{t('sites.closed')}</span>),
    },
  ];

  return (
    <div className="gv-ops gv-ops-sites">
      <div className="gv-page-head">
        <Typography.Title level={2}>
          {t('sites.title', { township: s?.townshipName ?? township })}
        </Typography.Title>
        <Space wrap>
          <Link to={`/command/ops/orders/${township}`}>{t('menu.orders')}</Link>
          <Link to="/command/ops/sites">{t('sites.other')}</Link>
        </Space>
      </div>
      <ErrorAlert error={schedule.error} onRetry={schedule.reload} />
      {!s && schedule.loading && <Skeleton active />}
      {s && (
        <>
          <Card
            size="small"
            title={<h3 className="gv-card-title">{t('sites.list')}</h3>}
            className="gv-gap-bottom"
          >
            <Table<Site>
              rowKey="id"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={s.sites}
              locale={{ emptyText: <span className="gv-ops-empty">{t('sites.none')}</span> }}
              data-testid="sites"
            />
          </Card>
          <Card
            size="small"
            title={
              <h3 className="gv-card-title">{t('grid.title', { from: f.date(s.from), to: f.date(s.to) })}</h3>
            }
            extra={
              <span className="gv-field gv-field--inline">
                <label htmlFor="grid-from">{t('grid.from')}</label>
                <Input
                  id="grid-from"
                  type="date"
                  value={start ?? ''}
                  onChange={(e) => e.target.value && setFrom(e.target.value)}
                />
              </span>
            }
          >
            <p className="gv-note">{can('bookings.write') ? t('grid.hintBook') : t('grid.hint')}</p>
            <WeekGrid
              schedule={s}
              today={today}
              mayBook={can('bookings.write')}
              onBook={(village, day) => setBooking({ village, day })}
              onOpenSite={showSite}
            />
          </Card>
          {openSite !== undefined && openDay && (
            <SiteDayPanel
              key={bookings}
              sites={s.sites}
              siteId={openSite}
              day={openDay}
              campaignId={campaignId}
              onChange={showSite}
            />
          )}
          <BookingModal
            target={booking}
            schedule={s}
            today={today}
            campaignId={campaignId}
            onClose={(booked) => {
              setBooking(null);
              if (!booked) return;
              schedule.reload();
              setBookings((n) => n + 1);
            }}
          />
        </>
      )}
    </div>
  );
}
