import { AxeBuilder } from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { request, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, launchChromium, newContext, screenshot, signInAs } from './support/browser.js';
import { demoServer, type DemoServer } from './support/demoServer.js';

/**
 * A day at 锦石乡卫生院 on the site staff's phone (issues 6 and 8): stock received and the
 * checklist checked; a resident checked in by ID number, screened all normal, recommended,
 * vaccinated from the day's lot, watched for 30 minutes on a live timer and let go; another with
 * a fever, postponed by the doctor — no dose is offered, and a dose sent straight to the API is
 * refused; an AEFI reported for the first; the queue and the stock page showing the day.
 */

const JINSHI = '430321205';
const HEALTH_CENTRE = '锦石乡卫生院';
const LOT = 'E2E2108S1';

/** Residents of 锦石乡 still to vaccinate (the register, through the API), with no dose and no check-in yet. */
async function residentsToVaccinate(url: string, db: string): Promise<{ idNumber: string; name: string }[]> {
  const api = await request.newContext({ baseURL: url });
  try {
    await api.post('/api/v1/auth/login', { data: { username: 'commander', password: 'gridvax-demo' } });
    const found: { idNumber: string; name: string; residentId: number; age: number }[] = [];
    for (const status of ['unscreened', 'open']) {
      const res = await api.get(
        `/api/v1/residents?place=${JINSHI}&campaign=1&status=${status}&limit=200&unmasked=true`,
      );
      expect(res.status()).toBe(200);
      found.push(...((await res.json()) as { items: typeof found }).items);
    }
    // The register says who is open; the database says who has no dose and no check-in at all,
    // so a dose today is the first and no window can refuse it.
    const sql = new Database(db, { readonly: true, fileMustExist: true });
    try {
      const untouched = sql.prepare(
        `select 1 from residents r where r.id = ?
           and not exists (select 1 from dose_records d where d.resident_id = r.id)
           and not exists (select 1 from site_checkins c where c.resident_id = r.id)`,
      );
      return found.filter((r) => r.age >= 18 && untouched.get(r.residentId)).slice(0, 2);
    } finally {
      sql.close();
    }
  } finally {
    await api.dispose();
  }
}

describeInBrowser('web app: the vaccination site on a phone', () => {
  let server: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let first: { idNumber: string; name: string };
  let second: { idNumber: string; name: string };
  let siteUrl = '';
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    server = await demoServer(20_000);
    const people = await residentsToVaccinate(server.url, server.db);
    expect(people.length, 'two residents of 锦石乡 not yet vaccinated').toBe(2);
    [first, second] = people as [typeof first, typeof second];
    browser = await launchChromium();
    context = await newContext(browser, 'phone');
    page = await context.newPage();
  }, 180_000);
  afterAll(async () => {
    console.log(`site page timings (ms, 20,000-resident demo, shared machine): ${JSON.stringify(timings)}`);
    await browser?.close();
    await server?.stop();
  });

  const serious = async () => {
    const result = await new AxeBuilder({ page }).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };
  const testId = (id: string) => page.locator(`[data-testid="${id}"]`);
  const stage = () => testId('checkin').getAttribute('data-stage');

  it('signs the site staff in, chooses the health centre and shows its queue', async () => {
    const t0 = Date.now();
    await signInAs(page, server.url, 'site-staff');
    expect(new URL(page.url()).pathname).toBe('/site');
    // Two sites in 锦石乡: the health centre and the temporary point — the staff choose.
    await expect.poll(() => page.locator('.st-card--link').count()).toBe(2);
    await screenshot(page, 'site-01-choose');
    await page.getByRole('link', { name: new RegExp(`^${HEALTH_CENTRE}`) }).click();
    await testId('queue-day').waitFor();
    timings['signInToQueue'] = Date.now() - t0;
    siteUrl = new URL(page.url()).pathname;
    expect(siteUrl).toMatch(/^\/site\/\d+$/);
    // The day is the server's (the demo's pinned evening), not the phone's.
    expect(await testId('queue-day').getAttribute('data-day')).toBe('2021-08-09');
    expect(await testId('queue-capacity').textContent()).toMatch(/每日接种能力 100 人/);
    await screenshot(page, 'site-02-queue-morning');
  });

  it('records the vaccine received and a checklist item not in order', async () => {
    await page.getByRole('link', { name: '库存与保障', exact: true }).click();
    await testId('stock-form').waitFor();
    expect(await testId('stock-day').inputValue()).toBe('2021-08-09');
    await page.check('[data-testid=stock-kind] input[value=received]');
    await page.selectOption('[data-testid=stock-form] select[name=product]', 'sinovac');
    await page.fill('[data-testid=stock-form] input[name=lot]', LOT);
    await page.fill('[data-testid=stock-form] input[name=amount]', '20');
    await testId('stock-submit').click();
    const line = page.locator(`[data-testid=stock-line][data-lot="${LOT}"]`);
    await line.waitFor();
    expect(await line.locator('[data-testid=received]').getAttribute('data-doses')).toBe('20');
    expect(await line.locator('[data-testid=left]').getAttribute('data-doses')).toBe('20');

    // Fans: one cooler broke. Checked "not in order" with a note.
    const cooling = testId('check-cooling');
    await cooling.locator('input[value=missing]').check();
    await cooling.locator('input.st-input').fill('一台冷风机故障，已报修');
    await testId('checklist-save').click();
    await expect.poll(() => cooling.getAttribute('class')).toMatch(/st-check--missing/);
    expect(await testId('checklist-state').textContent()).toMatch(/1 项未到位/);
    await screenshot(page, 'site-03-stock-received');
  });

  it('checks a resident in by ID number: a misread number is caught on the phone, a scan goes through', async () => {
    await page.getByRole('link', { name: '登记', exact: true }).click();
    await testId('id-input').waitFor();
    expect(await serious()).toEqual([]);
    // One digit wrong: the check character no longer matches (GB 11643), and nothing is sent.
    const wrong =
      first.idNumber.slice(0, 16) + String((Number(first.idNumber[16]) + 1) % 10) + first.idNumber[17];
    await page.fill('[data-testid=id-input]', wrong);
    await page.press('[data-testid=id-input]', 'Enter');
    await expect.poll(() => testId('error').getAttribute('data-code')).toBe('idcard.checksum');
    await screenshot(page, 'site-04-checkin-misread');
    // A scanner types the number and presses Enter.
    const t0 = Date.now();
    await page.fill('[data-testid=id-input]', '');
    await page.locator('[data-testid=id-input]').pressSequentially(first.idNumber.toLowerCase());
    await page.press('[data-testid=id-input]', 'Enter');
    await testId('checkin').waitFor();
    timings['checkIn'] = Date.now() - t0;
    expect(await testId('resident-name').textContent()).toBe(first.name);
    // Masked until the staff ask for the full number (an audited unmasking).
    expect(await testId('resident-id').textContent()).toMatch(/\*{4}/);
    await testId('unmask').click();
    await expect.poll(() => testId('resident-id').textContent()).toBe(first.idNumber);
    expect(await stage()).toBe('checked-in');
    await screenshot(page, 'site-05-checked-in');
  });

  it('screens all normal, the doctor recommends, the dose is recorded and the observation timer runs', async () => {
    await page.fill('input[name=temperature]', '36.6');
    await page.check('input[name=healthCode][value=green]');
    await page.fill('input[name=systolic]', '128');
    await page.fill('input[name=diastolic]', '82');
    await testId('all-no').click();
    await screenshot(page, 'site-06-screening-form');
    await testId('screening-submit').click();
    await expect.poll(stage).toBe('screened');
    expect(await testId('suggestion').getAttribute('data-decision')).toBe('recommend');
    expect(await page.locator('input[name=decision][value=recommend]').isChecked()).toBe(true);
    await screenshot(page, 'site-07-suggestion-recommend');
    await testId('decision-submit').click();
    await expect.poll(stage).toBe('awaiting-dose');

    // The day's lot is offered from the stock; picking it fills the product and the lot.
    await testId('stock-lot').filter({ hasText: LOT }).click();
    expect(await page.inputValue('[data-testid=dose-form] select[name=product]')).toBe('sinovac');
    expect(await page.inputValue('[data-testid=dose-form] input[name=lot]')).toBe(LOT);
    await screenshot(page, 'site-08-dose');
    await testId('dose-submit').click();
    await expect.poll(stage).toBe('observing');
    expect(await testId('dose-recorded').textContent()).toMatch(new RegExp(`第 1 剂 · 批号 ${LOT}`));

    // A live countdown to the server's endsAt (dose + 30 min), moving on the phone's second hand.
    const timer = testId('observation-timer');
    const before = Number(await timer.getAttribute('data-left-ms'));
    expect(before).toBeGreaterThan(28 * 60_000);
    expect(before).toBeLessThanOrEqual(30 * 60_000);
    expect(await timer.textContent()).toMatch(/(29|30):\d\d/);
    await page.waitForTimeout(2100);
    expect(Number(await timer.getAttribute('data-left-ms'))).toBeLessThan(before - 1000);
    await screenshot(page, 'site-09-observation-timer');
  });

  it('ends the observation: early needs a reason (the server’s refusal is shown), then all well', async () => {
    // The demo's server clock stands still at the dose's minute: the 30 minutes are never up there.
    await testId('observation-ok').click();
    await expect.poll(() => testId('error').getAttribute('data-code')).toBe('observation.too-early');
    expect(await testId('error').textContent()).toMatch(/提前结束须填写原因/);
    await screenshot(page, 'site-10-observation-too-early');
    await page.fill('[data-testid=observation] input[name=reason]', '演示：服务器时钟固定，提前结束');
    await testId('observation-ok').click();
    await expect.poll(stage).toBe('done');
    expect(await testId('observation-done').getAttribute('data-outcome')).toBe('ok');
    await screenshot(page, 'site-11-observation-done');
  });

  it('checks in a second resident with a fever: postponed by the doctor, no dose offered, a direct dose refused', async () => {
    await testId('next-checkin').click();
    await page.fill('[data-testid=id-input]', second.idNumber);
    await page.press('[data-testid=id-input]', 'Enter');
    await testId('checkin').waitFor();
    await expect.poll(() => testId('resident-name').textContent()).toBe(second.name);
    await page.fill('input[name=temperature]', '38.1');
    await page.check('input[name=healthCode][value=green]');
    await testId('all-no').click();
    await testId('screening-submit').click();
    await expect.poll(stage).toBe('screened');
    expect(await testId('suggestion').getAttribute('data-decision')).toBe('postpone');
    expect(await testId('flag').first().getAttribute('data-code')).toBe('fever');
    expect(await page.locator('input[name=decision][value=postpone]').isChecked()).toBe(true);
    expect(await page.inputValue('input[name=untilDate]')).toBe('2021-08-16');
    await screenshot(page, 'site-12-suggestion-postpone');

    // Vaccinating against the fever flag without a word: the server refuses, and the page says why.
    await page.check('input[name=decision][value=recommend]');
    await testId('decision-submit').click();
    await expect.poll(() => testId('error').getAttribute('data-code')).toBe('decision.note-required');
    await screenshot(page, 'site-13-decision-refused');
    await page.check('input[name=decision][value=postpone]');
    await testId('decision-submit').click();
    await expect.poll(stage).toBe('not-vaccinated');
    expect(await testId('decision').getAttribute('data-decision')).toBe('postpone');
    await testId('no-dose').waitFor();
    expect(await testId('dose-form').count()).toBe(0);
    expect(await testId('dose-submit').count()).toBe(0);
    await screenshot(page, 'site-14-postponed');

    // A dose sent around the page, straight to POST /doses under the same session: refused.
    const me = (await (await page.request.get(`${server.url}/api/v1/auth/me`)).json()) as {
      csrfToken: string;
    };
    const dose = await page.request.post(`${server.url}/api/v1/doses`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        idNumber: second.idNumber,
        product: 'sinovac',
        doseNumber: 1,
        at: '2021-08-09T10:00:00.000Z',
        lot: LOT,
        site: HEALTH_CENTRE,
      },
    });
    expect(dose.status()).toBe(422);
    expect(((await dose.json()) as { error: { code: string } }).error.code).toBe('dose.checkin-postponed');
  });

  it('reports an AEFI for the first resident after the observation', async () => {
    await page.goto(`${server.url}${siteUrl}`);
    await testId('group-done').waitFor();
    await testId('group-done')
      .getByRole('link', { name: new RegExp(first.name) })
      .click();
    await testId('report-aefi').click();
    await testId('aefi-form').waitFor();
    await page.selectOption('[data-testid=aefi-form] select[name=what]', 'local-redness-swelling');
    await page.check('[data-testid=aefi-severity] input[value=mild]');
    await page.selectOption('[data-testid=aefi-form] select[name=outcome]', 'recovered');
    await page.fill('[data-testid=aefi-form] textarea[name=description]', '注射部位红肿约 2 cm，冷敷后消退');
    await screenshot(page, 'site-15-aefi-form');
    await testId('aefi-submit').click();
    await testId('aefi-reported').waitFor();
    expect(await testId('aefi-reported').textContent()).toMatch(/局部红肿/);
    await screenshot(page, 'site-16-aefi-reported');
  });

  it('shows the day in the queue: done, postponed, one AEFI, against the capacity', async () => {
    const t0 = Date.now();
    await page.getByRole('link', { name: '今日队列', exact: true }).click();
    await testId('aefi-list').waitFor();
    timings['queue'] = Date.now() - t0;
    expect(await testId('group-done').textContent()).toContain(first.name);
    expect(await testId('group-not-vaccinated').textContent()).toContain(second.name);
    expect(Number(await testId('total-vaccinated').textContent())).toBeGreaterThanOrEqual(1);
    expect(Number(await testId('total-aefi').textContent())).toBeGreaterThanOrEqual(1);
    expect(await testId('aefi-list').textContent()).toContain(first.name);
    expect(await serious()).toEqual([]);
    await screenshot(page, 'site-17-queue-evening');
    // And in English.
    await page.click('[data-testid=language-switch]');
    await expect.poll(() => page.textContent('h1')).toBe('Today’s queue');
    await screenshot(page, 'site-18-queue-english');
    await page.click('[data-testid=language-switch]');
    await expect.poll(() => page.textContent('h1')).toBe('今日队列');
  });

  it('shows the day’s stock: the dose record beside the lot, the difference marked until the dose is booked out', async () => {
    await page.getByRole('link', { name: '库存与保障', exact: true }).click();
    const line = page.locator(`[data-testid=stock-line][data-lot="${LOT}"]`);
    await line.waitFor();
    // One dose recorded at the site from the lot, none booked out of the stock yet: −1, marked.
    expect(await line.locator('[data-testid=recorded]').textContent()).toMatch(/^1 剂/);
    expect(await line.getAttribute('data-difference')).toBe('-1');
    expect(await line.getAttribute('class')).toMatch(/st-lotcard--off/);
    await testId('stock-differences').waitFor();
    await screenshot(page, 'site-19-stock-difference');
    await page.check('[data-testid=stock-kind] input[value=given]');
    await page.selectOption('[data-testid=stock-form] select[name=product]', 'sinovac');
    await page.fill('[data-testid=stock-form] input[name=lot]', LOT);
    await page.fill('[data-testid=stock-form] input[name=amount]', '1');
    await testId('stock-submit').click();
    await expect.poll(() => line.getAttribute('data-difference')).toBe('0');
    expect(await line.locator('[data-testid=left]').getAttribute('data-doses')).toBe('19');
    expect(await testId('stock-differences').count()).toBe(0);
    expect(await serious()).toEqual([]);
    await screenshot(page, 'site-20-stock-reconciled');
  });
});
