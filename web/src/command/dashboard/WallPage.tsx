import { Button, ConfigProvider, Skeleton } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useFormat } from '../../i18n/format.js';
import { LanguageSwitch } from '../../shell/LanguageSwitch.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { AtRiskTable } from './AtRiskTable.js';
import { BattleMap } from './BattleMap.js';
import { useDrillPath } from './DashboardPage.js';
import { Headline } from './Headline.js';
import { RankingTable } from './RankingTable.js';
import { dashboardRoot } from './dashboardUnit.js';
import { useDashboardData } from './useDashboardData.js';

const TrendChart = lazy(() => import('./TrendChart.js'));
const REFRESH_MS = 60_000;
const WALL_THEME = { token: { fontSize: 18 } };

/**
 * 大屏: the dashboard for the command room's wall screen — no menu, large type, refreshing
 * itself every minute; the button asks the browser for full screen (a user gesture is required).
 */
export function WallPage() {
  const { t } = useTranslation('command');
  const f = useFormat();
  const navigate = useNavigate();
  const drillPath = useDrillPath();
  const { today, progress, schedule, report } = useDashboardData(REFRESH_MS);
  const unit = dashboardRoot(progress.data, report.data);
  const [updated, setUpdated] = useState<string | null>(null);
  const [full, setFull] = useState(false);

  useEffect(() => {
    if (progress.data) setUpdated(new Date().toISOString());
  }, [progress.data]);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  return (
    <ConfigProvider theme={WALL_THEME}>
      <main className="gv-wall" data-testid="wall">
        <header className="gv-wall__head">
          <h1>{t('dash.title', { unit: unit?.shortName ?? '' })}</h1>
          <div className="gv-wall__tools">
            <span>{today && t('dash.asOf', { date: f.date(today) })}</span>
            <span aria-live="polite">{updated && t('wall.updated', { time: f.instant(updated) })}</span>
            <Button onClick={toggleFullscreen}>{full ? t('wall.exit') : t('fullscreen')}</Button>
            <LanguageSwitch className="gv-command__lang" />
            <Link to="/command">{t('menu.dashboard')}</Link>
          </div>
        </header>
        <ErrorAlert error={progress.error} onRetry={progress.reload} />
        {unit ? <Headline unit={unit} wall /> : <Skeleton active />}
        <div className="gv-wall__grid">
          <section className="gv-wall__map" aria-label={t('map.title')}>
            <h2>{t('map.title')}</h2>
            {unit && <BattleMap root={unit} wall onOpen={(code) => navigate(`/command/units/${code}`)} />}
          </section>
          <section className="gv-wall__ranking" aria-label={t('ranking.title')}>
            <h2>{t('ranking.title')}</h2>
            {unit && (
              <RankingTable
                units={unit.children ?? []}
                reportUnits={report.data?.unit.children}
                drillPath={drillPath}
                wall
              />
            )}
          </section>
          <section className="gv-wall__trend" aria-label={t('trend.title')}>
            <h2>{t('trend.title')}</h2>
            {report.data && unit && (
              <Suspense fallback={<Skeleton active />}>
                <TrendChart trend={report.data.trend} wall />
              </Suspense>
            )}
          </section>
          <section className="gv-wall__risk" aria-label={t('risk.title')}>
            <h2>{t('risk.title')}</h2>
            <AtRiskTable schedule={schedule.data} reportUnits={report.data?.unit.children} wall />
          </section>
        </div>
      </main>
    </ConfigProvider>
  );
}
