import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, newPage, screenshot, step } from '../helpers/browser';
import { setupStrapi, TEST_ACCOUNTS, type TestApp } from '../helpers/strapi';
import { userWithActions } from '../helpers/admin';

const MENU_ENTRY = 'Mails de fusion';

const PAGES_BY_MODULE = {
  Fichier: ['Gestion des structures', 'Gestion des professionnels de santé', 'Gestion des bénéficiaires'],
  'Prestation en Santé': ['Prises en charge', 'Simulations'],
};

/** The seven actions of the role editor, and whether the seeded « Gestionnaire » role holds each. */
const GESTIONNAIRE_ACTIONS: Record<string, boolean> = {
  'Envoyer un mail unitaire': true,
  'Envoyer un mail groupé': true,
  'Suivi des mails envoyés': false,
  'Consulter les extractions pour mails': false,
  'Gérer les extractions pour mails': false,
  'Consulter les modèles de mail': false,
  'Gérer les modèles de mail': false,
};

/** What a person sees of the plugin in the admin, in French, in a real Chromium. */
describe('admin panel', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([setupStrapi({ listen: true }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.teardown();
  });

  /** A logged-in page, closed (with its context) after `fn`. */
  const asUser = async (email: string, password: string, fn: (page: Page) => Promise<void>) => {
    const page = await newPage(browser);
    try {
      await loginAs(page, app.url!, email, password);
      await fn(page);
    } finally {
      await page.context().close();
    }
  };

  const menuEntry = (page: Page) => page.getByRole('navigation').getByRole('link', { name: MENU_ENTRY, exact: true });

  it('shows « Mails de fusion » in the menu, opening the configured pages grouped by module', async () => {
    await asUser(TEST_ACCOUNTS.admin.email, TEST_ACCOUNTS.admin.password, (page) =>
      step(page, 'mail-merge-home', async () => {
        await menuEntry(page).click();
        await page.waitForURL(/\/admin\/plugins\/mail-merge$/);
        await page.getByRole('heading', { level: 1, name: MENU_ENTRY }).waitFor();
        for (const [module, pages] of Object.entries(PAGES_BY_MODULE)) {
          // GroupedRecap renders one <section aria-label={module}> per module.
          const section = page.getByRole('region', { name: module, exact: true });
          await section.getByRole('heading', { name: module, exact: true }).waitFor();
          // Design-system tables are ARIA grids: their cells are gridcells.
          for (const label of pages) await section.getByRole('gridcell', { name: label, exact: true }).waitFor();
          await expect(section.getByRole('row').count()).resolves.toBe(pages.length + 1);
        }
        // Records are named as in the Content Manager, not by their uid, and link to their list.
        const records = page.getByRole('link', { name: 'Bénéficiaire', exact: true });
        await expect(records.getAttribute('href')).resolves.toBe('/admin/content-manager/collection-types/api::beneficiary.beneficiary');
        await expect(page.getByText('api::beneficiary.beneficiary').count()).resolves.toBe(0);
        await screenshot(page, 'mail-merge-home');
      })
    );
  });

  it('lists the seven actions in the role editor, the Gestionnaire holding only the two send actions', async () => {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'mail-merge-gestionnaire' } });
    await asUser(TEST_ACCOUNTS.admin.email, TEST_ACCOUNTS.admin.password, (page) =>
      step(page, 'role-editor', async () => {
        await page.goto(`${app.url}/admin/settings/roles/${role.id}`);
        await page.getByRole('heading', { level: 1, name: 'Editer un rôle' }).waitFor();
        await page.getByRole('tab', { name: 'Plugins' }).click();
        // Strapi titles a plugin's section with its id, capitalised (« Mail merge »); the app
        // renames it as the seed names these rights (src/admin/quiet.ts).
        await page.getByRole('button', { name: /^Mails de fusion/ }).click();
        await expect(page.getByRole('button', { name: /^Mail merge/ }).count()).resolves.toBe(0);
        const labels = Object.keys(GESTIONNAIRE_ACTIONS);
        const boxes = labels.map((label) => page.getByRole('checkbox', { name: label, exact: true }));
        for (const box of boxes) await box.waitFor();
        await boxes[boxes.length - 1].scrollIntoViewIfNeeded();
        await screenshot(page, 'role-editor-gestionnaire');
        const checked = await Promise.all(boxes.map((box) => box.isChecked()));
        expect(Object.fromEntries(labels.map((label, i) => [label, checked[i]]))).toEqual(GESTIONNAIRE_ACTIONS);
      })
    );
  });

  it('shows the menu entry to the Gestionnaire', async () => {
    await asUser(TEST_ACCOUNTS.gestionnaire.email, TEST_ACCOUNTS.gestionnaire.password, (page) =>
      step(page, 'gestionnaire-menu', () => menuEntry(page).waitFor())
    );
  });

  it('shows neither the entry nor the page to a user without a mail action', async () => {
    const { email } = await userWithActions(app, [
      { action: 'plugin::content-manager.explorer.read', subject: 'api::structure.structure' },
    ]);
    await asUser(email, 'User-Test-2026', (page) =>
      step(page, 'no-permission', async () => {
        // The menu is drawn at once from the user's permissions: wait for an entry this user has
        // (Strapi 5.54 has no French label for the Content Manager: the app gives it one).
        await page.getByRole('navigation').getByRole('link', { name: 'Gestionnaire de contenu' }).waitFor();
        await expect(menuEntry(page).count()).resolves.toBe(0);
        await page.goto(`${app.url}/admin/plugins/mail-merge`);
        await page.getByText("Vous n'avez pas les permissions pour accéder à ce contenu").waitFor();
        await expect(page.getByText('Gestion des bénéficiaires').count()).resolves.toBe(0);
        await screenshot(page, 'no-permission');
      })
    );
  });
});
