import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, newPage, screenshot } from '../helpers/browser';
import { superAdminToken, userWithActions } from '../helpers/admin';
import { setupStrapi, TEST_ACCOUNTS, type TestApp } from '../helpers/strapi';

/**
 * Chapter 3 of the MutualIT document (« Paramétrage des mails ») in a real Chromium, in French:
 * an extraction bound to two pages, a template built with the « Champs… » picker, the
 * unknown-field alert, and the preview of the template on a record.
 */
describe('mail configuration screens', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let beneficiaryId: string;

  const EXTRACTION = 'Noms des bénéficiaires (test navigateur)';
  const TEMPLATE = 'Bienvenue (test navigateur)';
  const QUERY = 'select document_id, last_name as nom_benef, first_name as prenom_benef from beneficiaries';

  beforeAll(async () => {
    app = await setupStrapi({ listen: true });
    const beneficiary = (await app.strapi.documents('api::beneficiary.beneficiary' as any).create({
      data: { lastName: 'Lagarde-Navigateur', firstName: 'Éloïse', role: 'assure', email: 'eloise.lagarde@example.test' } as any,
    })) as any;
    beneficiaryId = beneficiary.documentId;
    browser = await launchBrowser();
    page = await newPage(browser);
    await loginAs(page, app.url!, TEST_ACCOUNTS.admin.email, TEST_ACCOUNTS.admin.password);
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
      await screenshot(page, `configuration-${name}-failure`);
      throw error;
    }
  };

  /** Waits until no CSS animation runs (dialogs fade in), so that screenshots show the end state. */
  const settled = (target: Page) =>
    target.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));

  /** Picks an option of a design-system select (a combobox button, then a listbox). */
  const choose = async (combobox: ReturnType<Page['getByRole']>, option: string) => {
    await combobox.click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  it('opens the hub with its two configuration screens', async () => {
    await step('hub', async () => {
      await page.getByRole('link', { name: 'Mails de fusion' }).first().click();
      await page.waitForURL(/\/admin\/plugins\/mail-merge$/);
      await page.getByRole('heading', { name: 'Paramétrage des mails', level: 2 }).waitFor();
      await page.getByText('Gestion des bénéficiaires', { exact: true }).first().waitFor();
      await screenshot(page, 'configuration-hub');
    });
  });

  it('creates an extraction bound to two pages, tests it, and shows it under both pages', async () => {
    await step('extraction', async () => {
      await page.locator('nav').getByRole('link', { name: 'Extractions' }).click();
      await page.getByRole('heading', { name: 'Récapitulatif des extractions pour mails' }).waitFor();
      await screenshot(page, 'extractions-recap-before');

      await page.getByRole('link', { name: 'Ajouter une extraction pour mails' }).first().click();
      await page.getByRole('heading', { name: 'Nouvelle extraction pour mails' }).waitFor();
      await page.getByRole('textbox', { name: 'Intitulé' }).fill(EXTRACTION);
      await page.getByRole('textbox', { name: 'Description' }).fill('Nom et prénom, pour les tests du navigateur');
      await page.getByRole('textbox', { name: 'Requête' }).fill(QUERY);

      // « Accessible à partir des pages »: module, then page, validated by the check mark.
      const bindings = page.getByRole('region', { name: 'Accessible à partir des pages' });
      for (const [module, pageName, key] of [
        ['Fichier', 'Gestion des bénéficiaires', 'beneficiaries'],
        ['Prestation en Santé', 'Simulations', 'simulations'],
      ]) {
        await choose(bindings.getByRole('combobox', { name: 'Module' }), module);
        await choose(bindings.getByRole('combobox', { name: 'Page' }), pageName);
        await bindings.getByRole('button', { name: 'Valider l’ajout de la page' }).click();
        await bindings.locator(`tr[data-binding="${key}"]`).getByText(pageName, { exact: true }).waitFor();
      }

      // « Tester »: the first rows, then the row of one beneficiary.
      const tester = page.getByRole('region', { name: 'Tester la requête' });
      await tester.getByRole('button', { name: 'Tester' }).click();
      await tester.getByText('prenom_benef', { exact: true }).first().waitFor();
      await tester.getByText('Lagarde-Navigateur', { exact: true }).waitFor();
      await choose(tester.getByRole('combobox', { name: 'Tester sur' }), 'Une fiche de « Gestion des bénéficiaires »');
      await tester.getByRole('combobox', { name: 'Fiche' }).pressSequentially('lagarde');
      await page.getByRole('option', { name: 'Lagarde-Navigateur Éloïse' }).click();
      await tester.getByRole('button', { name: 'Tester' }).click();
      await tester.getByText('1 ligne', { exact: true }).waitFor();
      await tester.getByText(beneficiaryId, { exact: true }).waitFor();
      await screenshot(page, 'extraction-form');

      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Extraction créée.').waitFor();
      await page.waitForURL(/\/extractions\/(?!new)[a-z0-9]+$/);
      await page.getByRole('heading', { name: EXTRACTION, level: 1 }).waitFor();

      await page.locator('nav').getByRole('link', { name: 'Extractions' }).click();
      await page.getByRole('heading', { name: 'Récapitulatif des extractions pour mails' }).waitFor();
      // One extraction, listed once under each page it is accessible from.
      await page.getByRole('link', { name: EXTRACTION }).first().waitFor();
      await expect(page.getByRole('link', { name: EXTRACTION }).count()).resolves.toBe(2);
      await page.locator('tr[data-page-key="simulations"]').getByRole('link', { name: EXTRACTION }).waitFor();
      await page.locator('tr[data-page-key="beneficiaries"]').getByRole('link', { name: EXTRACTION }).waitFor();
      await screenshot(page, 'extractions-recap');
    });
  });

  it('builds a template with the field picker, flags an unknown field, saves and previews it on a record', async () => {
    await step('template', async () => {
      await page.locator('nav').getByRole('link', { name: 'Modèles de mail' }).click();
      await page.getByRole('heading', { name: 'Récapitulatif des mails paramétrés' }).waitFor();
      await page.getByRole('link', { name: 'Demande de pièces justificatives', exact: true }).waitFor();
      await screenshot(page, 'templates-recap-before');

      await page.getByRole('link', { name: 'Ajouter un mail' }).first().click();
      await page.getByRole('heading', { name: 'Nouveau mail' }).waitFor();
      await page.getByRole('textbox', { name: 'Intitulé' }).fill(TEMPLATE);
      await page.getByRole('textbox', { name: 'Famille' }).fill('Accueil');
      await page.getByRole('textbox', { name: 'Description' }).fill('Mail de bienvenue aux bénéficiaires');
      await choose(page.getByRole('combobox', { name: 'Page', exact: true }), 'Fichier › Gestion des bénéficiaires');
      await choose(page.getByRole('combobox', { name: 'Extraction' }), EXTRACTION);
      await page.getByText('Champs disponibles (3)').waitFor();
      // A welcome mail is not management mail: only for memberships that accept more than « Interne ».
      await choose(page.getByRole('combobox', { name: 'Consentement minimum' }), 'Limité (2) : communication hors gestion');
      // Tied to a notification: only to members who chose mail for it.
      await choose(page.getByRole('combobox', { name: 'Type de notification' }), 'Envoi des notifications de remboursement Assuré');

      // Subject: fixed text, then a field inserted by « Champs… » at the cursor.
      const subject = page.getByRole('textbox', { name: 'Sujet' });
      await subject.fill('Bienvenue ');
      await subject.press('End');
      await page.getByRole('button', { name: 'Champs…' }).click();
      await page.getByRole('menuitem', { name: 'prenom_benef', exact: true }).click();
      await expect.poll(() => subject.inputValue()).toBe('Bienvenue ${prenom_benef}');

      // Body: text, a field from the picker, then a field the extraction does not provide.
      const body = page.getByTestId('mail-body-editor');
      await body.click();
      await page.keyboard.type('Bonjour ');
      await page.getByRole('button', { name: 'Champs…' }).click();
      await page.getByText('Insérer dans : Corps').waitFor();
      await page.getByRole('menuitem', { name: 'nom_benef', exact: true }).click();
      await body.locator('[data-field="nom_benef"]').waitFor();
      await page.keyboard.type(', votre dossier ${inconnu}');
      const alert = page.getByRole('alert').filter({ hasText: 'Champs de fusion inconnus' });
      await alert.waitFor();
      await alert.getByText('${inconnu}').waitFor();
      await body.locator('[data-unknown-field="inconnu"]').waitFor();
      await screenshot(page, 'template-unknown-field');

      for (let i = 0; i < '${inconnu}'.length; i += 1) await page.keyboard.press('Backspace');
      await page.keyboard.type('est complet.');
      await alert.waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Mail créé.').waitFor();
      await page.waitForURL(/\/templates\/(?!new)[a-z0-9]+$/);
      await page.getByRole('heading', { name: TEMPLATE, level: 1 }).waitFor();
      const saved = (await app.strapi.documents('plugin::mail-merge.template' as any).findFirst({ filters: { title: TEMPLATE } } as any)) as any;
      expect(saved.subject).toBe('Bienvenue ${prenom_benef}');
      expect(saved.body).toContain('Bonjour ${nom_benef}, votre dossier est complet.');
      expect(saved.body).not.toContain('inconnu');
      expect(saved.minimumConsent).toBe('limite');
      expect(saved.notificationType).toBe('remboursement-assure');
      await screenshot(page, 'template-form');

      // « Prévisualiser » on a record found by its name.
      await page.getByRole('button', { name: 'Prévisualiser' }).click();
      const dialog = page.getByRole('dialog', { name: 'Prévisualiser le mail' });
      await dialog.getByRole('combobox', { name: 'Fiche' }).pressSequentially('lagarde');
      await page.getByRole('option', { name: 'Lagarde-Navigateur Éloïse' }).click();
      await dialog.getByTestId('preview-subject').getByText('Bienvenue Éloïse', { exact: true }).waitFor();
      await dialog.getByTestId('preview-text').getByText(/Bonjour Lagarde-Navigateur, votre dossier est complet\./).waitFor();
      await dialog.frameLocator('iframe').getByText('Bonjour Lagarde-Navigateur, votre dossier est complet.').waitFor();
      await settled(page);
      await screenshot(page, 'template-preview');
      await dialog.getByRole('button', { name: 'Fermer' }).last().click();

      await page.locator('nav').getByRole('link', { name: 'Modèles de mail' }).click();
      await page.locator('tr[data-page-key="beneficiaries"]').getByRole('link', { name: TEMPLATE }).waitFor();
      await screenshot(page, 'templates-recap');
    });
  });

  it('carries the seed’s actions on a template and an extraction page, and warns of rows that match no record of a bound page', async () => {
    await step('record-actions', async () => {
      await page.locator('nav').getByRole('link', { name: 'Modèles de mail' }).click();
      await page.locator('tr[data-page-key="beneficiaries"]').getByRole('link', { name: TEMPLATE }).click();
      await page.getByRole('heading', { name: TEMPLATE, level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Ajouter un mail' }).click();
      await page.getByRole('heading', { name: 'Nouveau mail' }).waitFor();
      await expect(page.getByRole('textbox', { name: 'Intitulé' }).inputValue()).resolves.toBe('');
      await page.getByRole('link', { name: 'Retour au récapitulatif' }).click();
      await page.getByRole('heading', { name: 'Récapitulatif des mails paramétrés' }).waitFor();

      // An extraction whose rows are professionals, bound to the beneficiaries' page: warned before saving.
      await app.strapi.documents('api::health-professional.health-professional' as any).create({
        data: { lastName: 'Praticien-Navigateur', firstName: 'Paul', email: 'paul.praticien@example.test' } as any,
      });
      await page.locator('nav').getByRole('link', { name: 'Extractions' }).click();
      await page.locator('tr[data-page-key="beneficiaries"]').getByRole('link', { name: EXTRACTION }).click();
      await page.getByRole('heading', { name: EXTRACTION, level: 1 }).waitFor();
      const query = page.getByRole('textbox', { name: 'Requête' });
      await query.fill(QUERY.replace('from beneficiaries', 'from health_professionals'));
      const warning = page.getByText('Lignes sans fiche correspondante', { exact: true });
      await warning.waitFor();
      await page.getByText(/ne correspondent à aucune fiche de : Gestion des bénéficiaires, Simulations\./).waitFor();
      await screenshot(page, 'extraction-key-mismatch');
      // Back to the beneficiaries: their page matches; simulations' ids are still not beneficiaries'.
      await query.fill(QUERY);
      await page.getByText(/ne correspondent à aucune fiche de : Simulations\./).waitFor();
      await page.getByRole('link', { name: 'Ajouter une extraction' }).click();
      await page.getByRole('heading', { name: 'Nouvelle extraction pour mails' }).waitFor();
      await page.getByRole('link', { name: 'Retour au récapitulatif' }).click();
      await page.getByRole('heading', { name: 'Récapitulatif des extractions pour mails' }).waitFor();
      // The next test starts from the templates' recap.
      await page.locator('nav').getByRole('link', { name: 'Modèles de mail' }).click();
      await page.getByRole('heading', { name: 'Récapitulatif des mails paramétrés' }).waitFor();
    });
  });

  it('duplicates the template to another page, warns before an extraction edit breaks both, and deletes the copy', async () => {
    await step('duplicate-break-delete', async () => {
      // « Dupliquer vers une autre page »: page and extraction in one dialog.
      await page.locator('tr[data-page-key="beneficiaries"]').getByRole('link', { name: TEMPLATE }).click();
      await page.getByRole('heading', { name: TEMPLATE, level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Dupliquer vers une autre page' }).click();
      const duplicate = page.getByRole('dialog', { name: 'Dupliquer vers une autre page' });
      await choose(duplicate.getByRole('combobox', { name: 'Page' }), 'Prestation en Santé › Simulations');
      await choose(duplicate.getByRole('combobox', { name: 'Extraction' }), EXTRACTION);
      await duplicate.getByRole('textbox', { name: 'Intitulé' }).fill(`${TEMPLATE} — simulations`);
      await duplicate.getByRole('button', { name: 'Dupliquer', exact: true }).click();
      await page.getByRole('heading', { name: `${TEMPLATE} — simulations`, level: 1 }).waitFor();
      await page.getByText('Prestation en Santé › Simulations').first().waitFor();

      // Renaming a column the templates use: the dry run lists them in « Attention » before saving.
      await page.locator('nav').getByRole('link', { name: 'Extractions' }).click();
      await page.locator('tr[data-page-key="beneficiaries"]').getByRole('link', { name: EXTRACTION }).click();
      await page.getByRole('heading', { name: EXTRACTION, level: 1 }).waitFor();
      await page.getByRole('region', { name: 'Modèles de mail utilisant cette extraction' }).getByText(`${TEMPLATE} — simulations`).waitFor();
      await page.getByRole('textbox', { name: 'Requête' }).fill(QUERY.replace('first_name as prenom_benef', 'first_name as prenom'));
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      const warning = page.getByRole('alertdialog', { name: 'Attention' });
      await warning.getByText(TEMPLATE, { exact: true }).waitFor();
      await warning.getByText(`${TEMPLATE} — simulations`, { exact: true }).waitFor();
      await expect(warning.getByText('Champs qui n’existeraient plus : ${prenom_benef}').count()).resolves.toBe(2);
      await settled(page);
      await screenshot(page, 'extraction-attention');
      await warning.getByRole('button', { name: 'Enregistrer quand même' }).click();
      await page.getByText(/Extraction enregistrée ; 2 modèles de mail sont maintenant à corriger/).waitFor();

      // Both templates are flagged in the recap, with the reason.
      await page.locator('nav').getByRole('link', { name: 'Modèles de mail' }).click();
      const copyRow = page.locator('tr[data-page-key="simulations"]').filter({ hasText: `${TEMPLATE} — simulations` });
      await copyRow.getByText('À corriger').waitFor();
      await copyRow.getByText('Champs inconnus : ${prenom_benef}').waitFor();
      await page.locator('tr[data-page-key="beneficiaries"]').filter({ hasText: TEMPLATE }).getByText('À corriger').waitFor();
      await screenshot(page, 'templates-recap-invalid');

      // « Supprimer le mail », after confirmation.
      await copyRow.getByRole('link', { name: `${TEMPLATE} — simulations` }).click();
      await page.getByRole('heading', { name: `${TEMPLATE} — simulations`, level: 1 }).waitFor();
      await page.getByRole('alert').filter({ hasText: 'Champs de fusion inconnus' }).getByText('${prenom_benef}').waitFor();
      await page.getByRole('button', { name: 'Supprimer le mail' }).click();
      const confirm = page.getByRole('alertdialog', { name: 'Confirmation' });
      await confirm.getByText(/est définitive/).waitFor();
      // The recap's own refetch is held back: the deleted mail must be gone from what it shows
      // at once, not when a slow answer comes in.
      const templatesList = (url: URL) => url.pathname.endsWith('/mail-merge/templates');
      await page.route(templatesList, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        await route.continue().catch(() => undefined);
      });
      await confirm.getByRole('button', { name: 'Supprimer le mail' }).click();
      await page.getByText('Mail supprimé.').waitFor();
      await page.getByRole('heading', { name: 'Récapitulatif des mails paramétrés' }).waitFor();
      await page.locator('tr[data-page-key="beneficiaries"]').getByRole('link', { name: TEMPLATE, exact: true }).waitFor();
      await expect(page.getByRole('link', { name: `${TEMPLATE} — simulations` }).count()).resolves.toBe(0);
      await page.unroute(templatesList);
    });
  });

  it('refuses a save over a colleague’s, and keeps what the user typed', async () => {
    await step('edited-meanwhile', async () => {
      const SHIPPED = 'Demande de pièces justificatives';
      await page.locator('nav').getByRole('link', { name: 'Modèles de mail' }).click();
      await page.locator('tr[data-page-key="beneficiaries"]').getByRole('link', { name: SHIPPED, exact: true }).click();
      await page.getByRole('heading', { name: SHIPPED, level: 1 }).waitFor();
      const description = page.getByRole('textbox', { name: 'Description' });
      await description.fill('Ma description, tapée dans le navigateur');

      // Meanwhile a colleague saves the same template.
      const colleague = await superAdminToken(app);
      const api = (method: 'get' | 'put', url: string) => app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${colleague}`);
      const shipped = (await api('get', '/templates?page=beneficiaries').expect(200)).body.data.find((t: any) => t.title === SHIPPED);
      await api('put', `/templates/${shipped.documentId}`).send({ description: 'Celle du collègue' }).expect(200);

      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText(/Ce mail a été modifié et enregistré par ailleurs depuis que vous l’avez ouvert/).first().waitFor();
      await expect(description.inputValue()).resolves.toBe('Ma description, tapée dans le navigateur');
      const stored = (await api('get', `/templates/${shipped.documentId}`).expect(200)).body.data;
      expect(stored).toMatchObject({ description: 'Celle du collègue', version: shipped.version + 1 });
      await screenshot(page, 'template-edited-meanwhile');
    });
  });

  it('shows the screens read-only to a user who may only read them', async () => {
    const { email } = await userWithActions(app, ['plugin::mail-merge.templates-read', 'plugin::mail-merge.extractions-read']);
    const reader = await newPage(browser);
    try {
      await loginAs(reader, app.url!, email, 'User-Test-2026');
      await reader.goto(`${app.url}/admin/plugins/mail-merge/templates`);
      await reader.getByRole('heading', { name: 'Récapitulatif des mails paramétrés' }).waitFor();
      await expect(reader.getByRole('link', { name: 'Ajouter un mail' }).count()).resolves.toBe(0);
      await reader.getByRole('link', { name: TEMPLATE }).click();
      await reader.getByRole('heading', { name: TEMPLATE, level: 1 }).waitFor();
      await reader.getByRole('button', { name: 'Prévisualiser' }).waitFor();
      await expect(reader.getByRole('button', { name: 'Enregistrer' }).count()).resolves.toBe(0);
      await expect(reader.getByRole('button', { name: 'Supprimer le mail' }).count()).resolves.toBe(0);
      await expect(reader.getByRole('textbox', { name: 'Intitulé' }).isDisabled()).resolves.toBe(true);
      await expect(reader.getByTestId('mail-body-editor').getAttribute('contenteditable')).resolves.toBe('false');

      await reader.locator('nav').getByRole('link', { name: 'Extractions' }).click();
      await reader.getByRole('heading', { name: 'Récapitulatif des extractions pour mails' }).waitFor();
      await expect(reader.getByRole('link', { name: 'Ajouter une extraction pour mails' }).count()).resolves.toBe(0);
      await screenshot(reader, 'extractions-read-only');
    } catch (error) {
      await screenshot(reader, 'configuration-read-only-failure');
      throw error;
    } finally {
      await reader.context().close();
    }
  });
});
