/**
 * The vaccination site's pages (接种点), for the site staff on a phone or a tablet: the day's
 * queue, check-in to dose to observation on one screen, and the day's stock and checklist.
 * Light on purpose — plain React and CSS, no component library, no charts — because the
 * registration desk of a township health centre has a cheap tablet and a slow line.
 */
import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { addMessages } from '../i18n/index.js';
import { CheckinPage } from './CheckinPage.js';
import { CheckinStart } from './CheckinStart.js';
import { siteMessages } from './messages.js';
import { QueuePage } from './QueuePage.js';
import { SiteLayout } from './SiteLayout.js';
import { SitePicker } from './SitePicker.js';
import { SiteProvider } from './siteContext.js';
import { StockPage } from './StockPage.js';
import './site.css';

addMessages('site', siteMessages);

function SiteArea() {
  const siteId = Number(useParams().siteId);
  if (!Number.isInteger(siteId) || siteId <= 0) return <Navigate to="/site" replace />;
  return (
    <SiteLayout siteId={siteId}>
      <Routes>
        <Route index element={<QueuePage siteId={siteId} />} />
        <Route path="checkin" element={<CheckinStart siteId={siteId} />} />
        <Route path="checkins/:checkinId" element={<CheckinPage siteId={siteId} />} />
        <Route path="stock" element={<StockPage siteId={siteId} />} />
      </Routes>
    </SiteLayout>
  );
}

export default function SiteApp() {
  return (
    <SiteProvider>
      <Routes>
        <Route
          index
          element={
            <SiteLayout>
              <SitePicker />
            </SiteLayout>
          }
        />
        <Route path=":siteId/*" element={<SiteArea />} />
      </Routes>
    </SiteProvider>
  );
}
