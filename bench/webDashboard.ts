/**
 * The command room's two speed figures in a real browser (issue 6): the dashboard's first
 * meaningful paint — the moment the ranking table has its rows, the figures a commander opens
 * the page for — and a drill-down click's time to the next level's table. The functions are
 * shared with the browser suite (test/e2e/command.test.ts), which prints them on the small demo;
 * run as a script they measure a running server, such as the 800,000-resident demo:
 *
 *   npm start                                  # builds and serves the big demo on :8080
 *   GRIDVAX_URL=http://127.0.0.1:8080 node dist/bench/webDashboard.js
 *
 * Knobs: GRIDVAX_URL (required), GRIDVAX_USER (commander), GRIDVAX_PASSWORD (gridvax-demo),
 * GRIDVAX_CHROMIUM (/usr/bin/chromium), BENCH_RUNS (5). Prints one JSON line of figures.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { median } from './stats.js';

export interface DashboardPaint {
  /** performance.now() (ms since the navigation started) when the ranking table had rows. */
  rankingMs: number;
  /** The browser's paint entries, ms since the navigation started. */
  firstPaintMs: number | null;
  firstContentfulPaintMs: number | null;
  /** When the HTML's response ended and DOMContentLoaded fired. */
  responseEndMs: number | null;
  domContentLoadedMs: number | null;
}

/** What the measuring functions use of the page's window (this file has no DOM types). */
interface PageGlobals {
  __gvRankingAt?: number;
  __gvDrillMs?: number;
  performance: {
    now(): number;
    getEntriesByName(name: string): { startTime: number }[];
    getEntriesByType(type: string): { responseEnd?: number; domContentLoadedEventEnd?: number }[];
  };
  document: {
    querySelector(s: string): { textContent: string | null } | null;
    querySelectorAll(s: string): { length: number };
    addEventListener(type: string, listener: () => void, options: { capture: boolean; once: boolean }): void;
  };
  MutationObserver: new (callback: () => void) => {
    observe(
      target: unknown,
      options: { childList: boolean; subtree: boolean; characterData?: boolean },
    ): void;
    disconnect(): void;
  };
}

export const RANKING_ROWS = '[data-testid=ranking] tbody tr.ant-table-row';
export const DRILL_ROWS = '[data-testid=drill-children] tbody tr.ant-table-row';

/**
 * Records, from the page's first script on, when the ranking rows first exist: a mutation
 * observer, so the figure is the DOM's own moment rather than when a poll noticed it.
 */
const WATCH_RANKING = `(() => {
  const seen = () => {
    if (window.__gvRankingAt === undefined && document.querySelector(${JSON.stringify(RANKING_ROWS)})) {
      window.__gvRankingAt = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
})();`;

/**
 * Asks the page until `read` answers. Not page.waitForFunction: that builds its predicate with
 * eval inside the page, which the app's Content-Security-Policy (no unsafe-eval) forbids. The
 * figures themselves are taken inside the page; this only collects them.
 */
async function collect<T>(page: Page, read: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(read);
    if (value !== undefined && value !== null) return value as T;
    if (Date.now() > end) throw new Error(`the page did not get there within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Opens the dashboard in `page` (already signed in) and reads its first meaningful paint. */
export async function measureDashboard(
  page: Page,
  baseUrl: string,
  path = '/command',
): Promise<DashboardPaint> {
  await page.addInitScript(WATCH_RANKING);
  await page.goto(`${baseUrl}${path}`);
  // In-page code travels as function source (no closures); this file is type-checked for Node,
  // so the page's globals are typed by PageGlobals.
  return collect(
    page,
    () => {
      const w = globalThis as unknown as PageGlobals;
      if (w.__gvRankingAt === undefined) return undefined;
      const paint = (name: string) => w.performance.getEntriesByName(name)[0]?.startTime ?? null;
      const nav = w.performance.getEntriesByType('navigation')[0];
      return {
        rankingMs: w.__gvRankingAt,
        firstPaintMs: paint('first-paint'),
        firstContentfulPaintMs: paint('first-contentful-paint'),
        responseEndMs: nav?.responseEnd ?? null,
        domContentLoadedMs: nav?.domContentLoadedEventEnd ?? null,
      };
    },
    60_000,
  );
}

/**
 * Clicks the link named `name` in the drill-down table, as a user does (the mouse moves over
 * the row first), and times it inside the page from the click event to the DOM change that shows the
 * next level's table with its rows under a title naming the unit.
 */
export async function measureDrillClick(page: Page, name: string, rows = DRILL_ROWS): Promise<number> {
  const link = page.locator('[data-testid=drill-children] a', { hasText: name }).first();
  await link.scrollIntoViewIfNeeded();
  await link.hover();
  await page.evaluate(
    ([unit, selector]) => {
      const w = globalThis as unknown as PageGlobals;
      w.__gvDrillMs = undefined;
      // From the click itself, not from when the driver started moving towards it.
      let start: number | undefined;
      w.document.addEventListener('click', () => (start = w.performance.now()), {
        capture: true,
        once: true,
      });
      const observer = new w.MutationObserver(() => {
        if (start === undefined) return;
        const title = w.document.querySelector('h2')?.textContent ?? '';
        if (!title.includes(unit) || w.document.querySelectorAll(selector).length === 0) return;
        w.__gvDrillMs = w.performance.now() - start;
        observer.disconnect();
      });
      observer.observe(w.document, { childList: true, subtree: true, characterData: true });
    },
    [name, rows] as const,
  );
  await link.click();
  return collect(page, () => (globalThis as unknown as PageGlobals).__gvDrillMs, 30_000);
}

export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The first township, its first village and that village's first grid, as the tables list them. */
async function firstChild(page: Page): Promise<string> {
  const text = await page.locator(`${DRILL_ROWS} a`).first().textContent();
  if (!text) throw new Error('the drill-down table has no rows');
  return text;
}

export interface CommandRoomFigures {
  url: string;
  runs: number;
  /** Medians: the ranking drawn in a cold context (first visit) and a warm one (cached app). */
  dashboardRankingColdMs: number;
  dashboardRankingWarmMs: number;
  firstContentfulPaintMs: number;
  drillClickMs: Record<'township' | 'village' | 'grid', number>;
  targets: { dashboardMs: number; drillClickMs: number };
}

/** Signs in `runs` times in fresh browser contexts and measures the dashboard and a drill-down. */
export async function measureCommandRoom(
  baseUrl: string,
  options: { runs: number; user?: string; password?: string; chromium?: string; county?: string },
): Promise<CommandRoomFigures> {
  const browser: Browser = await chromium.launch({
    executablePath: options.chromium ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    const fcp: number[] = [];
    const clicks = { township: [] as number[], village: [] as number[], grid: [] as number[] };
    for (let i = 0; i < options.runs; i++) {
      // A fresh context is a cold browser cache: the first load downloads the app.
      const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await signIn(page, baseUrl, options.user ?? 'commander', options.password ?? 'gridvax-demo');
      const first = await measureDashboard(page, baseUrl);
      cold.push(first.rankingMs);
      if (first.firstContentfulPaintMs !== null) fcp.push(first.firstContentfulPaintMs);
      const again = await context.newPage();
      warm.push((await measureDashboard(again, baseUrl)).rankingMs);
      await again.goto(`${baseUrl}/command/units/${options.county ?? '430321'}`);
      await again.waitForSelector(DRILL_ROWS);
      for (const level of ['township', 'village', 'grid'] as const) {
        const name = await firstChild(again);
        const rows = level === 'grid' ? '[data-testid=household-table] tbody tr.ant-table-row' : DRILL_ROWS;
        clicks[level].push(await measureDrillClick(again, name, rows));
      }
      await context.close();
    }
    return {
      url: baseUrl,
      runs: options.runs,
      dashboardRankingColdMs: Math.round(median(cold)),
      dashboardRankingWarmMs: Math.round(median(warm)),
      firstContentfulPaintMs: Math.round(median(fcp)),
      drillClickMs: {
        township: Math.round(median(clicks.township)),
        village: Math.round(median(clicks.village)),
        grid: Math.round(median(clicks.grid)),
      },
      targets: { dashboardMs: 1500, drillClickMs: 300 },
    };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const baseUrl = process.env['GRIDVAX_URL'];
  if (!baseUrl) throw new Error('GRIDVAX_URL=http://host:port (a running gridvax serve) is required');
  const figures = await measureCommandRoom(baseUrl, {
    runs: Number(process.env['BENCH_RUNS'] ?? 5),
    ...(process.env['GRIDVAX_USER'] ? { user: process.env['GRIDVAX_USER'] } : {}),
    ...(process.env['GRIDVAX_PASSWORD'] ? { password: process.env['GRIDVAX_PASSWORD'] } : {}),
    ...(process.env['GRIDVAX_CHROMIUM'] ? { chromium: process.env['GRIDVAX_CHROMIUM'] } : {}),
    ...(process.env['GRIDVAX_COUNTY'] ? { county: process.env['GRIDVAX_COUNTY'] } : {}),
  });
  console.log(JSON.stringify(figures));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
