/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), for the admin tests.
 */
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach } from 'vitest';

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
 * What every page of every browser test must never do: log a missing French translation (react-intl
 * reports `MISSING_TRANSLATION` on the console for each string Strapi or the plugin asks for in `fr`
 * and does not find) or call a host other than the app itself (release checks, tours, CDNs). The
 * problems are collected per context and fail the running test in the `afterEach` below, so every
 * e2e file that opens its pages with `newPage` gets the check without writing it.
 */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const problems: string[] = [];

const watchContext = (context: BrowserContext) => {
  context.on('console', (message) => {
    const text = message.text();
    if (!text.includes('MISSING_TRANSLATION')) return;
    // « Missing message: "id" for locale "fr" … »: the id is what a fix needs.
    const id = /Missing message: "([^"]+)" for locale "([^"]+)"/.exec(text);
    problems.push(id ? `MISSING_TRANSLATION ${id[2]} "${id[1]}" (${message.page()?.url() ?? '?'})` : `MISSING_TRANSLATION ${text.slice(0, 200)}`);
  });
  context.on('request', (request) => {
    let url: URL;
    try {
      url = new URL(request.url());
    } catch {
      return;
    }
    if (!/^(https?|wss?):$/.test(url.protocol)) return; // data:, blob:, about:
    if (!LOCAL_HOSTS.has(url.hostname)) problems.push(`request to an outside host: ${request.method()} ${request.url()}`);
  });
};

const failOnProblems = () => {
  if (problems.length === 0) return;
  const unique = [...new Set(problems.splice(0))];
  throw new Error(`The browser met ${unique.length} problem(s):\n${unique.slice(0, 60).join('\n')}`);
};

afterEach(failOnProblems);
// Problems of pages opened in beforeAll are caught by the first test; this catches the teardown's.
afterAll(failOnProblems);

/**
 * A fresh page in a French browser. The admin itself does not follow the browser's language: it
 * opens in the user's « preferedLanguage » (French for the seeded and test accounts), else English.
 */
export const newPage = async (browser: Browser): Promise<Page> => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
  watchContext(context);
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
