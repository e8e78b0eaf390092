/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), for the admin tests.
 */
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');

export const launchBrowser = async (): Promise<Browser> => {
  if (!fs.existsSync(EXECUTABLE)) {
    throw new Error(`Chromium not found at ${EXECUTABLE}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: EXECUTABLE,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
};

/**
 * A fresh page in a French browser. The admin itself does not follow the browser's language: it
 * opens in the user's « preferedLanguage » (French for the seeded and test accounts), else English.
 */
export const newPage = async (browser: Browser): Promise<Page> => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
};

/** Logs in through the admin's real login form and waits for the home page (« Bonjour … »). */
export const loginAs = async (page: Page, baseUrl: string, email: string, password: string) => {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  try {
    await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 30_000 });
    // The greeting is in the user's language; English for accounts without a preference.
    await page.getByRole('heading', { level: 1, name: /^(Bonjour|Hello) / }).waitFor();
  } catch (error) {
    await screenshot(page, 'login-failure');
    throw error;
  }
};

export const screenshot = async (page: Page, name: string) => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${process.env.DATABASE_CLIENT ?? 'sqlite'}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
};

/** Runs a step of a browser test; when it fails, keeps a screenshot `<name>-failure` of what was on screen. */
export const step = async <T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (error) {
    await screenshot(page, `${name}-failure`).catch(() => {});
    throw error;
  }
};
