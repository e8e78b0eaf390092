import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, newPage, screenshot } from '../helpers/browser';
import { userWithActions } from '../helpers/admin';
import { createHousehold } from '../helpers/records';
import { setupStrapi, TEST_ACCOUNTS, type TestApp } from '../helpers/strapi';
import { eventually } from '../helpers/wait';

/**
 * Chapter 4 of the MutualIT document (« Utilisation des mails ») in a real Chromium, in French:
 * the Gestionnaire opens a beneficiary, sends a mail with a Cc from « Envoyer un mail », sees the
 * event in the « Événements » panel; a household that refuses e-mail shows no such action.
 */
describe('sending a mail from a record in the Content Manager', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const FROM = 'gestion@mutuelle.example.test';
  const CC = 'conseiller@mutuelle.example.test';
  const beneficiaryUrl = (documentId: string) => `${app.url}/admin/content-manager/collection-types/api::beneficiary.beneficiary/${documentId}`;

  beforeAll(async () => {
    app = await setupStrapi({ listen: true });
    browser = await launchBrowser();
    page = await newPage(browser);
    await loginAs(page, app.url!, TEST_ACCOUNTS.gestionnaire.email, TEST_ACCOUNTS.gestionnaire.password);
  });

  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
    await app?.teardown();
  });

  /** Runs a step; on failure keeps a screenshot of what the browser showed. */
  const step = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      await screenshot(page, `sending-${name}-failure`);
      throw error;
    }
  };

  /** Waits until no CSS animation runs (dialogs fade in), so that screenshots show the end state. */
  const settled = () => page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));

  it('sends a mail with a Cc from a beneficiary and shows the event', async () => {
    await step('send', async () => {
      app.sink.clear();
      const { insured } = await createHousehold(app, 'interne', `e2e${Date.now().toString(36)}`);
      await page.goto(beneficiaryUrl(insured.documentId));
      await page.getByRole('button', { name: 'Envoyer un mail' }).click();

      const dialog = page.getByRole('dialog', { name: 'Envoyer un mail' });
      await dialog.waitFor();
      // Several templates for the page: the chooser, grouped by family.
      const form = dialog.getByRole('form', { name: 'Mail à envoyer' });
      await Promise.race([form.waitFor(), dialog.getByText('Dépliez une famille').waitFor()]);
      if (!(await form.isVisible())) {
        await dialog.getByRole('button').filter({ hasText: /mails?$/ }).first().click();
        await dialog.locator('li button').first().click();
      }
      await form.waitFor();

      const sender = form.getByRole('textbox', { name: 'Expéditeur' });
      await sender.fill(FROM);
      const to = form.getByRole('group', { name: 'Pour' });
      await to.getByText(insured.email, { exact: true }).waitFor();
      const cc = form.getByRole('group', { name: 'Copie à' });
      // An invalid address is refused at « + », with the reason under the field.
      await cc.getByRole('textbox').fill('conseiller@mutuelle');
      await cc.getByRole('button', { name: 'Ajouter à « Copie à »' }).click();
      await cc.getByText('« conseiller@mutuelle » n’est pas une adresse électronique valide.', { exact: true }).waitFor();
      await expect(cc.getByRole('listitem').count()).resolves.toBe(0);
      await cc.getByRole('textbox').fill('a@x.fr; b@y.fr');
      await cc.getByRole('button', { name: 'Ajouter à « Copie à »' }).click();
      await cc.getByText('Une seule adresse à la fois : validez chacune avec « + ».', { exact: true }).waitFor();
      await cc.getByRole('textbox').fill(CC);
      await cc.getByRole('button', { name: 'Ajouter à « Copie à »' }).click();
      await cc.getByText(CC, { exact: true }).waitFor();
      await expect(form.getByRole('checkbox', { name: 'Génération événement envoi mail' }).isChecked()).resolves.toBe(true);

      // An attachment, uploaded to the Media Library.
      const file = path.join(os.tmpdir(), `justificatif-${process.pid}.txt`);
      fs.writeFileSync(file, 'Pièce justificative de test\n');
      await form.getByTestId('mail-attachment-input').setInputFiles(file);
      await form.getByRole('button', { name: `Retirer ${path.basename(file)}` }).waitFor();

      await form.getByRole('button', { name: 'Aperçu' }).click();
      await settled();
      await screenshot(page, 'send-dialog');

      const clickedAt = Date.now();
      await dialog.getByRole('button', { name: 'Envoyer', exact: true }).click();
      await page.getByText(/Mail mis en file d’envoi/).waitFor();
      await expect(dialog.isVisible()).resolves.toBe(false);

      const [mail] = await app.sink.waitFor(1);
      // A figure for the notes, not an assertion: speed is measured by benchmarks.
      console.log(`[measure] click « Envoyer » → mail at the SMTP sink: ${mail.receivedAt - clickedAt} ms`);
      expect(mail.from).toBe(FROM);
      expect(mail.to).toEqual([insured.email]);
      expect(mail.cc).toEqual([CC]);
      expect(mail.attachments.map((a) => a.filename)).toEqual([path.basename(file)]);

      const events = page.getByRole('list', { name: 'Événements' });
      await events.getByText(/^\[AUTO\] Envoi de mail : /).first().waitFor();
      await events.locator('[data-status="sent"]').first().waitFor({ timeout: 15_000 });
      await screenshot(page, 'send-events');
    });
  });

  it('keeps the sender profile, which prefills the sender of the next mail', async () => {
    await step('profile', async () => {
      await page.goto(`${app.url}/admin/plugins/mail-merge`);
      await page.locator('nav').getByRole('link', { name: 'Mon profil d’envoi' }).click();
      await page.getByRole('heading', { name: 'Mon profil d’envoi', level: 1 }).waitFor();
      const email = page.getByRole('textbox', { name: 'Adresse mail' });
      // An address outside the allowed domains is refused with the server's message.
      await email.fill('moi@ailleurs.example.test');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Profil non enregistré').waitFor();
      await email.fill(FROM);
      await page.getByTestId('mail-body-editor').click();
      await page.keyboard.type('Claire Gestionnaire — Service adhésions');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Profil d’envoi enregistré.').waitFor();
      await screenshot(page, 'send-profile');

      const { insured } = await createHousehold(app, 'interne', `e2p${Date.now().toString(36)}`);
      await page.goto(beneficiaryUrl(insured.documentId));
      await page.getByRole('button', { name: 'Envoyer un mail' }).click();
      const dialog = page.getByRole('dialog', { name: 'Envoyer un mail' });
      const form = dialog.getByRole('form', { name: 'Mail à envoyer' });
      await Promise.race([form.waitFor(), dialog.getByText('Dépliez une famille').waitFor()]);
      if (!(await form.isVisible())) {
        await dialog.getByRole('button').filter({ hasText: /mails?$/ }).first().click();
        await dialog.locator('li button').first().click();
      }
      await form.waitFor();
      await expect(form.getByRole('textbox', { name: 'Expéditeur' }).inputValue()).resolves.toBe(FROM);
      await form.getByTestId('mail-body-editor').getByText('Claire Gestionnaire — Service adhésions').waitFor();
      // The footer's « Annuler » (the editor's toolbar has an « Annuler » (undo) button too).
      await dialog.getByRole('button', { name: 'Annuler' }).last().click();
    });
  });

  it('« Gérer les notifications » from a dependant: e-mail refused, « Envoyer un mail » disappears from the insured and the dependant', async () => {
    await step('consent', async () => {
      const { insured, dependant, adhesion: household } = await createHousehold(app, 'interne', `e2c${Date.now().toString(36)}`);
      await page.goto(beneficiaryUrl(dependant.documentId));
      await page.getByRole('button', { name: 'Envoyer un mail' }).waitFor();
      await page.getByRole('button', { name: "Plus d'actions sur les documents" }).click();
      await page.getByRole('menuitem', { name: 'Gérer les notifications' }).click();
      await page.getByRole('heading', { name: 'Notifications & Consentements', level: 1 }).waitFor();
      await page.getByText('(0) Refus : la mutuelle n’a pas le droit d’utiliser les coordonnées.').waitFor();
      const email = page.getByRole('radiogroup', { name: 'Adresse électronique' });
      await expect(email.getByRole('radio', { name: 'Interne (1)' }).getAttribute('aria-checked')).resolves.toBe('true');
      await email.getByRole('radio', { name: 'Refus (0)' }).click();
      await page.getByRole('button', { name: 'Modifier' }).click();
      await page.getByText('Consentement modifié.').waitFor();
      await page.getByText('Interne (1) → Refus (0)').waitFor();
      await settled();
      await screenshot(page, 'send-consent');
      const adhesion = (await (app.strapi.documents as any)('api::adhesion.adhesion').findOne({ documentId: household.documentId, populate: ['consent'] })) as any;
      expect(adhesion.consent.email).toBe('refus');

      // Neither the dependant nor the insured offers the action any more.
      for (const person of [dependant, insured]) {
        await page.goto(beneficiaryUrl(person.documentId));
        await page.getByText('Événements').first().waitFor();
        // « Gérer les notifications » is now the only extra action: a button of the panel.
        await page.getByRole('button', { name: 'Gérer les notifications' }).waitFor();
        await page.waitForTimeout(1000);
        await expect(page.getByRole('button', { name: 'Envoyer un mail' }).count()).resolves.toBe(0);
      }
    });
  });

  it('offers « Gérer les notifications » on the adhesion itself, and consent given back puts the action back', async () => {
    await step('consent-adhesion', async () => {
      const { insured, dependant, adhesion: household } = await createHousehold(app, 'refus', `e2h${Date.now().toString(36)}`);
      await page.goto(`${app.url}/admin/content-manager/collection-types/api::adhesion.adhesion/${household.documentId}`);
      // With « Enregistrer » as the only other action, it is a button of the panel (no « … » menu).
      await page.getByRole('button', { name: 'Gérer les notifications' }).click();
      await page.getByRole('heading', { name: 'Notifications & Consentements', level: 1 }).waitFor();
      const email = page.getByRole('radiogroup', { name: 'Adresse électronique' });
      await expect(email.getByRole('radio', { name: 'Refus (0)' }).getAttribute('aria-checked')).resolves.toBe('true');
      await page.getByText('Mail refusé').waitFor();
      await email.getByRole('radio', { name: 'Interne (1)' }).click();
      // The member's notification choices, among what the mutual offers.
      const refund = page.getByRole('checkbox', { name: 'Envoi des notifications de remboursement Assuré — Mail' });
      await expect(refund.isChecked()).resolves.toBe(false);
      await refund.click();
      await page.getByRole('button', { name: 'Modifier' }).click();
      await page.getByText('Refus (0) → Interne (1)').waitFor();
      await page.getByText('aucun → Mail').waitFor();
      await screenshot(page, 'consent-adhesion');
      const saved = (await (app.strapi.documents as any)('api::adhesion.adhesion').findOne({ documentId: household.documentId })) as any;
      expect(saved.notificationChoices['remboursement-assure']).toEqual(['mail']);
      // Consent given back: the insured and the dependant can be written to again.
      for (const person of [insured, dependant]) {
        await page.goto(beneficiaryUrl(person.documentId));
        await page.getByRole('button', { name: 'Envoyer un mail' }).waitFor();
      }
    });
  });

  it('offers a chooser by family when the page has several templates, and shows server errors in the dialog', async () => {
    await step('chooser', async () => {
      const token = (await app.request().post('/admin/login').send(TEST_ACCOUNTS.admin).expect(200)).body.data.token;
      const extraction = await (app.strapi.documents as any)('plugin::mail-merge.extraction').findFirst({ filters: { shippedKey: 'beneficiaries' } });
      await app
        .request()
        .post('/mail-merge/templates')
        .set('Authorization', `Bearer ${token}`)
        .send({ family: 'Communications', title: 'Espace adhérent (navigateur)', description: 'Mail d’accès à l’espace web', subject: 'Espace WEB', recipient: '', body: '<p>Bonjour,</p>', page: 'beneficiaries', extraction: extraction.documentId })
        .expect(201);

      app.sink.clear();
      const { insured } = await createHousehold(app, 'interne', `e2f${Date.now().toString(36)}`);
      await page.goto(beneficiaryUrl(insured.documentId));
      await page.getByRole('button', { name: 'Envoyer un mail' }).click();
      const dialog = page.getByRole('dialog', { name: 'Envoyer un mail' });
      await dialog.getByText('Dépliez une famille et choisissez le mail à envoyer.').waitFor();
      await dialog.getByRole('button', { name: /Communications/ }).click();
      await dialog.getByText('Mail d’accès à l’espace web').waitFor();
      await settled();
      await screenshot(page, 'send-chooser');
      await dialog.getByRole('button', { name: /Espace adhérent \(navigateur\)/ }).click();
      const form = dialog.getByRole('form', { name: 'Mail à envoyer' });
      await form.getByText('Mail édité : Espace adhérent (navigateur)').waitFor();

      // A sender outside the allowed domains: the server's French message, in the dialog, nothing sent.
      await form.getByRole('textbox', { name: 'Expéditeur' }).fill('moi@ailleurs.example.test');
      await form.getByRole('group', { name: 'Pour' }).getByRole('textbox').fill(insured.email);
      await dialog.getByRole('button', { name: 'Envoyer', exact: true }).click();
      await form.getByText('Le mail n’a pas été envoyé').waitFor();
      await settled();
      await screenshot(page, 'send-error');
      await expect(dialog.isVisible()).resolves.toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(app.sink.messages.length).toBe(0);
      await dialog.getByRole('button', { name: 'Annuler' }).last().click();
    });
  });

  it('shows no « Envoyer un mail » when the household refuses e-mail', async () => {
    await step('refus', async () => {
      const { insured } = await createHousehold(app, 'refus', `e2r${Date.now().toString(36)}`);
      await page.goto(beneficiaryUrl(insured.documentId));
      await page.getByRole('heading', { name: /Durand|Élise/ }).first().waitFor();
      // The panel is there (the action's data has had time to load), the action is not.
      await page.getByText('Événements').first().waitFor();
      await page.waitForTimeout(1500);
      await expect(page.getByRole('button', { name: 'Envoyer un mail' }).count()).resolves.toBe(0);
      await screenshot(page, 'send-refus');
    });
  });

  it('shows no « Envoyer un mail » to a user who may read beneficiaries but not send', async () => {
    const reader = await newPage(browser);
    try {
      const { insured } = await createHousehold(app, 'public', `e2n${Date.now().toString(36)}`);
      const { email } = await userWithActions(app, [
        { action: 'plugin::content-manager.explorer.read', subject: 'api::beneficiary.beneficiary' },
        { action: 'plugin::content-manager.explorer.read', subject: 'api::adhesion.adhesion' },
      ]);
      await loginAs(reader, app.url!, email, 'User-Test-2026');
      await reader.goto(beneficiaryUrl(insured.documentId));
      await reader.getByRole('heading', { name: /Durand|Élise/ }).first().waitFor();
      await reader.waitForTimeout(1500);
      await expect(reader.getByRole('button', { name: 'Envoyer un mail' }).count()).resolves.toBe(0);
      await screenshot(reader, 'send-no-right');
    } finally {
      await reader.context().close();
    }
  });
});

describe('« Suivi des mails »', () => {
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

  it('lists the sent mails with filters and shows one in detail', async () => {
    try {
      const { insured } = await createHousehold(app, 'interne', `e2m${Date.now().toString(36)}`);
      const token = (await app.request().post('/admin/login').send(TEST_ACCOUNTS.admin).expect(200)).body.data.token;
      const api = (url: string) => app.request().post(`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
      const templates = await app.request().get('/mail-merge/templates?page=beneficiaries').set('Authorization', `Bearer ${token}`).expect(200);
      const template = templates.body.data[0];
      const draft = (await api('/compose').send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId }).expect(200)).body.data;
      await api('/send')
        .send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId, from: 'gestion@mutuelle.example.test', to: draft.to, subject: draft.subject, html: draft.html })
        .expect(202);
      await app.sink.waitFor(1);

      await page.goto(`${app.url}/admin/plugins/mail-merge/messages`);
      await page.getByRole('heading', { name: 'Suivi des mails', level: 1 }).waitFor();
      const row = page.locator('tr[data-message]').filter({ hasText: draft.subject });
      await row.waitFor();
      await page.getByRole('textbox', { name: 'Destinataire' }).fill('personne@nulle-part.test');
      await page.getByText('Aucun mail ne correspond.').waitFor();
      await page.getByRole('textbox', { name: 'Destinataire' }).fill(draft.to[0]);
      await row.click();
      const dialog = page.getByRole('dialog', { name: draft.subject });
      await dialog.locator('iframe[sandbox=""]').waitFor();
      await dialog.getByText(draft.to[0]).first().waitFor();
      await screenshot(page, 'messages-detail');
    } catch (error) {
      await screenshot(page, 'messages-failure');
      throw error;
    }
  });

  it('says the content of a mail past its retention period was erased', async () => {
    try {
      const { insured } = await createHousehold(app, 'interne', `e2r${Date.now().toString(36)}`);
      const token = (await app.request().post('/admin/login').send(TEST_ACCOUNTS.admin).expect(200)).body.data.token;
      const api = (url: string) => app.request().post(`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
      const templates = await app.request().get('/mail-merge/templates?page=beneficiaries').set('Authorization', `Bearer ${token}`).expect(200);
      const template = templates.body.data[0];
      const draft = (await api('/compose').send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId }).expect(200)).body.data;
      app.sink.clear();
      const sent = await api('/send')
        .send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId, from: 'gestion@mutuelle.example.test', to: draft.to })
        .expect(202);
      await app.sink.waitFor(1);
      const messages = app.strapi.db.query('plugin::mail-merge.message');
      await eventually(async () => ((await messages.findOne({ where: { documentId: sent.body.data.documentId } })) as any)?.status === 'sent');
      // Two years old, then the daily purge.
      await messages.update({ where: { documentId: sent.body.data.documentId }, data: { sentAt: new Date(Date.now() - 2 * 365 * 24 * 3600 * 1000) } });
      await (app.strapi.plugin('mail-merge').service('ledger') as any).retention.purge({ days: 365 });

      await page.goto(`${app.url}/admin/plugins/mail-merge/messages`);
      await page.getByRole('heading', { name: 'Suivi des mails', level: 1 }).waitFor();
      await page.getByRole('textbox', { name: 'Destinataire' }).fill(draft.to[0]);
      await page.locator('tr[data-message]').filter({ hasText: draft.subject }).first().click();
      const dialog = page.getByRole('dialog', { name: draft.subject });
      await dialog.getByText('Contenu effacé').waitFor();
      await dialog.getByText(/a été effacé le .* \(durée de conservation\)/).waitFor();
      // The proof stays: the recipient; the body does not.
      await dialog.getByText(draft.to[0]).first().waitFor();
      expect(await dialog.locator('iframe[sandbox=""]').count()).toBe(0);
      await screenshot(page, 'messages-purged');
    } catch (error) {
      await screenshot(page, 'messages-purged-failure');
      throw error;
    }
  });
});
