import fs from 'fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gestionnaireToken, superAdminToken, userWithActions } from '../helpers/admin';
import { launchBrowser, loginAs, newPage, screenshot } from '../helpers/browser';
import { setupStrapi, TEST_ACCOUNTS, type TestApp } from '../helpers/strapi';

/**
 * « Envoi de mails groupés » in a real Chromium, in French: rows ticked in the Content Manager
 * list of beneficiaries, « Envoyer un mail groupé », the pre-flight (who receives it, who is left
 * out and why, for the ticked rows and for the whole filtered list), « Envoyer », the progress
 * page until the bar's end, the SMTP sink holding exactly the eligible recipients' mails, and the
 * CSV report downloaded with the admin token.
 */
describe('grouped sending from the Content Manager list', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const FROM = 'envois@mutuelle.example.test';
  const TEMPLATE = 'Demande de pièces justificatives';
  const listUrl = (search: string) =>
    `${app.url}/admin/content-manager/collection-types/api::beneficiary.beneficiary?page=1&pageSize=50&sort=firstName:ASC&_q=${encodeURIComponent(search)}`;

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

  /** Runs a step; on failure keeps a screenshot of what the browser showed. */
  const step = async (target: Page, name: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      await screenshot(target, `bulk-${name}-failure`);
      throw error;
    }
  };

  /** Waits until no CSS animation runs (dialogs fade in), so that screenshots show the end state. */
  const settled = (target: Page) => target.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));

  /** A grouped send leaves from the sender profile's address. */
  const setSenderProfile = async (token: string) => {
    await app.request().put('/mail-merge/profile').set('Authorization', `Bearer ${token}`).send({ email: FROM, signature: '' }).expect(200);
  };

  /**
   * Beneficiaries sharing a last name found by the list's search: Anne and Bruno (household that
   * accepts e-mail), Chloé (same household, no e-mail address), Denis (household that refused
   * e-mail) and Emma (accepts e-mail; never ticked, only in « toute la liste »).
   */
  const createRecords = async (suffix: string) => {
    const docs = app.strapi.documents as any;
    const household = async (number: string, email: 'interne' | 'refus') =>
      docs('api::adhesion.adhesion').create({
        data: { number, startDate: '2024-01-01', consent: { postalAddress: 'interne', landline: 'interne', mobile: 'interne', email } },
      });
    const accepting = await household(`ADH-${suffix}-1`, 'interne');
    const refusing = await household(`ADH-${suffix}-2`, 'refus');
    const lastName = `Groupe${suffix}`;
    const person = (firstName: string, email: string | null, adhesion: string, role = 'ayant_droit') =>
      docs('api::beneficiary.beneficiary').create({ data: { civility: 'Mme', lastName, firstName, email, role, adhesion } });
    const anne = await person('Anne', `anne.${suffix}@example.test`, accepting.documentId, 'assure');
    const bruno = await person('Bruno', `bruno.${suffix}@example.test`, accepting.documentId);
    const chloe = await person('Chloé', null, accepting.documentId);
    const denis = await person('Denis', `denis.${suffix}@example.test`, refusing.documentId, 'assure');
    const emma = await person('Emma', `emma.${suffix}@example.test`, accepting.documentId);
    return { lastName, anne, bruno, chloe, denis, emma, accepting };
  };

  /** Ticks the list rows of these first names. */
  const tick = async (target: Page, firstNames: string[]) => {
    for (const firstName of firstNames) {
      const row = target.locator('tbody tr').filter({ has: target.getByText(firstName, { exact: true }) });
      await row.getByRole('checkbox').check();
    }
  };

  /** Opens « Envoyer un mail groupé » and picks the template (through the chooser when the page has several). */
  const openDialogWithTemplate = async (target: Page) => {
    await target.getByRole('button', { name: 'Envoyer un mail groupé' }).click();
    const dialog = target.getByRole('dialog', { name: 'Envoyer un mail groupé' });
    await dialog.waitFor();
    const chosen = dialog.getByText(`Mail édité : ${TEMPLATE}`, { exact: true });
    await Promise.race([chosen.waitFor(), dialog.getByText('Dépliez une famille').waitFor()]);
    if (!(await chosen.isVisible())) {
      await dialog.getByRole('button', { name: /^Demandes de pièces/ }).click();
      await dialog.getByRole('button', { name: new RegExp(`^${TEMPLATE}`) }).first().click();
      await chosen.waitFor();
    }
    return dialog;
  };

  /** The pre-flight shows these counts (it is computed again when the scope changes). */
  const expectPreflight = async (dialog: Locator, counts: { total: number; eligible: number; skipped: Record<string, number> }) => {
    await dialog.locator(`[data-testid="preflight-total"][data-count="${counts.total}"]`).waitFor();
    await dialog.locator(`[data-testid="preflight-eligible"][data-count="${counts.eligible}"]`).waitFor();
    const reasons = dialog.getByRole('list', { name: 'Fiches écartées par motif' });
    for (const [reason, count] of Object.entries(counts.skipped)) {
      await expect(reasons.locator(`li[data-reason="${reason}"] [data-count]`).textContent()).resolves.toBe(String(count));
    }
    await expect(reasons.locator('li').count()).resolves.toBe(Object.keys(counts.skipped).length);
  };

  /** The progress page reaches the bar's end and shows the batch done. */
  const waitForEnd = async (target: Page) => {
    await target.waitForURL(/\/plugins\/mail-merge\/batches\/[^/]+$/);
    await target.locator('[role="progressbar"][aria-valuenow="100"]').waitFor({ timeout: 45_000 });
    await target.locator('[data-batch-status="done"]').waitFor();
  };

  const figure = (target: Page, name: string) => target.locator(`[data-figure="${name}"] [data-value]`).textContent();

  it('super admin: ticks four rows, checks the pre-flight, sends, and follows the progress to the end', async () => {
    await step(page, 'admin', async () => {
      const suffix = Date.now().toString(36);
      const records = await createRecords(suffix);
      await setSenderProfile(await superAdminToken(app));
      app.sink.clear();

      await page.goto(listUrl(records.lastName));
      await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 5);
      await tick(page, ['Anne', 'Bruno', 'Chloé', 'Denis']);
      await screenshot(page, 'bulk-list');

      const dialog = await openDialogWithTemplate(page);
      // The ticked rows: Anne and Bruno receive it; Chloé has no address, Denis' household refused e-mail.
      await expect(dialog.getByRole('radio', { name: 'Les 4 fiches sélectionnées' }).getAttribute('aria-checked')).resolves.toBe('true');
      await expectPreflight(dialog, { total: 4, eligible: 2, skipped: { 'no-email': 1, consent: 1 } });
      await dialog.getByText('Sans adresse e-mail', { exact: true }).waitFor();
      await dialog.getByText('Consentement insuffisant', { exact: true }).waitFor();
      await expect(dialog.getByTestId('preflight-eligible').textContent()).resolves.toBe('2 destinataires recevront ce mail');
      // A rendered sample: subject merged, body in a sandboxed frame.
      await expect(dialog.getByTestId('sample-subject').first().textContent()).resolves.toBe(`${TEMPLATE} — adhésion n° ADH-${suffix}-1`);
      await dialog.locator('iframe[sandbox=""]').first().waitFor();
      await dialog.getByText(/^Durée estimée : /).waitFor();

      // The whole list as searched: Emma too.
      await dialog.getByRole('radio', { name: /^Toutes les fiches de la liste/ }).click();
      await expectPreflight(dialog, { total: 5, eligible: 3, skipped: { 'no-email': 1, consent: 1 } });
      await dialog.getByRole('radio', { name: 'Les 4 fiches sélectionnées' }).click();
      await expectPreflight(dialog, { total: 4, eligible: 2, skipped: { 'no-email': 1, consent: 1 } });
      await settled(page);
      await screenshot(page, 'bulk-preflight');

      await dialog.getByRole('button', { name: 'Envoyer', exact: true }).click();
      await waitForEnd(page);
      await expect(figure(page, 'sent')).resolves.toBe('2');
      await expect(figure(page, 'skipped')).resolves.toBe('2');
      await expect(figure(page, 'failed')).resolves.toBe('0');
      await expect(figure(page, 'total')).resolves.toBe('4');
      await page.getByRole('list', { name: 'Fiches écartées par motif' }).getByText('Sans adresse e-mail').waitFor();
      // Nothing left to act on: no pause, no retry; the report stays.
      await expect(page.getByRole('button', { name: 'Pause' }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Relancer les échecs' }).count()).resolves.toBe(0);
      await settled(page);
      await screenshot(page, 'bulk-progress');

      // Exactly the eligible recipients' mails, each to its own address.
      await app.sink.waitFor(2);
      expect(app.sink.messages.map((mail) => mail.to).sort()).toEqual([[records.anne.email], [records.bruno.email]]);
      for (const mail of app.sink.messages) {
        expect(mail.from).toBe(FROM);
        expect(mail.subject).toBe(`${TEMPLATE} — adhésion n° ADH-${suffix}-1`);
      }

      // The CSV report, fetched with the admin token: one line per ticked record.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le rapport (CSV)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      const lines = csv.trim().split(/\r?\n/);
      expect(lines).toHaveLength(5);
      expect(csv).toContain(records.anne.email);
      expect(csv).toContain(records.bruno.email);
      expect(csv).toMatch(/no-email/);
      expect(csv).toMatch(/consent/);
      expect(csv).not.toContain(records.emma.email);

      // « Suivi des mails » of this send only: its two mails (skipped records are not mails).
      await page.getByRole('link', { name: 'Voir les mails de cet envoi' }).click();
      await page.getByRole('heading', { name: 'Suivi des mails', level: 1 }).waitFor();
      await page.getByText('Mails d’un envoi groupé').waitFor();
      await page.locator('tr[data-message]').filter({ hasText: records.bruno.email }).waitFor();
      await expect(page.locator('tr[data-message]').count()).resolves.toBe(2);

      // The list of grouped sends, from the plugin's navigation.
      await page.goto(`${app.url}/admin/plugins/mail-merge`);
      await page.locator('nav').getByRole('link', { name: 'Envois groupés' }).click();
      await page.getByRole('heading', { name: 'Envois groupés', level: 1 }).waitFor();
      const row = page.locator('tr[data-batch]').first();
      await row.getByText(TEMPLATE).waitFor();
      await row.locator('[data-batch-status="done"]').waitFor();
      await settled(page);
      await screenshot(page, 'bulk-batches');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(app.sink.messages).toHaveLength(2);
    });
  });

  it('shows a batch paused for too many failures, with « Relancer les échecs », and cancels it after confirmation', async () => {
    await step(page, 'paused', async () => {
      const suffix = `p${Date.now().toString(36)}`;
      const docs = app.strapi.documents as any;
      const adhesion = await docs('api::adhesion.adhesion').create({
        data: { number: `ADH-${suffix}`, startDate: '2024-01-01', consent: { postalAddress: 'interne', landline: 'interne', mobile: 'interne', email: 'interne' } },
      });
      // Every address is refused by the SMTP sink (550): the error ratio pauses the batch.
      const ids: string[] = [];
      // Three times the error ratio's sample (20 attempts): the pause comes before the end.
      for (let i = 0; i < 60; i += 1) {
        const beneficiary = await docs('api::beneficiary.beneficiary').create({
          data: { civility: 'M', lastName: `Refus${suffix}`, firstName: `N${i}`, email: `reject-550@n${i}.${suffix}.example.test`, role: 'ayant_droit', adhesion: adhesion.documentId },
        });
        ids.push(beneficiary.documentId);
      }
      const token = await superAdminToken(app);
      await setSenderProfile(token);
      const auth = (req: any) => req.set('Authorization', `Bearer ${token}`);
      const templates = await auth(app.request().get('/mail-merge/templates?page=beneficiaries')).expect(200);
      const template = templates.body.data.find((tpl: any) => tpl.title === TEMPLATE);
      const created = await auth(app.request().post('/mail-merge/batches')).send({ page: 'beneficiaries', template: template.documentId, selection: { ids } }).expect(202);

      await page.goto(`${app.url}/admin/plugins/mail-merge/batches/${created.body.data.documentId}`);
      await page.locator('[data-batch-status="paused"]').waitFor({ timeout: 45_000 });
      await page.getByText('Mis en pause automatiquement : trop d’échecs', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Relancer les échecs' }).waitFor();
      await page.getByRole('button', { name: 'Reprendre' }).waitFor();
      await expect(page.locator('[role="progressbar"]').getAttribute('aria-valuenow')).resolves.not.toBe('100');
      await settled(page);
      await screenshot(page, 'bulk-paused');

      await page.getByRole('button', { name: 'Annuler l’envoi' }).click();
      const confirm = page.getByRole('alertdialog', { name: 'Annuler l’envoi groupé ?' });
      await confirm.getByRole('button', { name: 'Annuler l’envoi' }).click();
      await page.locator('[data-batch-status="cancelled"]').waitFor();
      await expect(page.getByRole('button', { name: 'Reprendre' }).count()).resolves.toBe(0);
      await settled(page);
      await screenshot(page, 'bulk-cancelled');
      const batch = (await auth(app.request().get(`/mail-merge/batches/${created.body.data.documentId}`)).expect(200)).body.data;
      expect(batch.status).toBe('cancelled');
      expect(batch.counts.cancelled).toBeGreaterThan(0);
      expect(batch.counts.sent).toBe(0);
      // A cancelled send says how far it went and how many it cancelled, never « 100 % ».
      const processed = batch.counts.failed + batch.counts.skipped + batch.counts.uncertain;
      const percent = Math.floor((processed / 60) * 100);
      expect(percent).toBeLessThan(100);
      await page.locator('[data-progress-text]').getByText(`Annulé : ${processed} / 60 traités (${percent} %), ${60 - processed} annulés`, { exact: true }).waitFor();
      await expect(page.locator('[role="progressbar"]').getAttribute('aria-valuenow')).resolves.toBe(String(percent));
      await expect(page.locator('[data-figure="cancelled"] [data-value]').getAttribute('data-value')).resolves.toBe(String(60 - processed));
      await page.goto(`${app.url}/admin/plugins/mail-merge/batches`);
      await page.locator(`tr[data-batch="${created.body.data.documentId}"]`).getByText(`0 / 60, ${60 - processed} annulés`, { exact: true }).waitFor();
    });
  });

  it('pauses, resumes and cancels a running batch from its page', async () => {
    await step(page, 'controls', async () => {
      const suffix = `c${Date.now().toString(36)}`;
      const docs = app.strapi.documents as any;
      const adhesion = await docs('api::adhesion.adhesion').create({
        data: { number: `ADH-${suffix}`, startDate: '2024-01-01', consent: { postalAddress: 'interne', landline: 'interne', mobile: 'interne', email: 'interne' } },
      });
      // 451 is transient: the mails wait for their retry (30 s), so the batch stays running; five
      // attempts are far below the error ratio's sample.
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const beneficiary = await docs('api::beneficiary.beneficiary').create({
          data: { civility: 'M', lastName: `Attente${suffix}`, firstName: `N${i}`, email: `reject-451@n${i}.${suffix}.example.test`, role: 'ayant_droit', adhesion: adhesion.documentId },
        });
        ids.push(beneficiary.documentId);
      }
      const token = await superAdminToken(app);
      await setSenderProfile(token);
      const auth = (req: any) => req.set('Authorization', `Bearer ${token}`);
      const templates = await auth(app.request().get('/mail-merge/templates?page=beneficiaries')).expect(200);
      const template = templates.body.data.find((tpl: any) => tpl.title === TEMPLATE);
      const created = await auth(app.request().post('/mail-merge/batches')).send({ page: 'beneficiaries', template: template.documentId, selection: { ids } }).expect(202);

      await page.goto(`${app.url}/admin/plugins/mail-merge/batches/${created.body.data.documentId}`);
      await page.locator('[data-batch-status="preparing"], [data-batch-status="sending"]').waitFor();
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.locator('[data-batch-status="paused"]').waitFor();
      await page.getByText('Mis en pause par un gestionnaire.').waitFor();
      await settled(page);
      await screenshot(page, 'bulk-paused-by-hand');
      await page.getByRole('button', { name: 'Reprendre' }).click();
      await page.locator('[data-batch-status="preparing"], [data-batch-status="sending"]').waitFor();
      await page.getByRole('button', { name: 'Pause' }).waitFor();
      await page.getByRole('button', { name: 'Annuler l’envoi' }).click();
      await page.getByRole('alertdialog', { name: 'Annuler l’envoi groupé ?' }).getByRole('button', { name: 'Annuler l’envoi' }).click();
      await page.locator('[data-batch-status="cancelled"]').waitFor();
      const batch = (await auth(app.request().get(`/mail-merge/batches/${created.body.data.documentId}`)).expect(200)).body.data;
      expect(batch.status).toBe('cancelled');
      expect(batch.counts.sent).toBe(0);
      await page.locator('[data-figure="cancelled"]').waitFor();
      await expect(page.locator('[role="progressbar"]').getAttribute('aria-valuenow')).resolves.not.toBe('100');
    });
  });

  it('programs a send: « Programmer l’envoi » in Paris time, shown as programmed in « Envois groupés », cancelled before its time', async () => {
    await step(page, 'scheduled', async () => {
      const suffix = `p${Date.now().toString(36)}`;
      const records = await createRecords(suffix);
      await setSenderProfile(await superAdminToken(app));
      app.sink.clear();
      // Tomorrow at 09:30, Paris time, whatever the browser's or the server's time zone.
      const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 24 * 3600_000));
      const [year, month, day] = tomorrow.split('-');

      await page.goto(listUrl(records.lastName));
      await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 5);
      await tick(page, ['Anne', 'Bruno']);
      const dialog = await openDialogWithTemplate(page);
      await expectPreflight(dialog, { total: 2, eligible: 2, skipped: {} });
      await dialog.getByRole('checkbox', { name: 'Programmer l’envoi' }).click();
      const when = dialog.getByLabel('Date et heure d’envoi');
      await when.fill(`${year}-${month}-${day}T09:30`);
      await dialog.getByText('Heure de Paris. Les consentements sont vérifiés au moment de l’envoi.').waitFor();
      await settled(page);
      await screenshot(page, 'bulk-schedule-dialog');
      await dialog.getByRole('button', { name: 'Programmer', exact: true }).click();

      await page.waitForURL(/\/plugins\/mail-merge\/batches\/[^/]+$/);
      await page.locator('[data-batch-status="scheduled"]').waitFor();
      await page.getByText(`Programmé pour le ${day}/${month}/${year} 09:30 (heure de Paris) : rien ne part avant.`).waitFor();
      const batchId = page.url().split('/').pop()!;

      await page.goto(`${app.url}/admin/plugins/mail-merge/batches`);
      const row = page.locator(`tr[data-batch="${batchId}"]`);
      await row.locator('[data-batch-status="scheduled"]').waitFor();
      await expect(row.getByText(`Programmé pour le ${day}/${month}/${year} 09:30`).count()).resolves.toBe(1);
      await settled(page);
      await screenshot(page, 'bulk-scheduled-list');

      await row.click();
      await page.getByRole('button', { name: 'Annuler l’envoi' }).click();
      await page.getByRole('alertdialog', { name: 'Annuler l’envoi groupé ?' }).getByRole('button', { name: 'Annuler l’envoi' }).click();
      await page.locator('[data-batch-status="cancelled"]').waitFor();
      expect(app.sink.messages).toHaveLength(0);
      expect(await app.strapi.db.query('plugin::mail-merge.message').count({ where: { batchId } })).toBe(0);
    });
  });

  it('offers « Envoyer un mail groupé » only on configured pages, and only to users holding send-bulk', async () => {
    const suffix = `v${Date.now().toString(36)}`;
    const records = await createRecords(suffix);
    // The adhesions are not a page mail is sent from: « Supprimer » only.
    await step(page, 'not-a-page', async () => {
      await page.goto(`${app.url}/admin/content-manager/collection-types/api::adhesion.adhesion?page=1&pageSize=10&_q=${encodeURIComponent(`ADH-${suffix}-1`)}`);
      await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
      await page.locator('tbody tr').first().getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Supprimer' }).first().waitFor();
      // Rights and the page registry loaded: the action had every chance to appear.
      await page.waitForLoadState('networkidle');
      await expect(page.getByRole('button', { name: 'Envoyer un mail groupé' }).count()).resolves.toBe(0);
    });
    // A user who reads the beneficiaries and sends single mails, without send-bulk.
    const single = await newPage(browser);
    try {
      await step(single, 'no-right', async () => {
        const { email } = await userWithActions(app, [
          { action: 'plugin::content-manager.explorer.read', subject: 'api::beneficiary.beneficiary' },
          { action: 'plugin::content-manager.explorer.delete', subject: 'api::beneficiary.beneficiary' },
          'plugin::mail-merge.send-single',
        ]);
        await loginAs(single, app.url!, email, 'User-Test-2026');
        await single.goto(listUrl(records.lastName));
        await single.waitForFunction(() => document.querySelectorAll('tbody tr').length === 5);
        await tick(single, ['Anne']);
        await single.getByRole('button', { name: 'Supprimer' }).first().waitFor();
        await single.waitForLoadState('networkidle');
        await expect(single.getByRole('button', { name: 'Envoyer un mail groupé' }).count()).resolves.toBe(0);
        await screenshot(single, 'bulk-no-right');
      });
    } finally {
      await single.context().close();
    }
  });

  it('Gestionnaire (no right on templates): the templates of the page come from a ticked record, and the send goes through', async () => {
    const manager = await newPage(browser);
    try {
      await step(manager, 'gestionnaire', async () => {
        const suffix = `g${Date.now().toString(36)}`;
        const records = await createRecords(suffix);
        await setSenderProfile(await gestionnaireToken(app));
        app.sink.clear();
        await loginAs(manager, app.url!, TEST_ACCOUNTS.gestionnaire.email, TEST_ACCOUNTS.gestionnaire.password);
        // The list searched and filtered (the Content Manager's `filters` in the URL): Emma left out.
        await manager.goto(`${listUrl(records.lastName)}&filters[$and][0][firstName][$ne]=Emma`);
        await manager.waitForFunction(() => document.querySelectorAll('tbody tr').length === 4);
        await tick(manager, ['Bruno', 'Denis']);
        const dialog = await openDialogWithTemplate(manager);
        await expectPreflight(dialog, { total: 2, eligible: 1, skipped: { consent: 1 } });
        await dialog.getByRole('radio', { name: 'Toutes les fiches de la liste (filtres en cours)' }).click();
        await expectPreflight(dialog, { total: 4, eligible: 2, skipped: { 'no-email': 1, consent: 1 } });
        await dialog.getByRole('radio', { name: 'Les 2 fiches sélectionnées' }).click();
        await expectPreflight(dialog, { total: 2, eligible: 1, skipped: { consent: 1 } });
        await expect(dialog.getByTestId('preflight-eligible').textContent()).resolves.toBe('1 destinataire recevra ce mail');
        await dialog.getByText(`Expéditeur : ${FROM}`).waitFor();
        await settled(manager);
        await screenshot(manager, 'bulk-gestionnaire-preflight');
        await dialog.getByRole('button', { name: 'Envoyer', exact: true }).click();
        await waitForEnd(manager);
        await expect(figure(manager, 'sent')).resolves.toBe('1');
        const [mail] = await app.sink.waitFor(1);
        expect(mail.to).toEqual([records.bruno.email]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(app.sink.messages).toHaveLength(1);
        await settled(manager);
      await screenshot(manager, 'bulk-gestionnaire-progress');
      });
    } finally {
      await manager.context().close();
    }
  });
});
