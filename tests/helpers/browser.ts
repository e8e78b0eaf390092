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

/** A fresh French-speaking page: the admin picks its language from the browser's. */
export const newPage = async (browser: Browser): Promise<Page> => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
};

/** Logs in through the admin's real login form and waits for the home page. */
export const loginAs = async (page: Page, baseUrl: string, email: string, password: string) => {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 30_000 });
  await page.locator('nav').first().waitFor();
};

export const screenshot = async (page: Page, name: string) => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${process.env.DATABASE_CLIENT ?? 'sqlite'}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
};
