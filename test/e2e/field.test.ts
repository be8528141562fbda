import { AxeBuilder } from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gridvax } from '../support/cli.js';
import { describeInBrowser, launchChromium, newContext, screenshot, signInAs } from './support/browser.js';
import { demoServer, type DemoServer } from './support/demoServer.js';

/**
 * The grid member's day without signal (issue 6): sign in with a network (the service worker
 * caches the app, the worklist goes into IndexedDB), lose the network, record three visits,
 * reload — the list and the three queued visits are still there — and get the network back:
 * the visits arrive, each exactly once, even when an earlier upload reached the server but its
 * answer never reached the phone.
 */

interface QueuedVisit {
  id: string;
  residentId: number | string;
  gridCode: string;
  visit: Record<string, unknown>;
}

/** The demo's grid-member grid (锦石村, double-cleared) has nobody left to visit: the member works the grid with most. */
function busiestGrid(db: string): string {
  const sql = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const row = sql
      .prepare(
        `select grid_code from campaign_residents where campaign_id = 1 and status in ('open', 'unscreened')
         group by grid_code order by count(*) desc, grid_code limit 1`,
      )
      .get() as { grid_code: string };
    return row.grid_code;
  } finally {
    sql.close();
  }
}

function ridesOf(db: string, residentId: string): number {
  const sql = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (
      sql
        .prepare('select count(*) as n from transport_requests where resident_id = ?')
        .get(Number(residentId)) as {
        n: number;
      }
    ).n;
  } finally {
    sql.close();
  }
}

function storedCounts(db: string, ids: string[]): Record<string, number> {
  const sql = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const rows = sql
      .prepare(
        `select id, count(*) as n from screening_visits where id in (${ids.map(() => '?').join(',')}) group by id`,
      )
      .all(...ids) as { id: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.id, r.n]));
  } finally {
    sql.close();
  }
}

/** The phone's outbox, read from IndexedDB as the page sees it (page code as text: Node has no DOM types). */
function outboxOf(page: Page): Promise<QueuedVisit[]> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('gridvax-field');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('outbox').objectStore('outbox').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    };
  })`);
}

/** Signs in from Node, as another client would, for the "answer lost" upload. */
async function apiSession(url: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'grid-member', password: 'gridvax-demo' }),
  });
  const body = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: body.csrfToken };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const badge = (page: Page) => page.locator('[data-testid=pending-badge]');

describeInBrowser('field pages: a grid member records visits offline', () => {
  let server: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let grid: string;

  beforeAll(async () => {
    server = await demoServer();
    grid = busiestGrid(server.db);
    const moved = gridvax([
      'users',
      'places',
      '--db',
      server.db,
      '--username',
      'grid-member',
      '--place',
      grid,
    ]);
    if (moved.code !== 0) throw new Error(`users places failed: ${moved.stderr}`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('records three visits offline, keeps them through a reload, and delivers each exactly once', async () => {
    context = await newContext(browser, 'phone');
    const page = await context.newPage();

    // Online: sign in; the service worker installs and the worklist is stored.
    await signInAs(page, server.url, 'grid-member');
    expect(new URL(page.url()).pathname).toBe('/field');
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    const residents = page.locator('[data-testid=worklist-resident]');
    await residents.first().waitFor();
    expect(await residents.count()).toBeGreaterThanOrEqual(3);
    expect(await badge(page).getAttribute('data-count')).toBe('0');
    await screenshot(page, 'field-worklist');
    expect(await seriousViolations(page)).toEqual([]);
    const keys = (
      await residents.evaluateAll((els) => els.map((e) => e.getAttribute('data-resident')))
    ).slice(0, 3);

    // Offline: three visits with three outcomes.
    await context.setOffline(true);
    await expect.poll(() => page.textContent('[data-testid=network-state]')).toBe('离线');
    const record = async (i: number, fill: () => Promise<void>, shot?: string) => {
      await page.click(`[data-testid=worklist-resident][data-resident="${keys[i]}"]`);
      await page.click('[data-testid=record-visit]');
      // Nothing to type to name the resident: the masked number is there to check the card by eye.
      expect(await page.textContent('[data-testid=masked-id]')).toMatch(/\*{4,}/);
      expect(await page.locator('#fd-idNumber').count()).toBe(0);
      await fill();
      if (shot) {
        await page.evaluate('window.scrollTo(0, 0)');
        await screenshot(page, shot);
        expect(await seriousViolations(page)).toEqual([]);
      }
      await page.click('[data-testid=save-visit]');
      await page.waitForURL((u) => u.pathname === '/field');
      await expect.poll(() => badge(page).getAttribute('data-count')).toBe(String(i + 1));
      expect(
        await page.textContent(
          `[data-testid=worklist-resident][data-resident="${keys[i]}"] [data-testid=resident-mark]`,
        ),
      ).toBe('已记录，待上传');
    };
    await record(0, async () => {
      await page.click('[data-outcome=refused]');
      await page.locator('.fd-chip').first().click();
    });
    await record(
      1,
      async () => {
        await page.click('[data-outcome=away]');
        await page.fill('#fd-placeText', '广东省东莞市');
        await page.locator('.fd-chip', { hasText: '+7天' }).click();
      },
      'field-form',
    );
    await record(2, async () => {
      await page.click('[data-outcome=booked]');
      // The township's site is offered when the demo has one; otherwise the member types it.
      if (await page.locator('input#fd-site').count()) await page.fill('#fd-site', '锦石乡卫生院接种点');
    });
    expect(await badge(page).textContent()).toContain('待上传 3');

    // An incomplete visit is refused on the phone, before anything is queued.
    await page.click(`[data-testid=worklist-resident][data-resident="${keys[0]}"]`);
    await page.click('[data-testid=record-visit]');
    await page.click('[data-outcome=refused]');
    await page.click('[data-testid=save-visit]');
    await expect.poll(() => page.textContent('[data-testid=form-errors]')).toBeTruthy();
    await page.click('.fd-nav__link');
    expect(await badge(page).getAttribute('data-count')).toBe('3');

    // Reload without a network: the service worker serves the app, IndexedDB the rest.
    await page.reload();
    await residents.first().waitFor();
    await expect.poll(() => badge(page).getAttribute('data-count')).toBe('3');
    expect(await page.textContent('[data-testid=network-state]')).toBe('离线');
    await screenshot(page, 'field-offline-pending');
    const queued = await outboxOf(page);
    expect(queued).toHaveLength(3);
    const ids = queued.map((q) => q.id);
    expect(new Set(queued.map((q) => q.visit['outcome']))).toEqual(new Set(['refused', 'away', 'booked']));
    // The phone never held a full ID number: the visits go by the worklist's resident key.
    expect(queued.every((q) => !('idNumber' in q))).toBe(true);
    const batch = queued.map((q) => ({
      kind: 'visit',
      id: q.id,
      resident: { county: q.gridCode.slice(0, 6), id: Number(q.residentId) },
      visit: q.visit,
    }));

    // Two of them had reached the server on an earlier try whose answer the phone never got.
    const api = await apiSession(server.url);
    const lost = await fetch(`${server.url}/api/v1/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: api.cookie, 'x-csrf-token': api.csrf },
      body: JSON.stringify({ deviceId: 'e2e-lost-answer', items: batch.slice(0, 2) }),
    });
    expect(((await lost.json()) as { stored: number }).stored).toBe(2);

    // Back online: the loop sends all three; the server stores one and knows the other two.
    const answer = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/sync') && r.request().method() === 'POST',
    );
    await context.setOffline(false);
    const response = await answer;
    const sent = (response.request().postDataJSON() as { items: Record<string, unknown>[] }).items;
    const byId = (items: Record<string, unknown>[]) =>
      Object.fromEntries(items.map((i) => [i['id'], i['resident']]));
    expect(byId(sent)).toEqual(byId(batch));
    expect(sent.some((i) => 'idNumber' in i)).toBe(false);
    const results = ((await response.json()) as { results: { id: string; result: string }[] }).results;
    expect(Object.fromEntries(results.map((r) => [r.id, r.result]))).toEqual(
      Object.fromEntries(batch.map((b, i) => [b.id, i < 2 ? 'duplicate' : 'stored'])),
    );
    await expect.poll(() => badge(page).getAttribute('data-count'), { timeout: 20_000 }).toBe('0');
    expect(await outboxOf(page)).toEqual([]);
    expect(storedCounts(server.db, ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));

    // The same batch sent again from the page: every item a duplicate, nothing stored twice.
    const again = await page.evaluate(async (items) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/sync', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ deviceId: 'e2e-retry', items }),
      });
      return (await res.json()) as { results: { result: string }[] };
    }, batch);
    expect(again.results.map((r) => r.result)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(storedCounts(server.db, ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
  }, 240_000);

  it('books a ride offline for a resident who needs one; sent once, a second booking counts as the same', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/field`);
    const needing = page.locator('[data-testid=worklist-resident]', { has: page.locator('.fd-tag') });
    await needing.first().waitFor();
    const key = (await needing.first().getAttribute('data-resident')) as string;
    const before = ridesOf(server.db, key);

    await context.setOffline(true);
    let carded = false;
    const book = async () => {
      await page.click(`[data-testid=worklist-resident][data-resident="${key}"]`);
      await page.waitForSelector('[data-testid=resident-card]');
      if (!carded) {
        carded = true;
        await screenshot(page, 'field-card');
        expect(await seriousViolations(page)).toEqual([]);
      }
      await page.click('[data-testid=book-transport]');
      // Nothing to type to name the resident, as for a visit.
      expect(await page.textContent('[data-testid=masked-id]')).toMatch(/\*{4,}/);
      expect(await page.locator('#fd-ride-id').count()).toBe(0);
      await page.click('[data-testid=save-ride]');
      await page.waitForSelector('[data-testid=flash]');
      await page.click('.fd-nav__link');
    };
    await book();
    await book();
    await expect.poll(() => badge(page).getAttribute('data-count')).toBe('2');

    const asked = page.waitForRequest(
      (r) => r.url().endsWith('/api/v1/transport/requests') && r.method() === 'POST',
    );
    await context.setOffline(false);
    const body = (await asked).postDataJSON() as Record<string, unknown>;
    expect(body).toMatchObject({ residentId: Number(key), county: expect.stringMatching(/^\d{6}$/) });
    expect(body).not.toHaveProperty('idNumber');
    await expect.poll(() => badge(page).getAttribute('data-count'), { timeout: 20_000 }).toBe('0');
    expect(ridesOf(server.db, key)).toBe(before + 1);
    await page.click('[data-testid=pending-badge]');
    await page.waitForSelector('[data-testid=sync-now]');
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);
});
