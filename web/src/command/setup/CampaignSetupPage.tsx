import { Card, Col, Row, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useFormat } from '../../i18n/format.js';
import { useSession } from '../../shell/session.js';
import { useCommand } from '../CommandContext.js';
import type { Campaign } from '../commandApi.js';
import { parentCode } from '../../../../src/domain/places.js';
import { CreateCampaignForm } from './CreateCampaignForm.js';
import { TaskTable } from './TaskTable.js';

/** 任务分解: the campaigns, a new one, and the chosen campaign's task numbers down the units. */
export function CampaignSetupPage() {
  const { t } = useTranslation('command');
  const f = useFormat();
  const { can, user } = useSession();
  const { campaigns, campaignId, chooseCampaign, home } = useCommand();
  const [search] = useSearchParams();
  const unitCode = search.get('unit') ?? home;
  const up = unitCode && home && unitCode.length > home.length ? parentCode(unitCode) : undefined;

  const columns: TableColumnsType<Campaign> = [
    { title: t('setup.name'), dataIndex: 'name' },
    { title: t('setup.target'), dataIndex: 'target', render: (x: string) => t(`target.${x}`) },
    {
      title: t('setup.ages'),
      key: 'ages',
      render: (_: unknown, c) =>
        c.maxAge === null
          ? t('setup.ageFrom', { min: c.minAge })
          : t('setup.ageRange', { min: c.minAge, max: c.maxAge }),
    },
    { title: t('setup.asOf'), dataIndex: 'asOf', render: (d: string) => f.date(d) },
    { title: t('setup.start'), dataIndex: 'start', render: (d: string) => f.date(d) },
    { title: t('setup.deadline'), dataIndex: 'deadline', render: (d: string) => f.date(d) },
  ];

  return (
    <div className="gv-setup">
      <Typography.Title level={2}>{t('setup.title')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={can('campaigns.write') ? 16 : 24}>
          <Card title={<h3 className="gv-card-title">{t('setup.campaigns')}</h3>} size="small">
            <Table<Campaign>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={campaigns ?? []}
              loading={!campaigns}
              pagination={false}
              scroll={{ x: 'max-content' }}
              rowSelection={{
                type: 'radio',
                selectedRowKeys: campaignId === undefined ? [] : [campaignId],
                onChange: (keys) => keys[0] !== undefined && chooseCampaign(Number(keys[0])),
                columnTitle: <span className="gv-visually-hidden">{t('campaign')}</span>,
                getCheckboxProps: (c) => ({ 'aria-label': c.name }) as never,
              }}
            />
          </Card>
          <Card className="gv-section-title" size="small">
            {up && <Link to={`/command/campaigns?unit=${up}`}>{t('setup.up')}</Link>}
            {unitCode && <TaskTable key={`${campaignId}-${unitCode}`} unitCode={unitCode} />}
          </Card>
        </Col>
        {can('campaigns.write') && (
          <Col xs={24} xl={8}>
            <Card title={<h3 className="gv-card-title">{t('setup.create')}</h3>} size="small">
              <CreateCampaignForm place={user?.places.find((p) => p.length === 6)} />
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
