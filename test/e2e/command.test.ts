import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { DRILL_ROWS, measureDashboard, measureDrillClick, RANKING_ROWS } from '../../bench/webDashboard.js';
import { describeInBrowser, launchChromium, screenshot, signInAs } from './support/browser.js';
import { demoServer, type DemoServer } from './support/demoServer.js';

/**
 * The command room in Chromium on the small demo county: the dashboard in Chinese with its
 * battle map and ranking, the wall screen, a click-through from the county to a named resident,
 * the language switch, the report downloads, the close-out ledger and its refusal, and axe on
 * the main pages. The speed figures are printed, not asserted tightly: the machine is shared.
 */
describeInBrowser('web app: the command room', () => {
  let server: DemoServer;
  let browser: Browser;
  let desk: BrowserContext;
  const figures: Record<string, unknown> = {};

  /**
   * Desk and wall contexts as support/browser.ts makes them, with service workers blocked: the
   * app's worker, once installed, reloads pages opened before it took over (its auto-update),
   * which would reload a page in the middle of a measurement; the command room's figures are
   * for the network path anyway.
   */
  const newContext = (size: 'desk' | 'wall') =>
    browser.newContext({
      viewport: size === 'wall' ? { width: 1920, height: 1080 } : { width: 1366, height: 860 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      serviceWorkers: 'block',
    });

  beforeAll(async () => {
    server = await demoServer();
    browser = await launchChromium();
    desk = await newContext('desk');
    const page = await desk.newPage();
    await signInAs(page, server.url, 'commander');
    await page.close();
  }, 180_000);
  afterAll(async () => {
    console.log(`command room figures (20,000-resident demo, shared machine): ${JSON.stringify(figures)}`);
    await browser?.close();
    await server?.stop();
  });

  const serious = async (page: Page) => {
    const result = await new AxeBuilder({ page }).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };

  it('opens the dashboard in Chinese with the township tiles, the ranking, the trend and the units at risk', async () => {
    const page = await desk.newPage();
    const paint = await measureDashboard(page, server.url);
    figures['dashboard (cold cache)'] = paint;
    expect(await page.textContent('h2')).toContain('湘潭县接种攻坚作战图');
    // Xiangtan County's 17 townships, each a tile on the map and a row of the ranking.
    expect(await page.locator('[data-testid=battle-map] .gv-tile').count()).toBe(17);
    expect(await page.locator(RANKING_ROWS).count()).toBe(17);
    await expect
      .poll(() => page.locator('[data-testid=battle-map] .gv-minitile').count())
      .toBeGreaterThan(300);
    await page.waitForSelector('.gv-trend__chart svg');
    await page.waitForSelector('[data-testid=at-risk] tbody tr.ant-table-row');
    expect(await page.textContent('[data-testid=headline-sixtyPlus]')).toMatch(/60岁以上.*%/);
    await screenshot(page, 'command-dashboard-desk');

    const again = await desk.newPage();
    figures['dashboard (warm cache)'] = await measureDashboard(again, server.url);
    expect(paint.rankingMs).toBeLessThan(15_000);

    // A township tile opens its villages as tiles; a village tile opens its drill-down.
    await page.click('[data-testid=battle-map] .gv-tile[data-code="430321205"]');
    await expect.poll(() => page.locator('[data-testid=battle-map] .gv-tile').count()).toBe(11);
    await page.click('[data-testid=battle-map] .gv-tile[data-code="430321205206"]');
    await page.waitForURL(/\/command\/units\/430321205206$/);
    expect(await serious(again)).toEqual([]);
    await page.close();
    await again.close();
  }, 120_000);

  it('shows the wall screen without chrome, with a full-screen button', async () => {
    const wall = await newContext('wall');
    const page = await wall.newPage();
    await signInAs(page, server.url, 'commander');
    await page.goto(`${server.url}/command/wall`);
    await page.waitForSelector(RANKING_ROWS);
    await page.waitForSelector('.gv-trend__chart svg');
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    expect(await page.getByRole('button', { name: '全屏' }).count()).toBe(1);
    expect(await page.textContent('[data-testid=wall]')).toContain('每 60 秒自动刷新');
    await screenshot(page, 'command-dashboard-wall');
    await wall.close();
  }, 120_000);

  it('drills down county → 锦石乡 → a village → a grid → a household → a named resident', async () => {
    const page = await desk.newPage();
    await page.goto(`${server.url}/command/units/430321`);
    await page.waitForSelector(DRILL_ROWS);
    const clicks: Record<string, number> = {};
    clicks['county → township'] = await measureDrillClick(page, '锦石乡');
    expect(await page.textContent('[data-testid=unit-figures]')).toContain('任务数');
    await screenshot(page, 'command-drill-down');
    clicks['township → village'] = await measureDrillClick(page, '锦石村');
    const grid = (await page.locator(`${DRILL_ROWS} a`).first().textContent()) ?? '';
    clicks['village → grid'] = await measureDrillClick(
      page,
      grid,
      '[data-testid=household-table] tbody tr.ant-table-row',
    );
    figures['drill-down click to the next table (ms)'] = clicks;
    expect(await serious(page)).toEqual([]);

    await page.locator('[data-testid=household-table] tbody tr.ant-table-row a').first().click();
    await page.waitForURL(/\/households\/\d{19}$/);
    const resident = page.locator('[data-testid=resident-table] tbody tr.ant-table-row a').first();
    await resident.waitFor();
    const name = (await resident.textContent()) ?? '';
    expect(name.length).toBeGreaterThan(1);
    await resident.click();
    await page.waitForURL(/\/command\/residents\/\d{15}\/\d+$/);
    await expect.poll(() => page.textContent('[data-testid=resident-name]')).toContain(name);
    const card = (await page.locator('[data-testid=resident-card]').textContent()) ?? '';
    expect(card).toContain('本次任务状态');
    expect(card).toMatch(/430321\*{8}[0-9X]{4}|\*{8}/);
    // The breadcrumb walks back up in words.
    expect(await page.textContent('.gv-breadcrumb')).toMatch(/湘潭县.*锦石乡.*锦石村/);
    await screenshot(page, 'command-resident');
    await page.close();
  }, 120_000);

  it('switches the dashboard to English and back', async () => {
    const context = await newContext('desk');
    const page = await context.newPage();
    await signInAs(page, server.url, 'commander');
    await page.waitForSelector(RANKING_ROWS);
    await page.click('[data-testid=language-switch]');
    await expect.poll(() => page.textContent('h2')).toContain('vaccination drive');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('nav')).toContain('Dashboard');
    expect(await page.textContent('[data-testid=ranking] thead')).toContain('Completion');
    // Dates follow the language too.
    expect(await page.textContent('.gv-page-head')).toMatch(/Figures of 9 Aug 2021/);
    await screenshot(page, 'command-dashboard-en');
    await page.click('[data-testid=language-switch]');
    await expect.poll(() => page.textContent('h2')).toContain('作战图');
    await context.close();
  }, 120_000);

  it('downloads the daily report as xlsx and PDF, and shows the WeChat text and the battle map', async () => {
    const page = await desk.newPage();
    await page.goto(`${server.url}/command/reports`);
    await page.waitForSelector('[data-testid=download-xlsx]');
    for (const [button, magic] of [
      ['download-xlsx', 'PK'],
      ['download-pdf', '%PDF'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        page.click(`[data-testid=${button}]`),
      ]);
      const file = await download.path();
      const bytes = readFileSync(file);
      expect(bytes.length).toBeGreaterThan(0);
      expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
      expect(download.suggestedFilename()).toMatch(/2021-08-09/);
    }
    await expect.poll(() => page.inputValue('[data-testid=wechat-text]')).toContain('湘潭县');
    await expect
      .poll(() =>
        page.evaluate(() => {
          const img = (
            globalThis as unknown as { document: { querySelector(s: string): unknown } }
          ).document.querySelector('.gv-report-svg') as { complete: boolean; naturalWidth: number } | null;
          return img !== null && img.complete && img.naturalWidth > 0;
        }),
      )
      .toBe(true);
    await screenshot(page, 'command-reports');
    await page.close();
  }, 180_000);

  it('lists the open residents of a ledger, and shows the server’s refusal to close one still open', async () => {
    const page = await desk.newPage();
    await page.goto(`${server.url}/command/ledger/430321205`);
    await page.waitForSelector('[data-testid=ledger-table] tbody tr.ant-table-row');
    expect(await page.textContent('[data-testid=ledger-total]')).toMatch(/待销号 \d+ 人/);
    expect(await page.locator('[data-testid=ledger-table] tbody tr.ant-table-row').count()).toBeGreaterThan(
      0,
    );
    await screenshot(page, 'command-ledger');
    expect(await serious(page)).toEqual([]);

    await page
      .locator('[data-testid=ledger-table] tbody tr.ant-table-row')
      .first()
      .getByRole('button')
      .click();
    await page.getByRole('button', { name: '调取完整身份证号（将记入审计日志）' }).click();
    await expect.poll(() => page.inputValue('#close-id-number')).toMatch(/^\d{17}[\dX]$/);
    await page.fill('#close-reason', '已接种');
    await page.getByRole('button', { name: '确认销号' }).click();
    await page.waitForSelector('[data-testid=close-refusal]');
    expect(await page.textContent('[data-testid=close-refusal]')).toContain('不能销号：该居民仍待接种');
    await screenshot(page, 'command-ledger-refused');
    await page.close();
  }, 120_000);
});
