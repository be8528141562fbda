import { Descriptions, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useFormat } from '../../i18n/format.js';
import { paths, type PlaceAnswer } from '../commandApi.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { useApi } from '../useApi.js';
import { householdsOf } from './GridPage.js';
import { PlaceBreadcrumb } from './PlaceBreadcrumb.js';
import { ResidentTable } from './ResidentTable.js';
import { useGridResidents } from './useGridResidents.js';

/** A household (户): its head and address, and its members with their status. */
export function HouseholdPage() {
  const { t } = useTranslation('command');
  const f = useFormat();
  const { grid = '', household = '' } = useParams();
  const residents = useGridResidents(grid);
  const place = useApi<PlaceAnswer>(paths.place(grid));
  const h = useMemo(
    () => householdsOf(place.data, residents.items ?? []).find((x) => x.code === household),
    [place.data, residents.items, household],
  );
  const title = t('drill.household', { name: h?.head ?? household });
  return (
    <div className="gv-drill">
      <PlaceBreadcrumb code={grid} tail={[{ title }]} />
      <Typography.Title level={2}>
        {title}
        <span className="gv-level">{t('level.household')}</span>
      </Typography.Title>
      <ErrorAlert error={residents.error} onRetry={residents.reload} />
      {h && (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'address', label: t('drill.address'), children: h.address || '—' },
            { key: 'members', label: t('drill.members'), children: f.number(h.members.length) },
            { key: 'open', label: t('drill.openMembers'), children: f.number(h.open) },
          ]}
        />
      )}
      <Typography.Title level={3} className="gv-section-title">
        {t('drill.residentsList')}
      </Typography.Title>
      <ResidentTable
        items={h?.members ?? (residents.items ? [] : undefined)}
        loading={residents.loading && !residents.items}
      />
    </div>
  );
}
