import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, newPage, screenshot, step } from '../helpers/browser';
import { createHousehold } from '../helpers/records';
import { setupStrapi, TEST_ACCOUNTS, type TestApp } from '../helpers/strapi';
import { eventually } from '../helpers/wait';

/** « Mise en page » in a real Chromium, in French: the letterhead editor, and the template preview in it. */
describe('mail layout screens', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await setupStrapi({ listen: true });
    await createHousehold(app, 'interne', 'e2e-layout');
    const adminUser = (await app.strapi.db.query('admin::user').findOne({ where: { email: TEST_ACCOUNTS.admin.email } })) as any;
    await app.strapi.plugin('mail-merge').service('sender-profiles').save(adminUser.id, {
      email: 'gestion@mutuelle.example.test',
      signature: '<p>Admin Mutuelle, service adhésions</p>',
    });
    browser = await launchBrowser();
    page = await newPage(browser);
    await loginAs(page, app.url!, TEST_ACCOUNTS.admin.email, TEST_ACCOUNTS.admin.password);
  });

  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
    await app?.teardown();
  });

  it('opens the layout editor, edits the footer with a live preview, and saves', async () => {
    await step(page, 'layout-editor', async () => {
      await page.goto(`${app.url}/admin/plugins/mail-merge`);
      await page.locator('nav').getByRole('link', { name: 'Mise en page' }).click();
      await page.getByRole('heading', { name: 'Mise en page', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Mise en page de la mutuelle' }).click();
      await page.getByRole('heading', { name: 'Mise en page de la mutuelle', level: 1 }).waitFor();

      // The preview: a sample mail in the letterhead, with the user's signature.
      const frame = page.frameLocator('iframe[title="Aperçu de la mise en page"]');
      await frame.getByText('Votre mutuelle', { exact: true }).waitFor();
      await frame.getByText('Admin Mutuelle, service adhésions').waitFor();

      await page.getByRole('textbox', { name: 'Adresse' }).fill('3 rue du Navigateur\n44000 Nantes');
      await frame.getByText('3 rue du Navigateur').waitFor();
      await page.getByTestId('layout-preview-text').getByText(/44000 Nantes/).waitFor();
      await screenshot(page, 'layout-editor');

      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Mise en page enregistrée.').waitFor();
      const saved = await eventually(async () => {
        const row = (await app.strapi.db.query('plugin::mail-merge.layout').findOne({ where: { isDefault: true } })) as any;
        return row?.footerAddress?.includes('Navigateur') ? row : null;
      });
      expect(saved.footerAddress).toBe('3 rue du Navigateur\n44000 Nantes');
      expect(saved.version).toBe(2);
    });
  });

  it('shows the letterhead in the template preview, and offers the layout in the template form', async () => {
    await step(page, 'layout-template-preview', async () => {
      await page.locator('nav').getByRole('link', { name: 'Modèles de mail' }).click();
      await page.getByRole('link', { name: 'Demande de pièces justificatives', exact: true }).click();
      await page.getByRole('heading', { name: 'Demande de pièces justificatives', level: 1 }).waitFor();
      await page.getByRole('combobox', { name: 'Mise en page' }).getByText('Par défaut (Mise en page de la mutuelle)').waitFor();

      await page.getByRole('button', { name: 'Prévisualiser' }).click();
      const dialog = page.getByRole('dialog', { name: 'Prévisualiser le mail' });
      await dialog.getByRole('combobox', { name: 'Fiche' }).pressSequentially('durand');
      await page.getByRole('option', { name: /Durand Élise/ }).first().click();
      const frame = dialog.frameLocator('iframe');
      await frame.getByText('Votre mutuelle', { exact: true }).waitFor();
      await frame.getByText('3 rue du Navigateur').waitFor();
      await frame.getByText(/ADH-e2e-layout/).first().waitFor();
      await frame.getByText('Admin Mutuelle, service adhésions').waitFor();
      await dialog.getByTestId('preview-text').getByText(/Vos coordonnées sont utilisées par votre mutuelle/).waitFor();
      await screenshot(page, 'layout-template-preview');
      await dialog.getByRole('button', { name: 'Fermer' }).last().click();
    });
  });
});
