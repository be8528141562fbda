import { afterAll, beforeAll, expect, it } from 'vitest';
import { request, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { describeInBrowser, launchChromium, newContext, screenshot, signInAs } from './support/browser.js';
import { demoServer, type DemoServer } from './support/demoServer.js';

const JINSHI = '430321205'; // 锦石乡
const JINSHI_VILLAGE = '430321205206'; // 锦石村
const HEALTH_CENTRE = '锦石乡卫生院';
const TEMPORARY_POINT = '锦石乡锦石村临时接种点';

/** The page's clipboard, as the test reads it back (the suite is typed without the DOM). */
interface Clipboarded {
  navigator: { clipboard: { readText(): Promise<string> } };
}

/**
 * The command room's field-operations pages in Chromium on the small demo county, as the county
 * commander and as 锦石乡's township lead: the dispatch orders with the demo's two overdue
 * answers, an order issued to a township and answered by it (签收, 办结), 锦石村's notice and
 * loudspeaker schedule, 锦石乡's week of village bookings with an over-capacity booking refused in
 * the server's words, a site's day with its stock and checklist, and axe on each page.
 */
describeInBrowser('web app: field operations in the command room', () => {
  let server: DemoServer;
  let browser: Browser;
  let commander: BrowserContext;
  let lead: BrowserContext;
  const figures: Record<string, number> = {};
  const issuedTitle = '关于8月10日组织锦石乡攻坚队上门接送60岁以上老人的调度令';

  beforeAll(async () => {
    server = await demoServer(10_000);
    browser = await launchChromium();
    commander = await newContext(browser, 'desk');
    lead = await newContext(browser, 'desk');
    await commander.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    for (const [context, user] of [
      [commander, 'commander'],
      [lead, 'township-lead'],
    ] as const) {
      const page = await context.newPage();
      await signInAs(page, server.url, user);
      await page.close();
    }
  }, 180_000);
  afterAll(async () => {
    console.log(
      `field-operations page figures (10,000-resident demo, shared machine): ${JSON.stringify(figures)}`,
    );
    await browser?.close();
    await server?.stop();
  });

  const serious = async (page: Page) => {
    const result = await new AxeBuilder({ page }).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };

  /** The state a unit's row of an order shows. */
  const stateOf = (page: Page, order: string, unit: string) =>
    page
      .locator(`[data-testid=${order}] tr`, { hasText: unit })
      .locator('[data-state]')
      .getAttribute('data-state');

  it("shows the county's orders with the demo's two overdue answers marked", async () => {
    const page = await commander.newPage();
    const started = Date.now();
    await page.goto(`${server.url}/command/ops/orders`);
    await page.waitForURL(/\/command\/ops\/orders\/430321$/);
    await page.waitForSelector('[data-testid=overdue-alert]');
    figures['orders page (ms)'] = Date.now() - started;
    expect(await page.textContent('h2')).toContain('湘潭县调度令');
    expect(await page.textContent('[data-testid=overdue-alert]')).toContain('共有 2 个单位逾期未办结');
    // The order due at 17:00 on the 9th: 谭家山镇 never acknowledged, 锦石乡 acknowledged, neither reported.
    const overdue = page.locator('tr.gv-ops-row--overdue');
    expect(await overdue.count()).toBe(2);
    expect(await overdue.allTextContents()).toEqual([
      expect.stringMatching(/谭家山镇.*逾期未办结.*逾期1小时/),
      expect.stringMatching(/锦石乡.*逾期未办结.*逾期1小时/),
    ]);
    expect(await page.locator('[data-state=completed-late]').count()).toBe(1);
    // The issuer sees every answer but answers for none of its townships.
    expect(await page.locator('[data-testid^=ack-]').count()).toBe(0);
    await screenshot(page, 'ops-orders-commander');
    expect(await serious(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('lets the commander issue an order to a township, refusing a deadline already past', async () => {
    const page = await commander.newPage();
    await page.goto(`${server.url}/command/ops/orders/430321`);
    await page.click('[data-testid=issue-order]');
    await page.fill('#issue-title', issuedTitle);
    await page.fill(
      '#issue-text',
      '锦石乡：请于8月10日17:00前组织两组攻坚队，对行动不便和居住偏远的60岁以上老人上门接送，接种后送返，并报告接送人数。',
    );
    // The township ticked in the places tree.
    await page.click('#issue-targets');
    await page.fill('#issue-targets', '锦石');
    await page
      .locator('.ant-select-tree-treenode', { hasText: '锦石乡' })
      .locator('.ant-select-tree-checkbox')
      .click();
    await expect.poll(() => page.locator('.ant-drawer .ant-alert-info').textContent()).toContain('1 个单位');
    await page.keyboard.press('Escape');
    expect(await page.inputValue('#issue-deadline')).toBe('2021-08-10T17:00');

    // A deadline before the demo's "now" (18:00 on the 9th) is the server's refusal, shown as it came.
    await page.fill('#issue-deadline', '2021-08-09T12:00');
    await page.click('[data-testid=issue-submit]');
    await page.waitForSelector('[data-testid=issue-error] [role=alert]');
    expect(await page.textContent('[data-testid=issue-error]')).toContain('办结时限应晚于下达时间');
    await screenshot(page, 'ops-issue-order-refused');
    expect(await serious(page)).toEqual([]);

    await page.fill('#issue-deadline', '2021-08-10T17:00');
    await page.click('[data-testid=issue-submit]');
    await page.waitForSelector('.ant-message', { state: 'attached' });
    const card = page.locator('[data-testid^=order-]', { hasText: issuedTitle }).first();
    await card.waitFor();
    expect(await card.textContent()).toContain('办结时限：8月10日 17:00');
    expect(await card.locator('[data-state]').allTextContents()).toEqual(['待签收']);
    await page.close();
  }, 60_000);

  it('lets the township lead acknowledge the new order and report it done', async () => {
    const page = await lead.newPage();
    await page.goto(`${server.url}/command/ops/orders`);
    await page.waitForURL(new RegExp(`/command/ops/orders/${JINSHI}$`));
    const card = page.locator('[data-testid^=order-]', { hasText: issuedTitle }).first();
    await card.waitFor();
    const id = (await card.getAttribute('data-testid'))?.replace('order-', '') ?? '';
    // The lead issues nothing, and still owes the overdue ledger order of the 9th.
    expect(await page.locator('[data-testid=issue-order]').count()).toBe(0);
    expect(await page.textContent('[data-testid=overdue-alert]')).toContain('共有 1 个单位逾期未办结');
    await screenshot(page, 'ops-orders-township-lead');
    expect(await serious(page)).toEqual([]);

    await page.click(`[data-testid=ack-${id}-${JINSHI}]`);
    await expect.poll(() => stateOf(page, `order-${id}`, '锦石乡')).toBe('acknowledged');
    expect(await page.locator(`[data-testid=ack-${id}-${JINSHI}]`).count()).toBe(0);

    await page.click(`[data-testid=complete-${id}-${JINSHI}]`);
    await page.fill('[data-testid=complete-note]', '两组攻坚队上门接送老人42人，均已接种并送返。');
    await page.getByRole('button', { name: '报告办结' }).last().click();
    await expect.poll(() => stateOf(page, `order-${id}`, '锦石乡')).toBe('completed');
    expect(await card.textContent()).toContain('两组攻坚队上门接送老人42人');

    // The county's board shows the answer.
    const board = await commander.newPage();
    await board.goto(`${server.url}/command/ops/orders/430321/${id}`);
    await board.waitForSelector(`[data-testid=order-${id}] [data-state]`);
    expect(await stateOf(board, `order-${id}`, '锦石乡')).toBe('completed');
    await board.close();
    await page.close();
  }, 60_000);

  it("shows 锦石村's notice to copy, its loudspeaker schedule to edit, and its public list", async () => {
    const page = await commander.newPage();
    await page.goto(`${server.url}/command/ops/notices/${JINSHI_VILLAGE}`);
    await page.waitForSelector('[data-testid=notice-text]');
    expect(await page.textContent('h2')).toContain('锦石村村务公告');
    const text = (await page.textContent('[data-testid=notice-text]')) ?? '';
    expect(text).toContain('【锦石村新冠疫苗接种通知】8月9日');
    expect(text).toContain(HEALTH_CENTRE);
    await page.waitForSelector('[data-testid=broadcasts] tr.ant-table-row');
    expect(await page.locator('[data-testid=broadcasts] tr.ant-table-row').count()).toBe(3);
    expect(await page.textContent('[data-testid=broadcasts]')).toMatch(/06:30.*疫苗要打好/);
    await page.waitForSelector('[data-testid=leaders] table');

    await page.click('[data-testid=copy-notice]');
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as Clipboarded).navigator.clipboard.readText()))
      .toContain('【锦石村新冠疫苗接种通知】');
    await screenshot(page, 'ops-notices');
    expect(await serious(page)).toEqual([]);

    // An evening broadcast added to the schedule; the server keeps it in time order.
    await page.click('[data-testid=edit-broadcasts]');
    await page.getByRole('button', { name: '增加时段' }).click();
    await page.fill('#slot-time-3', '20:00');
    await page.fill('#slot-message-3', '明天上午锦石村临时接种点继续接种，请还没接种的乡亲带好身份证。');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('[data-testid=broadcasts] tr.ant-table-row').count()).toBe(4);
    expect(await page.locator('[data-testid=broadcasts] tr.ant-table-row').last().textContent()).toContain(
      '20:00',
    );

    // The day's text edited, then back to the generated one.
    await page.click('[data-testid=edit-notice]');
    await page.fill('#notice-zh', '【锦石村通知】今晚8点村部开会，请各组长参加。');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForSelector('[data-testid=notice-edited]');
    expect(await page.textContent('[data-testid=notice-text]')).toContain('今晚8点村部开会');
    await page.getByRole('button', { name: '恢复自动生成' }).click();
    await expect
      .poll(() => page.textContent('[data-testid=notice-text]'))
      .toContain('【锦石村新冠疫苗接种通知】');

    // In English: the page's words, and the notice's English rendering beside the Chinese.
    await page.click('[data-testid=language-switch]');
    await expect.poll(() => page.textContent('h2')).toContain('Notices of 锦石村');
    await page.getByText('English', { exact: true }).first().click();
    await expect
      .poll(() => page.textContent('[data-testid=notice-text]'))
      .toContain('COVID-19 vaccination notice');
    await screenshot(page, 'ops-notices-en');
    await page.click('[data-testid=language-switch]');
    await page.close();
  }, 90_000);

  it("shows 锦石乡's sites and week grid, and refuses a booking over capacity in the server's words", async () => {
    const page = await lead.newPage();
    const started = Date.now();
    await page.goto(`${server.url}/command/ops/sites`);
    await page.waitForURL(new RegExp(`/command/ops/sites/${JINSHI}$`));
    await page.waitForSelector('[data-testid=week-grid] tr.ant-table-row');
    figures['sites page (ms)'] = Date.now() - started;
    expect(await page.textContent('h2')).toContain('锦石乡接种点与按村组排班');
    expect(await page.locator('[data-testid=sites] tr.ant-table-row').count()).toBe(2);
    // 11 villages, 7 days from the demo's today, each day against the two sites' 250 a day.
    expect(await page.locator('[data-testid=week-grid] tr.ant-table-row').count()).toBe(11);
    expect(await page.locator('[data-testid^=total-]').count()).toBe(7);
    expect(await page.textContent('[data-testid=total-2021-08-10]')).toMatch(/\d+ \/ \d+/);
    await screenshot(page, 'ops-sites-week');
    expect(await serious(page)).toEqual([]);

    // 锦石村 on the 10th at the health centre, whose capacity the other villages already share.
    const centre = await page.evaluate(async (place) => {
      const sites = (await (await fetch(`/api/v1/sites?place=${place}`)).json()) as {
        items: { id: number; name: string }[];
      };
      const id = sites.items.find((s) => s.name === '锦石乡卫生院')?.id;
      const day = (await (await fetch(`/api/v1/sites/${id}/days/2021-08-10`)).json()) as {
        capacity: number;
        villages: { village: string; planned: number }[];
      };
      return { capacity: day.capacity, villages: day.villages };
    }, JINSHI);
    const others = centre.villages
      .filter((v) => v.village !== JINSHI_VILLAGE)
      .reduce((n, v) => n + v.planned, 0);
    const left = centre.capacity - others;
    expect(left).toBeGreaterThan(0);
    await page.click(`[data-testid=cell-${JINSHI_VILLAGE}-2021-08-10]`);
    await page.waitForSelector('#booking-current:has-text("剩余")');
    await page.fill('#booking-planned', String(centre.capacity + 100));
    await page.getByRole('button', { name: '排班' }).last().click();
    await page.waitForSelector('[data-testid=booking-refusal]');
    const refusal = (await page.textContent('[data-testid=booking-refusal]')) ?? '';
    expect(refusal).toContain(`${HEALTH_CENTRE} 2021-08-10 日接种能力 ${centre.capacity} 人`);
    expect(refusal).toContain(`其他村已排 ${others} 人，剩余 ${left} 人`);
    expect(refusal).toContain(`超出 ${others + 100} 人`);
    await screenshot(page, 'ops-booking-refused');
    expect(await serious(page)).toEqual([]);

    // What is left is booked, and the grid shows it.
    await page.fill('#booking-planned', String(left));
    await page.getByRole('button', { name: '排班' }).last().click();
    await expect
      .poll(() => page.textContent(`[data-testid=cell-${JINSHI_VILLAGE}-2021-08-10] .gv-ops-cell__planned`))
      .toBe(String(left));
    await page.close();
  }, 90_000);

  it("shows a site's day: stock reconciled with differences marked, the checklist with what is missing", async () => {
    // A lot given at the temporary point without dose records: the difference the page must show.
    const api = await request.newContext({ baseURL: server.url });
    const login = await api.post('/api/v1/auth/login', {
      data: { username: 'township-lead', password: 'gridvax-demo' },
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const sites = (await (await api.get(`/api/v1/sites?place=${JINSHI}`)).json()) as {
      items: { id: number; name: string }[];
    };
    const point = sites.items.find((s) => s.name === TEMPORARY_POINT);
    expect(point).toBeDefined();
    const stocked = await api.post(`/api/v1/sites/${point?.id}/stock`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        day: '2021-08-09',
        movements: [
          { product: 'sinovac', lot: 'E2E202108A', kind: 'received', vials: 20 },
          { product: 'sinovac', lot: 'E2E202108A', kind: 'given', doses: 6 },
        ],
      },
    });
    expect(stocked.status()).toBe(201);
    await api.dispose();

    const page = await lead.newPage();
    await page.goto(`${server.url}/command/ops/sites/${JINSHI}`);
    await page.waitForSelector('[data-testid=week-grid] tr.ant-table-row');
    await page.getByRole('button', { name: `查看 ${TEMPORARY_POINT} 2021年8月9日 的库存与保障` }).click();
    await page.waitForSelector('[data-testid=site-day] [data-testid=checklist] tr.ant-table-row');
    expect(page.url()).toContain(`site=${point?.id}&day=2021-08-09`);
    expect(await page.textContent('[data-testid=checklist-missing]')).toMatch(/缺：.*风扇.*血压计/);
    expect(await page.locator('[data-testid=checklist] tr.gv-ops-row--overdue').count()).toBe(2);
    expect(await page.textContent('[data-testid=stock-differences]')).toContain('1 个批号');
    const lot = page.locator('[data-testid=stock] tr.gv-ops-row--overdue');
    expect(await lot.textContent()).toMatch(/E2E202108A.*20 剂.*6 剂.*14 剂.*使用多于登记 6 剂/);
    await page.locator('[data-testid=site-day]').scrollIntoViewIfNeeded();
    await screenshot(page, 'ops-site-day');
    expect(await serious(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
