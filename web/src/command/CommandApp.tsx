import { App as AntApp, ConfigProvider } from 'antd';
import { lazy, useEffect } from 'react';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { addMessages } from '../i18n/index.js';
import { CommandLayout } from './CommandLayout.js';
import { CommandProvider, useCommand } from './CommandContext.js';
import { DashboardPage } from './dashboard/DashboardPage.js';
import { WallPage } from './dashboard/WallPage.js';
import { messages } from './messages.js';
import { pages, preloadPages } from './pages.js';
import { OpsArea } from './ops/OpsArea.js';
import './command.css';

addMessages('command', messages);

/*
 * The dashboard (and its wall) is what the command room opens on, so it comes with this chunk;
 * the other pages, and the antd widgets only they use (forms, modals, tabs), come in chunks of
 * their own, fetched once the dashboard is up, so a drill-down click does not wait for code.
 */
const UnitPage = lazy(() => pages.unit().then((m) => ({ default: m.UnitPage })));
const HouseholdPage = lazy(() => pages.household().then((m) => ({ default: m.HouseholdPage })));
const ResidentPage = lazy(() => pages.resident().then((m) => ({ default: m.ResidentPage })));
const LedgerPage = lazy(() => pages.ledger().then((m) => ({ default: m.LedgerPage })));
const LookbackPage = lazy(() => pages.lookback().then((m) => ({ default: m.LookbackPage })));
const CampaignSetupPage = lazy(() => pages.setup().then((m) => ({ default: m.CampaignSetupPage })));
const ReportsPage = lazy(() => pages.reports().then((m) => ({ default: m.ReportsPage })));

function usePreloadPages(): void {
  useEffect(() => {
    const timer = window.setTimeout(preloadPages, 4000);
    return () => window.clearTimeout(timer);
  }, []);
}

/**
 * The county's red, as on the shell and the printed report; links, secondary text and the
 * breadcrumb darkened from antd's defaults to reach WCAG AA contrast (4.5:1) on white.
 */
const THEME = {
  token: { colorPrimary: '#c4161c', colorLink: '#0958d9', colorTextDescription: '#595959', borderRadius: 6 },
  components: { Breadcrumb: { linkColor: '#595959', itemColor: '#595959', separatorColor: '#595959' } },
};
/** antd spaces out two-character Chinese button labels (刷 新); officials write 刷新. */
const BUTTON = { autoInsertSpace: false };

/** `/command/ledger` without a unit opens the user's own unit. */
function HomeRedirect({ to }: { to: string }) {
  const { home } = useCommand();
  return home ? <Navigate to={`/command/${to}/${home}`} replace /> : null;
}

/** A unit page keyed by its code, so moving between units starts each page afresh. */
function Keyed({ page: Page }: { page: React.ComponentType }) {
  const { code } = useParams();
  return <Page key={code} />;
}

/**
 * The command room (指挥部): dashboard and wall, drill-down to residents, close-out ledger and
 * look-back, campaign setup and the daily report. Loaded lazily, with antd and (later still) the
 * charts, so the field pages never download them.
 */
export default function CommandApp() {
  const { i18n } = useTranslation();
  usePreloadPages();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME} button={BUTTON}>
      <AntApp>
        <CommandProvider>
          <Routes>
            <Route path="wall" element={<WallPage />} />
            <Route element={<CommandLayout />}>
              <Route index element={<DashboardPage />} />
              <Route path="units" element={<HomeRedirect to="units" />} />
              <Route path="units/:code" element={<Keyed page={UnitPage} />} />
              <Route path="units/:grid/households/:household" element={<HouseholdPage />} />
              <Route path="residents/:grid/:residentId" element={<ResidentPage />} />
              <Route path="ledger" element={<HomeRedirect to="ledger" />} />
              <Route path="ledger/:code" element={<Keyed page={LedgerPage} />} />
              <Route path="lookbacks" element={<HomeRedirect to="lookbacks" />} />
              <Route path="lookbacks/:code" element={<Keyed page={LookbackPage} />} />
              <Route path="campaigns" element={<CampaignSetupPage />} />
              <Route path="reports" element={<ReportsPage />} />
              <Route path="ops/*" element={<OpsArea />} />
              <Route path="*" element={<Navigate to="/command" replace />} />
            </Route>
          </Routes>
        </CommandProvider>
      </AntApp>
    </ConfigProvider>
  );
}
