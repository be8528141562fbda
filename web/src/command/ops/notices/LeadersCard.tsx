import { Card, Skeleton, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Bilingual } from '../../../api/client.js';
import { useFormat } from '../../../i18n/format.js';
import { useBilingual } from '../../bilingual.js';
import { ErrorAlert } from '../../ErrorAlert.js';
import type { Loaded } from '../../useApi.js';
import type { PublicLeaders } from '../opsApi.js';

type Leader = PublicLeaders['items'][number];

/**
 * 带头接种公示: the village's cadres, party members and public servants who are vaccinated, as the
 * village pins it up — name, role, the day of the first dose, nothing more.
 */
export function LeadersCard({ leaders }: { leaders: Loaded<PublicLeaders> }) {
  const { t } = useTranslation('ops');
  const f = useFormat();
  const pick = useBilingual();
  const l = leaders.data;
  return (
    <Card
      size="small"
      title={<h3 className="gv-card-title">{t('leaders.title')}</h3>}
      extra={l && <span className="gv-note">{t('leaders.count', { n: l.items.length })}</span>}
    >
      <ErrorAlert error={leaders.error} onRetry={leaders.reload} />
      {!l && leaders.loading && <Skeleton active />}
      {l && (
        <Table<Leader>
          rowKey={(r) => `${r.name}|${r.role}|${r.firstDoseOn ?? ''}`}
          size="small"
          dataSource={l.items}
          pagination={l.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: <span className="gv-ops-empty">{t('leaders.empty')}</span> }}
          data-testid="leaders"
          columns={[
            { title: t('leaders.name'), dataIndex: 'name' },
            { title: t('leaders.role'), dataIndex: 'roleLabel', render: (r: Bilingual) => pick(r) },
            {
              title: t('leaders.firstDose'),
              dataIndex: 'firstDoseOn',
              render: (d: string | null) => f.date(d),
            },
          ]}
        />
      )}
    </Card>
  );
}
