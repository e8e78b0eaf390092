import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, newPage, screenshot, step } from '../helpers/browser';
import { createHousehold } from '../helpers/records';
import { setupStrapi, TEST_ACCOUNTS, type TestApp } from '../helpers/strapi';

/**
 * Issue #12: the back office in French, walked as the Gestionnaire in Chromium at 1440×900.
 * Every page of this file (as of every e2e file) also fails on a MISSING_TRANSLATION or on a
 * request to a host other than the app (tests/helpers/browser.ts).
 */
describe('a back office in French, where gestionnaires work', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let household: Awaited<ReturnType<typeof createHousehold>>;
  const suffix = `fr${Date.now().toString(36)}`;
  const BENEFICIARIES = 'api::beneficiary.beneficiary';
  const cmUrl = (uid: string, documentId = '') => `${app.url}/admin/content-manager/collection-types/${uid}${documentId ? `/${documentId}` : ''}`;

  beforeAll(async () => {
    app = await setupStrapi({ listen: true });
    household = await createHousehold(app, 'refus', suffix);
    browser = await launchBrowser();
    page = await newPage(browser);
    await loginAs(page, app.url!, TEST_ACCOUNTS.gestionnaire.email, TEST_ACCOUNTS.gestionnaire.password);
  });

  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
    await app?.teardown();
  });

  const settled = () => page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));

  it('shows a beneficiary with French labels, enumeration words, its title and the side panel', async () => {
    await step(page, 'fr-beneficiary-edit', async () => {
      await page.goto(cmUrl(BENEFICIARIES, household.dependant.documentId));
      // The record's title, computed from civility, first and last names.
      await page.getByRole('heading', { level: 1, name: 'M. Léo Durand' }).waitFor();
      for (const label of ['Civilité', 'Nom', 'Prénom', 'Date de naissance', 'Adresse électronique', 'Rôle', 'Adhésion']) {
        // A required field's label carries an asterisk.
        await page.locator('label').filter({ hasText: new RegExp(`^${label}(\\s*\\*)?(\\s*\\(\\d+\\))?$`) }).first().waitFor();
      }
      // Enumerations read as words; the stored values stay « M » and « ayant_droit ».
      await expect(page.getByRole('combobox', { name: 'Rôle' }).textContent()).resolves.toContain('Ayant droit');
      await expect(page.getByRole('combobox', { name: 'Civilité' }).textContent()).resolves.toContain('M.');
      // The computed title is not offered for editing.
      await expect(page.getByRole('textbox', { name: 'Bénéficiaire', exact: true }).count()).resolves.toBe(0);
      // The adhesion's title in the relation field.
      await page.getByText(`Adhésion ADH-${suffix}`, { exact: true }).first().waitFor();
      // The side panel explains why « Envoyer un mail » is absent.
      await page.getByText('Bénéficiaire et consentement', { exact: true }).waitFor();
      const panel = page.getByTestId('membership-panel');
      await panel.getByText(`Ayant droit de l’adhésion ADH-${suffix}`, { exact: true }).waitFor();
      await panel.getByText('Refus (0)', { exact: false }).waitFor();
      await expect(page.getByRole('button', { name: 'Envoyer un mail' }).count()).resolves.toBe(0);
      // No English product banner over the page; the preview panel in French.
      await expect(page.getByText('Introducing the new Media Library').count()).resolves.toBe(0);
      await expect(page.getByText('Set up preview').count()).resolves.toBe(0);
      await settled();
      await screenshot(page, 'fr-beneficiary-edit');

      await page.getByRole('combobox', { name: 'Rôle' }).click();
      await page.getByRole('option', { name: 'Assuré', exact: true }).waitFor();
      await page.getByRole('option', { name: 'Ayant droit', exact: true }).waitFor();
      await page.keyboard.press('Escape');

      const stored = await app.strapi.db.query(BENEFICIARIES as any).findOne({ where: { documentId: household.dependant.documentId } });
      expect({ role: stored.role, civility: stored.civility, title: stored.title }).toEqual({ role: 'ayant_droit', civility: 'M', title: 'M. Léo Durand' });
    });
  });

  it('lists beneficiaries with the useful columns, in French, sorted by name', async () => {
    await step(page, 'fr-beneficiary-list', async () => {
      await page.goto(cmUrl(BENEFICIARIES));
      const headers = page.locator('thead th');
      await headers.first().waitFor();
      const texts = (await headers.allTextContents()).map((text) => text.trim()).filter(Boolean);
      for (const column of ['Nom', 'Prénom', 'Rôle', 'Adhésion', 'Adresse électronique']) expect(texts.some((text) => text.startsWith(column)), `${column} in ${texts.join(' | ')}`).toBe(true);
      const row = page.locator('tbody tr').filter({ hasText: `leo.${suffix}@example.test` });
      await row.getByText('Ayant droit', { exact: true }).waitFor();
      await row.getByText(`Adhésion ADH-${suffix}`, { exact: true }).waitFor();
      await expect(row.getByText('ayant_droit', { exact: true }).count()).resolves.toBe(0);
      await expect(page.locator('tbody tr').filter({ hasText: `elise.${suffix}@example.test` }).getByText('Assuré', { exact: true }).count()).resolves.toBe(1);
      await screenshot(page, 'fr-beneficiary-list');
    });
  });

  it('shows « Notifications & Consentements » with its two column groups, every column on screen', async () => {
    await step(page, 'fr-notifications', async () => {
      await page.goto(`${app.url}/admin/plugins/mail-merge/notifications/beneficiaries/${household.insured.documentId}`);
      const table = page.getByTestId('notification-choices');
      await table.waitFor();
      await table.getByRole('columnheader', { name: 'Paramétrage mutuelle' }).waitFor();
      await table.getByRole('columnheader', { name: 'Choix de l’adhérent' }).waitFor();
      const columns = ['mutual-active', ...['courrier', 'mail', 'sms', 'application', 'portail'].flatMap((c) => [`mutual-${c}`, `member-${c}`])];
      const names = await Promise.all(columns.map((column) => table.locator(`th[data-column="${column}"]`).innerText()));
      expect(names.map((n) => n.trim())).toEqual([
        'Activée',
        'Courrier', 'Courrier', 'Mail', 'Mail', 'SMS', 'SMS', 'Appli. mobile', 'Appli. mobile', 'Portail web', 'Portail web',
      ]);
      for (const column of columns) {
        const box = await table.locator(`th[data-column="${column}"]`).boundingBox();
        expect(box, column).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(1440);
      }
      await screenshot(page, 'fr-notifications');
    });
  });
});

/** What the super admin sees of the rights, as the seed names them. */
describe('the role editor, in French', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await setupStrapi({ listen: true });
    browser = await launchBrowser();
    page = await newPage(browser);
    await loginAs(page, app.url!, TEST_ACCOUNTS.admin.email, TEST_ACCOUNTS.admin.password);
  });

  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
    await app?.teardown();
  });

  it('links from the plugin home page to the « Mails de fusion » section of a role', async () => {
    await step(page, 'fr-rights', async () => {
      await page.goto(`${app.url}/admin/plugins/mail-merge`);
      await page.getByRole('link', { name: 'Droits mails du rôle « Gestionnaire »' }).click();
      await page.waitForURL(/\/admin\/settings\/roles\/\d+#mail-merge-rights$/);
      // The link opened the « Plugins » tab and the section.
      await page.locator('button[aria-expanded="true"]').filter({ hasText: /^Mails de fusion/ }).waitFor();
      for (const label of ['Envoyer un mail unitaire', 'Envoyer un mail groupé', 'Suivi des mails envoyés']) {
        await page.getByRole('checkbox', { name: label, exact: true }).waitFor();
      }
      await screenshot(page, 'fr-role-editor');
    });
  });
});
