import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, newPage, screenshot } from '../helpers/browser';
import { setupStrapi, TEST_ACCOUNTS, type TestApp } from '../helpers/strapi';
import { userWithActions } from '../helpers/admin';

/** What a person sees of the plugin in the admin, in French, in a real Chromium. */
describe('admin panel', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await setupStrapi({ listen: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.teardown();
  });

  const session = async (email: string, password: string): Promise<Page> => {
    const page = await newPage(browser);
    await loginAs(page, app.url!, email, password);
    return page;
  };

  it('shows « Mails de fusion » in the menu, opening the list of configured pages', async () => {
    const page = await session(TEST_ACCOUNTS.admin.email, TEST_ACCOUNTS.admin.password);
    try {
      await page.getByRole('link', { name: 'Mails de fusion' }).click();
      await page.waitForURL(/\/admin\/plugins\/mail-merge/);
      for (const label of [
        'Gestion des structures',
        'Gestion des professionnels de santé',
        'Gestion des bénéficiaires',
        'Prises en charge',
        'Simulations',
      ]) {
        await page.getByText(label, { exact: true }).first().waitFor();
      }
      await page.getByText('Prestation en Santé').first().waitFor();
      await screenshot(page, 'mail-merge-home');
    } catch (error) {
      await screenshot(page, 'mail-merge-home-failure');
      throw error;
    } finally {
      await page.context().close();
    }
  });

  it('lists the seven actions in the role editor, the Gestionnaire holding only the two send actions', async () => {
    const page = await session(TEST_ACCOUNTS.admin.email, TEST_ACCOUNTS.admin.password);
    try {
      const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'mail-merge-gestionnaire' } })) as any;
      await page.goto(`${app.url}/admin/settings/roles/${role.id}`);
      await page.getByRole('tab', { name: 'Plugins' }).click();
      // Strapi names plugin sections after the plugin id (« Mail merge »), whatever the language.
      await page.getByRole('button', { name: /Mail merge/ }).first().click();
      const expected: Record<string, boolean> = {
        'Envoyer un mail unitaire': true,
        'Envoyer un mail groupé': true,
        'Suivi des mails envoyés': false,
        'Consulter les extractions pour mails': false,
        'Gérer les extractions pour mails': false,
        'Consulter les modèles de mail': false,
        'Gérer les modèles de mail': false,
      };
      await screenshot(page, 'role-editor-gestionnaire');
      for (const [label, checked] of Object.entries(expected)) {
        const box = page.getByRole('checkbox', { name: label, exact: true });
        await expect(box.count(), label).resolves.toBe(1);
        await expect(box.getAttribute('aria-checked').then((v) => v === 'true'), label).resolves.toBe(checked);
      }
    } catch (error) {
      await screenshot(page, 'role-editor-failure');
      throw error;
    } finally {
      await page.context().close();
    }
  });

  it('shows the menu entry to the Gestionnaire, and neither entry nor page to a user without a mail action', async () => {
    const gestionnaire = await session(TEST_ACCOUNTS.gestionnaire.email, TEST_ACCOUNTS.gestionnaire.password);
    try {
      await gestionnaire.getByRole('link', { name: 'Mails de fusion' }).waitFor();
    } finally {
      await gestionnaire.context().close();
    }

    const { email } = await userWithActions(app, [
      { action: 'plugin::content-manager.explorer.read', subject: 'api::structure.structure' },
    ]);
    const page = await session(email, 'User-Test-2026');
    try {
      // The menu is drawn once the user's permissions are known: wait for an entry every user has.
      await page.getByRole('link', { name: /Gestionnaire de contenu|Content Manager/ }).first().waitFor();
      await expect(page.getByRole('link', { name: 'Mails de fusion' }).count()).resolves.toBe(0);
      await page.goto(`${app.url}/admin/plugins/mail-merge`);
      await page.getByText(/permission|autorisation|droits/i).first().waitFor();
      await expect(page.getByText('Gestion des bénéficiaires').count()).resolves.toBe(0);
      await screenshot(page, 'no-permission');
    } catch (error) {
      await screenshot(page, 'no-permission-failure');
      throw error;
    } finally {
      await page.context().close();
    }
  });
});
