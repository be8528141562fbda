import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { useCommand } from '../CommandContext.js';
import { NoticesPage } from './notices/NoticesPage.js';
import { OrdersPage } from './orders/OrdersPage.js';
import { PlacePicker } from './PlacePicker.js';
import { SitesPage } from './sites/SitesPage.js';
import './ops.css';

/** `/command/ops/orders` without a unit opens the user's own unit's board. */
function OwnOrders() {
  const { home } = useCommand();
  return home ? <Navigate to={`/command/ops/orders/${home}`} replace /> : null;
}

/** A page keyed by its place, so moving between places starts it afresh. */
function Keyed({ page: Page }: { page: React.ComponentType }) {
  const params = useParams();
  return <Page key={Object.values(params).join('/')} />;
}

/**
 * The command room's field operations (现场调度, issue 8): dispatch orders, village notices, and
 * the townships' sites and week plans. Its own chunk, loaded when one of its pages is opened.
 */
export default function OpsRoutes() {
  const { t } = useTranslation('ops');
  return (
    <Routes>
      <Route path="orders" element={<OwnOrders />} />
      <Route path="orders/:place" element={<Keyed page={OrdersPage} />} />
      <Route path="orders/:place/:id" element={<Keyed page={OrdersPage} />} />
      <Route
        path="notices"
        element={<PlacePicker level="village" to="/command/ops/notices" title={t('notices.pick')} />}
      />
      <Route path="notices/:village" element={<Keyed page={NoticesPage} />} />
      <Route
        path="sites"
        element={<PlacePicker level="township" to="/command/ops/sites" title={t('sites.pick')} />}
      />
      <Route path="sites/:township" element={<Keyed page={SitesPage} />} />
      <Route path="*" element={<Navigate to="/command/ops/orders" replace />} />
    </Routes>
  );
}
