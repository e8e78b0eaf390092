import fs from 'fs';
import path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from './helpers/admin';
import { installSecondApp, type InstalledApp } from './helpers/second-app';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { eventually } from './helpers/wait';

/**
 * The plugin is a package any Strapi 5 app can install: a minimal app with its own content type
 * (customers), none of the mutual's, installs the built package and sends a merge mail.
 */
describe('mail-merge installed in another Strapi 5 app', () => {
  let installed: InstalledApp;
  let app: TestApp;
  let token: string;
  const admin = (method: 'get' | 'post' | 'put', url: string) =>
    app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    installed = installSecondApp();
    app = await setupStrapi({ appDir: installed.appDir });
    const superAdmin = await app.strapi.service('admin::role').getSuperAdmin();
    await app.strapi.service('admin::user').create({
      email: 'admin@boutique.example.test',
      password: 'Boutique-Test-2026',
      firstname: 'Camille',
      lastname: 'Admin',
      isActive: true,
      registrationToken: null,
      roles: [superAdmin.id],
    });
    token = await login(app, 'admin@boutique.example.test', 'Boutique-Test-2026');
    await admin('put', '/profile').send({ email: 'ventes@boutique.example.test', signature: '<p>Le service clients</p>' }).expect(200);
  });

  afterAll(async () => {
    await app?.teardown();
    installed?.remove();
  });

  it('is loaded from the package in the app’s node_modules, with its build and no sources', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(installed.appDir, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).toContain(installed.packageName);
    expect(fs.existsSync(path.join(installed.packageDir, 'dist'))).toBe(true);
    // Built code only: no TypeScript source travels in the package (type declarations aside).
    const files = fs.readdirSync(installed.packageDir, { recursive: true }).map(String);
    expect(files.filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
    expect(app.strapi.plugin('mail-merge')).toBeTruthy();
    // The page registry is this app's, not the mutual's.
    return admin('get', '/pages')
      .expect(200)
      .then((res) => {
        expect(res.body.data.map((page: any) => [page.key, page.contentType, page.contentTypeName])).toEqual([
          ['customers', 'api::customer.customer', 'Client'],
        ]);
        expect(res.body.meta.consentHolder).toBeNull();
      });
  });

  it('sends a templated mail from a customer to the SMTP server and records the event on the customer', async () => {
    const extraction = await admin('post', '/extractions')
      .send({
        title: 'Clients',
        description: 'Nom et adresse du client',
        pages: ['customers'],
        query: 'select c.document_id, c.first_name as prenom, c.last_name as nom, c.email as mail from customers c',
      })
      .expect(201);
    expect(extraction.body.data.extraction.columns).toEqual(['document_id', 'prenom', 'nom', 'mail']);
    const template = (
      await admin('post', '/templates')
        .send({
          family: 'Accueil',
          title: 'Bienvenue',
          description: 'Mail de bienvenue aux nouveaux clients',
          recipient: '${mail}',
          subject: 'Bienvenue, ${prenom} ${nom}',
          body: '<p>Bonjour ${prenom},</p><p>Merci de votre confiance.</p>',
          page: 'customers',
          extraction: extraction.body.data.extraction.documentId,
        })
        .expect(201)
    ).body.data;
    const customer = await app.strapi
      .documents('api::customer.customer' as any)
      .create({ data: { lastName: 'Martin', firstName: 'Zoé', email: 'zoe.martin@example.test', contactConsent: 'interne' } as any });

    app.sink.clear();
    const draft = await admin('post', '/compose').send({ page: 'customers', record: customer.documentId, template: template.documentId }).expect(200);
    expect(draft.body.data.subject).toBe('Bienvenue, Zoé Martin');
    await admin('post', '/send')
      .send({ page: 'customers', record: customer.documentId, template: template.documentId, from: 'ventes@boutique.example.test', to: ['zoe.martin@example.test'] })
      .expect(202);

    const [mail] = await app.sink.waitFor(1);
    expect(mail.to).toEqual(['zoe.martin@example.test']);
    expect(mail.subject).toBe('Bienvenue, Zoé Martin');
    expect(mail.html).toContain('<p>Bonjour Zoé,</p>');
    const events = await eventually(async () => {
      const res = await admin('get', `/records/customers/${customer.documentId}/events`).expect(200);
      return res.body.data.length > 0 && res.body.data[0].status === 'sent' ? res.body.data : null;
    });
    expect(events.map((event: any) => [event.label, event.status])).toEqual([['[AUTO] Envoi de mail : Bienvenue', 'sent']]);
  });

  it('reads consent from the app’s own field: a customer who refused gets no mail', async () => {
    const templates = (await admin('get', '/templates').expect(200)).body.data;
    const customer = await app.strapi
      .documents('api::customer.customer' as any)
      .create({ data: { lastName: 'Petit', firstName: 'Noé', email: 'noe.petit@example.test', contactConsent: 'refus' } as any });
    app.sink.clear();
    const refused = await admin('post', '/send')
      .send({ page: 'customers', record: customer.documentId, template: templates[0].documentId, from: 'ventes@boutique.example.test', to: ['noe.petit@example.test'] })
      .expect(403);
    expect(refused.body.error.details).toMatchObject({ reason: 'consent', level: 'refus' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.sink.messages).toHaveLength(0);
  });
});
