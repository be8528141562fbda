import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AxeBuilder } from '@axe-core/playwright';
import { request, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectFile } from '../../src/projectRoot.js';
import { describeInBrowser, launchChromium, newContext, screenshot, signInAs } from './support/browser.js';
import { demoServer, type DemoServer } from './support/demoServer.js';

/**
 * The driver's phone on the demo's evening (issue 8, transport): the township lead puts the
 * `driver` account's driver (刘建国) on a late-afternoon trip with three riders; the driver sees
 * them in boarding order, picks one up, marks her vaccinated (accepted without a dose, shown as a
 * mismatch) and brings her home, cancels another with a reason; the third, cancelled at the
 * office meanwhile, is refused by the server when the phone marks her picked up — shown in
 * Chinese, then in English. Then tomorrow's planned trip, and the township's board.
 */

const JINSHI = '430321205';
const TODAY = '2021-08-09';
const TOMORROW = '2021-08-10';
const WINDOW = '16:00-17:00';

interface Setup {
  riders: string[];
}

/** As the township lead, through the API: a trip today for the demo driver, with three riders. */
async function tripForTheDriver(url: string): Promise<Setup> {
  const api = await request.newContext({ baseURL: url });
  try {
    const login = await api.post('/api/v1/auth/login', {
      data: { username: 'township-lead', password: 'gridvax-demo' },
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    const drivers = (await (await api.get(`/api/v1/transport/drivers?place=${JINSHI}`)).json()) as {
      items: { id: number; username: string | null }[];
    };
    const driver = drivers.items.find((d) => d.username === 'driver');
    expect(driver, 'the demo links the driver account to a driver').toBeTruthy();
    const vehicles = (await (await api.get(`/api/v1/transport/vehicles?place=${JINSHI}`)).json()) as {
      items: { id: number; seats: number }[];
    };
    let tripId: number | undefined;
    for (const v of vehicles.items.filter((x) => x.seats >= 3)) {
      const res = await api.post('/api/v1/transport/trips', {
        headers,
        data: { village: '430321205206', day: TODAY, window: WINDOW, vehicleId: v.id, driverId: driver?.id },
      });
      if (res.status() === 201) {
        tripId = ((await res.json()) as { id: number }).id;
        break;
      }
    }
    expect(tripId, 'a vehicle free at 16:00').toBeTruthy();
    const people = (await (
      await api.get('/api/v1/residents?place=430321205206&campaign=1&limit=200')
    ).json()) as { items: { residentId: number; county: string; name: string; age: number }[] };
    const riders: string[] = [];
    for (const p of people.items.filter((x) => x.age >= 18)) {
      if (riders.length === 3) break;
      const booked = await api.post('/api/v1/transport/requests', {
        headers,
        data: { residentId: p.residentId, county: p.county, day: TODAY, window: WINDOW },
      });
      if (booked.status() !== 201) continue;
      const ride = (await booked.json()) as { id: number; name: string };
      const added = await api.post(`/api/v1/transport/trips/${tripId}/riders`, {
        headers,
        data: { requestId: ride.id },
      });
      if (added.status() === 200) riders.push(ride.name);
    }
    expect(riders.length, 'three riders on the trip').toBe(3);
    return { riders };
  } finally {
    await api.dispose();
  }
}

/** As the township lead: cancel a ride at the office (the driver's phone does not know yet). */
async function cancelAsLead(url: string, rideId: number, reason: string): Promise<void> {
  const api = await request.newContext({ baseURL: url });
  try {
    const login = await api.post('/api/v1/auth/login', {
      data: { username: 'township-lead', password: 'gridvax-demo' },
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const res = await api.post(`/api/v1/transport/requests/${rideId}/moves`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { to: 'cancelled', reason },
    });
    expect(res.status()).toBe(200);
  } finally {
    await api.dispose();
  }
}

describeInBrowser('web app: the driver’s trips on a phone', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  let setup: Setup;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    server = await demoServer(20_000);
    setup = await tripForTheDriver(server.url);
    browser = await launchChromium();
    page = await (await newContext(browser, 'phone')).newPage();
  }, 180_000);
  afterAll(async () => {
    console.log(`driver page timings (ms, 20,000-resident demo, shared machine): ${JSON.stringify(timings)}`);
    await browser?.close();
    await server?.stop();
  });

  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  const rider = (name: string) => page.locator('[data-testid=rider]', { hasText: name });
  const status = (name: string) => rider(name).getAttribute('data-status');

  it('signs the driver in to today’s trip: riders in boarding order, pick-up places, moves the rule allows', async () => {
    const t0 = Date.now();
    await signInAs(page, server.url, 'driver');
    expect(new URL(page.url()).pathname).toBe('/driver');
    await page.locator('[data-testid=rider]').first().waitFor();
    timings['signInToTrips'] = Date.now() - t0;
    expect(await page.locator('input[type=date]').inputValue()).toBe(TODAY);
    expect(await page.locator('h1').textContent()).toMatch(/2021年8月9日 的车次/);
    const trip = page.locator('[data-testid=trip]', { hasText: '16:00' });
    expect(await trip.locator('h2').textContent()).toMatch(/16:00–17:00 · 湘C·J/);
    expect(await trip.textContent()).toMatch(/接种点：锦石乡卫生院/);
    const names = await trip.locator('[data-testid=rider] h4').allTextContents();
    expect(names).toEqual(setup.riders);
    const first = rider(setup.riders[0] as string);
    expect(await first.textContent()).toMatch(/上车地点：湘潭县锦石乡/);
    // Assigned: only "picked up" and "cancel" (never "assigned", never "vaccinated" yet).
    expect(
      await first.locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-move'))),
    ).toEqual(['picked-up', 'cancelled']);
    expect(await serious()).toEqual([]);
    await screenshot(page, 'driver-01-trips');
  });

  it('picks a rider up, marks her vaccinated (a mismatch until the site records the dose) and brings her home', async () => {
    const name = setup.riders[0] as string;
    await rider(name).locator('button[data-move=picked-up]').click();
    await expect.poll(() => status(name)).toBe('picked-up');
    expect(await page.locator('[data-testid=flash]').textContent()).toBe(`${name}：已接到`);
    expect(
      await rider(name)
        .locator('button')
        .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-move'))),
    ).toEqual(['vaccinated', 'returned', 'cancelled']);
    await screenshot(page, 'driver-02-picked-up');
    await rider(name).locator('button[data-move=vaccinated]').click();
    await expect.poll(() => status(name)).toBe('vaccinated');
    expect(await rider(name).textContent()).toMatch(/接种点尚未登记剂次/);
    await rider(name).locator('button[data-move=returned]').click();
    await expect.poll(() => status(name)).toBe('returned');
    expect(await rider(name).locator('button').count()).toBe(0);
    await screenshot(page, 'driver-03-returned');
  });

  it('cancels another rider: a reason is required, then kept', async () => {
    const name = setup.riders[1] as string;
    await rider(name).locator('button[data-move=cancelled]').click();
    const form = rider(name).locator('form');
    await form.getByRole('button', { name: '确认' }).click();
    expect(await form.locator('[role=alert]').textContent()).toBe('请填写原因');
    expect(await status(name)).toBe('assigned');
    expect(await serious()).toEqual([]);
    await form.getByLabel('原因（必填）').fill('老人身体不适，改约明天');
    await screenshot(page, 'driver-04-cancel-reason');
    await form.getByRole('button', { name: '确认' }).click();
    await expect.poll(() => status(name)).toBe('cancelled');
    expect(await rider(name).textContent()).toMatch(/原因：老人身体不适，改约明天/);
    // A fresh load leaves the cancelled rider off the trip (the server's list), the others stay.
    await page.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => rider(name).count()).toBe(0);
    expect(await status(setup.riders[0] as string)).toBe('returned');
    expect(await status(setup.riders[2] as string)).toBe('assigned');
  });

  it('shows the server’s refusal when the dispatcher cancelled a rider meanwhile, in Chinese and in English', async () => {
    // The phone still shows the third rider assigned; the township cancels the ride at the office.
    const name = setup.riders[2] as string;
    const id = Number(await rider(name).getAttribute('data-ride'));
    await cancelAsLead(server.url, id, '家属自行送往接种点');
    await rider(name).locator('button[data-move=picked-up]').click();
    const refusal = rider(name).locator('[data-testid=refusal]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/接送状态不能从“已取消”（cancelled）改为“已接到”/);
    await screenshot(page, 'driver-05-refused');
    await page.locator('[data-testid=language-switch]').click();
    await expect.poll(() => refusal.textContent()).toMatch(/a ride cannot move from cancelled to picked-up/);
    expect(await page.locator('h1').textContent()).toMatch(/Trips on 9 Aug 2021/);
    expect(
      await rider(setup.riders[0] as string)
        .getByTestId('rider-status')
        .textContent(),
    ).toBe('Returned home');
    expect(await serious()).toEqual([]);
    await screenshot(page, 'driver-06-english');
    await page.locator('[data-testid=language-switch]').click();
    // Refreshed, the phone agrees with the office: the cancelled rider is off the trip.
    await page.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => rider(name).count()).toBe(0);
  });

  it('turns to tomorrow: the demo’s planned trip with its riders', async () => {
    await page.locator('input[type=date]').fill(TOMORROW);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/2021年8月10日 的车次/);
    expect(new URL(page.url()).searchParams.get('day')).toBe(TOMORROW);
    await page.locator('[data-testid=rider]').first().waitFor();
    expect(await page.locator('[data-testid=rider]').first().getAttribute('data-status')).toBe('assigned');
    await screenshot(page, 'driver-07-tomorrow');
    await page.locator('input[type=date]').fill(TODAY);
  });

  it('shows the township’s day board read-only', async () => {
    await page.getByRole('link', { name: '乡镇看板' }).click();
    await page.locator('[data-testid=board-counts]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/driver/board/${JINSHI}`);
    expect(await page.locator('h1').textContent()).toMatch(/锦石乡 2021年8月9日 接送看板/);
    expect(await page.locator('[data-testid=board-counts]').textContent()).toMatch(/已取消\d+/);
    expect(await page.locator('[data-testid=rider] button').count()).toBe(0);
    expect(await serious()).toEqual([]);
    await screenshot(page, 'driver-08-board');
  });
});

/** The driver's chunk as built (dist/web): small, with no component library and no charts. */
describe('the driver pages’ JavaScript', () => {
  const ASSETS = projectFile('dist', 'web', 'assets');
  it('is small and imports neither antd nor echarts', () => {
    if (!existsSync(ASSETS)) throw new Error(`${ASSETS} is missing: run \`npm run build\` first`);
    const files = readdirSync(ASSETS);
    const chunk = files.find((f) => /^DriverApp-[\w-]+\.js$/.test(f)) as string;
    expect(chunk).toBeTruthy();
    const code = readFileSync(join(ASSETS, chunk), 'utf8');
    const imports = [...code.matchAll(/from\s*["']\.\/([^"']+\.js)["']/g)].map((m) => m[1] as string);
    const gz = gzipSync(code).length;
    console.log(
      `driver chunk ${chunk}: ${(code.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gz; imports ${imports.join(', ')}`,
    );
    expect(gz).toBeLessThan(20 * 1024);
    for (const f of [chunk, ...imports]) {
      expect(f).not.toMatch(/^(CommandApp|TrendChart|antd|echarts)/i);
      const text = f === chunk ? code : readFileSync(join(ASSETS, f), 'utf8');
      expect(text, `${f} carries antd`).not.toMatch(/ant-btn|antd/);
      expect(text, `${f} carries ECharts`).not.toMatch(/echarts/i);
    }
  });
});
