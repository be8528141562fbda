import { Card, Descriptions, Input, Select, Skeleton, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.js';
import { useBilingual } from '../../bilingual.js';
import { ErrorAlert } from '../../ErrorAlert.js';
import { useApi } from '../../useApi.js';
import { opsPaths, type Site, type SiteDay } from '../opsApi.js';
import { ChecklistTable } from './ChecklistTable.js';
import { StockTable } from './StockTable.js';

type PlannedVillage = SiteDay['villages'][number];

/**
 * One site's day: the villages planned there against its capacity, its stock reconciled with
 * the dose records, and its comfort checklist. Any day can be looked at (yesterday's stock too).
 */
export function SiteDayPanel({
  sites,
  siteId,
  day,
  campaignId,
  onChange,
}: {
  sites: Site[];
  siteId: number;
  day: string;
  campaignId: number | undefined;
  onChange: (siteId: number, day: string) => void;
}) {
  const { t } = useTranslation('ops');
  const f = useFormat();
  const pick = useBilingual();
  const data = useApi<SiteDay>(opsPaths.siteDay(siteId, day, campaignId));
  const d = data.data;

  return (
    <Card
      size="small"
      className="gv-section-title"
      data-testid="site-day"
      title={
        <h3 className="gv-card-title">
          {t('siteDay.title', {
            site: d?.site.name ?? sites.find((s) => s.id === siteId)?.name ?? '',
            day: f.date(day),
          })}
        </h3>
      }
    >
      <Space wrap className="gv-gap-bottom">
        <span className="gv-field gv-field--inline">
          <label htmlFor="siteday-site">{t('siteDay.site')}</label>
          <Select
            id="siteday-site"
            value={siteId}
            style={{ minWidth: 220 }}
            onChange={(v: number) => onChange(v, day)}
            options={sites.map((s) => ({ value: s.id, label: s.name }))}
          />
        </span>
        <span className="gv-field gv-field--inline">
          <label htmlFor="siteday-day">{t('siteDay.day')}</label>
          <Input
            id="siteday-day"
            type="date"
            value={day}
            onChange={(e) => e.target.value && onChange(siteId, e.target.value)}
          />
        </span>
      </Space>
      <ErrorAlert error={data.error} onRetry={data.reload} />
      {!d && data.loading && <Skeleton active />}
      {d && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 4 }}
            items={[
              { key: 'kind', label: t('sites.kind'), children: pick(d.site.kindLabel) },
              { key: 'hours', label: t('sites.hours'), children: `${d.site.opens}–${d.site.closes}` },
              { key: 'capacity', label: t('sites.capacity'), children: f.number(d.capacity) },
              {
                key: 'planned',
                label: t('siteDay.planned'),
                children: (
                  <span className={d.left < 0 ? 'gv-bad' : undefined}>
                    {t('siteDay.plannedLeft', { planned: f.number(d.planned), left: f.number(d.left) })}
                  </span>
                ),
              },
            ]}
          />
          <h4 className="gv-ops-subhead">{t('siteDay.villages')}</h4>
          <Table<PlannedVillage>
            rowKey="village"
            size="small"
            pagination={false}
            dataSource={d.villages}
            locale={{ emptyText: <span className="gv-ops-empty">{t('siteDay.noVillages')}</span> }}
            columns={[
              { title: t('grid.village'), dataIndex: 'name' },
              {
                title: t('siteDay.plannedCol'),
                dataIndex: 'planned',
                align: 'right',
                render: (n: number) => f.number(n),
              },
              {
                title: t('siteDay.booked'),
                dataIndex: 'booked',
                align: 'right',
                render: (n: number | null) => f.number(n),
              },
              {
                title: t('siteDay.done'),
                dataIndex: 'done',
                align: 'right',
                render: (n: number | null) => f.number(n),
              },
              { title: t('siteDay.bookedBy'), dataIndex: 'bookedBy' },
            ]}
          />
          <h4 className="gv-ops-subhead">{t('stock.title')}</h4>
          <StockTable stock={d.stock} />
          <h4 className="gv-ops-subhead">{t('checklist.title')}</h4>
          <ChecklistTable checklist={d.checklist} />
        </>
      )}
    </Card>
  );
}
