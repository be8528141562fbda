import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeInBrowser, launchChromium, newContext, screenshot, signInAs } from './support/browser.js';
import { demoServer, type DemoServer } from './support/demoServer.js';

describeInBrowser('web app: sign-in and the language switch', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await demoServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the sign-in page in Chinese, switches to English and back', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login$/);
    await expect.poll(() => page.textContent('h2')).toBe('登录');
    await screenshot(page, 'login-zh');
    await page.click('[data-testid=language-switch]');
    await expect.poll(() => page.textContent('h2')).toBe('Sign in');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.click('[data-testid=language-switch]');
    await expect.poll(() => page.textContent('h2')).toBe('登录');
  });

  it('refuses a wrong password with the server’s own message, then signs the commander in', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('input[name=username]', 'commander');
    await page.fill('input[name=password]', 'wrong-password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('[role=alert]')).toBeTruthy();
    await signInAs(page, server.url, 'commander');
    expect(new URL(page.url()).pathname).toMatch(/^\/command/);
  });
});
