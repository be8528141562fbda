import { Col, Input, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCommand } from '../../CommandContext.js';
import { useApi } from '../../useApi.js';
import { opsPaths, type BroadcastSchedule, type PublicLeaders, type VillageNotice } from '../opsApi.js';
import { BroadcastCard } from './BroadcastCard.js';
import { LeadersCard } from './LeadersCard.js';
import { NoticeTextCard } from './NoticeTextCard.js';

/**
 * 村务公告 of one village: the day's text for its WeChat groups, its loudspeaker (村村响) schedule,
 * and its public list of vaccinated cadres, party members and public servants (带头接种公示).
 */
export function NoticesPage() {
  const { t } = useTranslation('ops');
  const { village = '' } = useParams();
  const { campaignId, campaign, today } = useCommand();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const date = chosen ?? today;
  const notice = useApi<VillageNotice>(
    campaignId !== undefined && date ? opsPaths.notice(village, campaignId, date) : null,
  );
  const schedule = useApi<BroadcastSchedule>(opsPaths.broadcasts(village));
  const leaders = useApi<PublicLeaders>(
    campaignId === undefined ? null : opsPaths.leaders(village, campaignId),
  );
  const name = notice.data?.village.shortName ?? leaders.data?.village.shortName ?? village;
  const township = notice.data?.township;

  return (
    <div className="gv-ops gv-ops-notices">
      <div className="gv-page-head">
        <Typography.Title level={2}>{t('notices.title', { village: name })}</Typography.Title>
        <Space wrap>
          {township && (
            <Link to={`/command/ops/sites/${township.code}`}>
              {t('notices.toSites', { township: township.shortName })}
            </Link>
          )}
          <Link to="/command/ops/notices">{t('notices.other')}</Link>
        </Space>
      </div>
      <Space wrap className="gv-gap-bottom">
        <span className="gv-field gv-field--inline">
          <label htmlFor="notice-date">{t('notices.date')}</label>
          <Input
            id="notice-date"
            type="date"
            value={date ?? ''}
            min={campaign?.start}
            max={campaign?.deadline}
            onChange={(e) => e.target.value && setChosen(e.target.value)}
          />
        </span>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <NoticeTextCard notice={notice} village={village} date={date ?? ''} />
        </Col>
        <Col xs={24} xl={12}>
          <div className="gv-ops-stack">
            <BroadcastCard key={village} schedule={schedule} village={village} />
            <LeadersCard leaders={leaders} />
          </div>
        </Col>
      </Row>
    </div>
  );
}
