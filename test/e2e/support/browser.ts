import { existsSync, mkdirSync } from 'node:fs';
import { describe } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectFile } from '../../../src/projectRoot.js';

/**
 * Debian's Chromium, driven by playwright-core (Playwright's own browser download does not
 * work here). `.ci/run` installs it; on a machine without it the browser suites are skipped
 * and say so loudly, and CI=true makes its absence a failure.
 */
export const CHROMIUM = process.env['GRIDVAX_CHROMIUM'] ?? '/usr/bin/chromium';

/** The flags a root, offline sandbox needs: no sandbox, and no calls to Google at start. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const present = existsSync(CHROMIUM);

if (!present) {
  if (process.env['CI'] === 'true')
    throw new Error(`CI=true and Chromium is required, but ${CHROMIUM} is missing`);
  console.warn(
    [
      '',
      '!'.repeat(78),
      `!! Browser tests SKIPPED: no Chromium at ${CHROMIUM}`,
      '!! (apt-get install -y chromium, or set GRIDVAX_CHROMIUM; CI=true makes this a failure)',
      '!'.repeat(78),
      '',
    ].join('\n'),
  );
}

/** `describe`, or a loudly skipped one where there is no Chromium. */
export function describeInBrowser(name: string, body: () => void): void {
  if (present) describe(name, body);
  else describe.skip(`${name} (SKIPPED: no Chromium)`, body);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** A phone-sized context (a cheap Android phone) or a desk-sized one, in Chinese. */
export function newContext(
  browser: Browser,
  size: 'phone' | 'desk' | 'wall' = 'desk',
): Promise<BrowserContext> {
  const viewport =
    size === 'phone'
      ? { width: 390, height: 780 }
      : size === 'wall'
        ? { width: 1920, height: 1080 }
        : { width: 1366, height: 860 };
  return browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(size === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
}

/** Screenshots are test artifacts (test-artifacts/screenshots), never committed. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = projectFile('test-artifacts', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${name}.png`;
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Signs in through the login page, as a user would. */
export async function signInAs(
  page: Page,
  baseUrl: string,
  username: string,
  password = 'gridvax-demo',
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
