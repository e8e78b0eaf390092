import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, superAdminToken, userWithActions } from '../helpers/admin';
import { launchBrowser, loginAs, newPage, screenshot, step } from '../helpers/browser';
import { buildDsn } from '../helpers/dsn';
import { createHousehold } from '../helpers/records';
import { setupStrapi, type TestApp } from '../helpers/strapi';
import { eventually } from '../helpers/wait';

const DOMAIN = 'bounces-e2e.mutuelle.example.test';
const FROM = 'gestion@mutuelle.example.test';
const CM_READ_BENEFICIARIES = { action: 'plugin::content-manager.explorer.read', subject: 'api::beneficiary.beneficiary' };

/** « Adresses en échec » in a real Chromium, in French: a bounced address listed, found, and cleared by a gestionnaire. */
describe('suppressed addresses screen', () => {
  let app: TestApp;
  let browser: Browser;
  let address: string;

  const api = (token: string, method: 'get' | 'post' | 'put', url: string) => app.request()[method](url).set('Authorization', `Bearer ${token}`);
  const suppressionOf = (email: string) => app.strapi.db.query('plugin::mail-merge.suppression' as any).findOne({ where: { address: email } }) as Promise<any>;

  /** A gestionnaire's page, logged in with exactly these actions. */
  const pageFor = async (actions: Parameters<typeof userWithActions>[1]): Promise<Page> => {
    const { email } = await userWithActions(app, actions);
    const page = await newPage(browser);
    await loginAs(page, app.url!, email, 'User-Test-2026');
    await page.goto(`${app.url}/admin/plugins/mail-merge`);
    await page.locator('nav').getByRole('link', { name: 'Adresses en échec' }).click();
    await page.getByRole('heading', { name: 'Adresses en échec', level: 1 }).waitFor();
    return page;
  };

  beforeAll(async () => {
    app = await setupStrapi({ listen: true, pluginConfig: { bounces: { domain: DOMAIN } } });
    const admin = await superAdminToken(app);
    const intake = await apiToken(app, 'custom', ['plugin::mail-merge.bounces.intake']);
    await api(admin, 'put', '/mail-merge/profile').send({ email: FROM }).expect(200);
    const templates = (await api(admin, 'get', '/mail-merge/templates?page=beneficiaries').expect(200)).body.data;
    const template = templates.find((t: any) => t.title === 'Demande de pièces justificatives').documentId;

    // A mail sent to the insured comes back: the relay's DSN goes to the intake route.
    const { insured } = await createHousehold(app, 'interne', 'e2e-bounce');
    address = insured.email;
    const queued = await api(admin, 'post', '/mail-merge/send').send({ page: 'beneficiaries', record: insured.documentId, template, from: FROM, to: [address] }).expect(202);
    const documentId = queued.body.data.documentId as string;
    const sent = await eventually(async () => {
      const row = (await app.strapi.db.query('plugin::mail-merge.message' as any).findOne({ where: { documentId } })) as any;
      return row?.status === 'sent' ? row : null;
    });
    const dsn = await buildDsn({ to: `bounce+${documentId}@${DOMAIN}`, recipient: address, returned: { messageId: sent.messageId, mailMergeId: documentId } });
    await app.request().post('/api/mail-merge/bounces').set('Content-Type', 'message/rfc822').set('Authorization', `Bearer ${intake}`).send(dsn).expect(200);

    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.teardown();
  });

  it('lists the bounced address with its reason and mail, read-only for a user who may not send', async () => {
    const page = await pageFor(['plugin::mail-merge.messages-read', CM_READ_BENEFICIARIES]);
    await step(page, 'suppressions-read-only', async () => {
      const row = page.locator(`tr[data-suppression="${address}"]`);
      await row.getByText('adresse inconnue (5.1.1)').waitFor();
      await row.getByText('Demande de pièces justificatives').waitFor();
      await row.getByText('Fichier › Gestion des bénéficiaires').waitFor();
      await row.getByText('En échec', { exact: true }).waitFor();
      await expect(row.getByRole('button', { name: 'Lever' }).count()).resolves.toBe(0);
    });
    await page.context().close();
  });

  it('finds the address, clears it after confirmation, and shows it under « Levées » with who cleared it', async () => {
    const page = await pageFor(['plugin::mail-merge.messages-read', 'plugin::mail-merge.send-single', CM_READ_BENEFICIARIES]);
    await step(page, 'suppressions-clear', async () => {
      const searched = page.waitForResponse((response) => new URL(response.url()).searchParams.get('address') === 'elise.e2e-bounce');
      await page.getByRole('textbox', { name: 'Adresse' }).fill('elise.e2e-bounce');
      await searched;
      const row = page.locator(`tr[data-suppression="${address}"]`);
      await row.getByText('adresse inconnue (5.1.1)').waitFor();
      await expect(page.locator('tr[data-suppression]').count()).resolves.toBe(1);
      await screenshot(page, 'suppressions');

      await row.getByRole('button', { name: 'Lever' }).click();
      const confirm = page.getByRole('alertdialog', { name: 'Lever l’échec de cette adresse ?' });
      await confirm.getByText(`Les prochains mails à ${address} partiront de nouveau.`, { exact: false }).waitFor();
      await confirm.getByRole('button', { name: 'Lever' }).click();
      await page.getByText(`L’adresse ${address} peut de nouveau recevoir des mails.`).waitFor();
      await page.getByText('Aucune adresse en échec.').waitFor();
      const cleared = await suppressionOf(address);
      expect(cleared.clearedAt).not.toBeNull();
      expect(cleared.clearedByName).toMatch(/^Test User \d+$/);

      await page.getByRole('combobox', { name: 'État' }).click();
      await page.getByRole('option', { name: 'Levées' }).click();
      await row.getByText(`par ${cleared.clearedByName}`, { exact: false }).waitFor();
      await expect(row.getByRole('button', { name: 'Lever' }).count()).resolves.toBe(0);
    });
    await page.context().close();
  });
});
