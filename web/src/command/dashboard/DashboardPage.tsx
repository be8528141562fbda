import { Alert, Button, Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useFormat } from '../../i18n/format.js';
import { preloadPages } from '../pages.js';
import { useCommand } from '../CommandContext.js';
import { paths } from '../commandApi.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { drillLevel } from '../placePath.js';
import { AtRiskTable } from './AtRiskTable.js';
import { BattleMap } from './BattleMap.js';
import { Headline } from './Headline.js';
import { RankingTable } from './RankingTable.js';
import { dashboardRoot } from './dashboardUnit.js';
import { useDashboardData } from './useDashboardData.js';

/** ECharts is parsed only once the ranking is drawn, so it never delays the first figures. */
const TrendChart = lazy(() => import('./TrendChart.js'));

/** What a drill-down click on `code` will read: started on hover, so the click finds it ready. */
export function useDrillPath(): (code: string) => string | null {
  const { campaignId } = useCommand();
  return useCallback(
    (code: string) => {
      if (campaignId === undefined) return null;
      return drillLevel(code) === 'grid'
        ? paths.residents(code, campaignId)
        : paths.progress(campaignId, code, 1);
    },
    [campaignId],
  );
}

/** 作战图: the county's (or the user's unit's) battle map, ranking, trend and units at risk. */
export function DashboardPage() {
  const { t } = useTranslation('command');
  const f = useFormat();
  const navigate = useNavigate();
  const drillPath = useDrillPath();
  const { home, campaigns } = useCommand();
  const { today, progress, schedule, report } = useDashboardData();
  const unit = dashboardRoot(progress.data, report.data);

  // With the first figures on screen, the other pages' code can come.
  useEffect(() => {
    if (unit) preloadPages();
  }, [unit]);

  if (campaigns && home === undefined) return <Alert type="warning" showIcon title={t('noUnit')} />;

  return (
    <div className="gv-dashboard">
      <div className="gv-page-head">
        <Typography.Title level={2}>{t('dash.title', { unit: unit?.shortName ?? '' })}</Typography.Title>
        <Space wrap>
          {today && <span>{t('dash.asOf', { date: f.date(today) })}</span>}
          <Button
            onClick={() => {
              progress.reload();
              schedule.reload();
              report.reload();
            }}
          >
            {t('refresh')}
          </Button>
          <Link to="/command/wall">{t('wall')}</Link>
        </Space>
      </div>
      <ErrorAlert error={progress.error} onRetry={progress.reload} />
      {unit ? <Headline unit={unit} /> : <Skeleton active paragraph={{ rows: 1 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={13}>
          <Card
            title={<h3 className="gv-card-title">{t('map.title')}</h3>}
            extra={t('map.caption')}
            size="small"
          >
            {unit ? (
              <BattleMap root={unit} onOpen={(code) => navigate(`/command/units/${code}`)} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} xxl={11}>
          <Card title={<h3 className="gv-card-title">{t('ranking.title')}</h3>} size="small">
            {unit ? (
              <RankingTable
                units={unit.children ?? []}
                reportUnits={report.data?.unit.children}
                drillPath={drillPath}
              />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h3 className="gv-card-title">{t('trend.title')}</h3>} size="small">
            <ErrorAlert error={report.error} onRetry={report.reload} />
            {report.data && unit ? (
              <Suspense fallback={<Skeleton active />}>
                <TrendChart trend={report.data.trend} />
              </Suspense>
            ) : (
              !report.error && <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h3 className="gv-card-title">{t('risk.title')}</h3>} size="small">
            <ErrorAlert error={schedule.error} onRetry={schedule.reload} />
            <AtRiskTable schedule={schedule.data} reportUnits={report.data?.unit.children} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
