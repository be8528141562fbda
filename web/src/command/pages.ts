/**
 * The command pages other than the dashboard, each in a chunk of its own with the antd widgets
 * only it uses (forms, modals, tabs), and the preloading that fetches them before they are opened.
 */
export const pages = {
  unit: () => import('./drill/UnitPage.js'),
  household: () => import('./drill/HouseholdPage.js'),
  resident: () => import('./drill/ResidentPage.js'),
  ledger: () => import('./ledger/LedgerPage.js'),
  lookback: () => import('./ledger/LookbackPage.js'),
  setup: () => import('./setup/CampaignSetupPage.js'),
  reports: () => import('./reports/ReportsPage.js'),
};

/**
 * Fetches the other pages' code once the first page has its figures (the dashboard calls this),
 * or after a few seconds on any page, so it never competes with the first figures.
 */
let preloaded = false;
export function preloadPages(): void {
  if (preloaded) return;
  preloaded = true;
  const load = () => Object.values(pages).forEach((p) => void p().catch(() => undefined));
  if (window.requestIdleCallback) window.requestIdleCallback(load, { timeout: 3000 });
  else window.setTimeout(load, 500);
}
