import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { registerSW } from 'virtual:pwa-register';
import { startI18n } from './i18n/index.js';
import { LoginPage } from './shell/LoginPage.js';
import { RequireUser } from './shell/RequireUser.js';
import { homeOf, SessionProvider, useSession } from './shell/session.js';
import './shell/base.css';

/*
 * Each area is its own lazily loaded chunk: a grid member's phone downloads the shell and the
 * field pages, never the command room's component library and charts.
 */
const CommandApp = lazy(() => import('./command/CommandApp.js'));
const FieldApp = lazy(() => import('./field/FieldApp.js'));
const SiteApp = lazy(() => import('./site/SiteApp.js'));
const DriverApp = lazy(() => import('./driver/DriverApp.js'));

function Home() {
  const { user } = useSession();
  return user ? <Navigate to={homeOf(user.role)} replace /> : <Navigate to="/login" replace />;
}

const area = (App: React.ComponentType) => (
  <RequireUser>
    <Suspense fallback={<p className="gv-loading">…</p>}>
      <App />
    </Suspense>
  </RequireUser>
);

// Registered from every page, so the first page a member opens with a network caches the whole app.
registerSW({ immediate: true });

await startI18n();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/command/*" element={area(CommandApp)} />
          <Route path="/field/*" element={area(FieldApp)} />
          <Route path="/site/*" element={area(SiteApp)} />
          <Route path="/driver/*" element={area(DriverApp)} />
          <Route
            path="*"
            element={
              <RequireUser>
                <Home />
              </RequireUser>
            }
          />
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  </StrictMode>,
);
