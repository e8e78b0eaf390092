import fs from 'fs';
import path from 'path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../scripts/smtp-sink';
import { installSecondApp, type InstalledApp } from './helpers/second-app';
import { sharedDatabase, startStrapiProcess, type StrapiProcess } from './helpers/strapi-process';
import { eventually } from './helpers/wait';

/**
 * The plugin is a package any Strapi 5 app can install: a minimal app with its own content type
 * (customers), none of the mutual's, installs the built package and sends a merge mail. It runs
 * in its own process, as an installed app would, and is driven over HTTP only.
 */
describe('mail-merge installed in another Strapi 5 app', () => {
  let installed: InstalledApp;
  let sink: SmtpSink;
  let database: Awaited<ReturnType<typeof sharedDatabase>>;
  let instance: StrapiProcess;
  let token: string;
  const admin = (method: 'get' | 'post' | 'put', url: string) => supertest(instance.url)[method](url).set('Authorization', `Bearer ${token}`);
  const plugin = (method: 'get' | 'post' | 'put', url: string) => admin(method, `/mail-merge${url}`);
  const createCustomer = async (data: Record<string, string>) =>
    (await admin('post', '/content-manager/collection-types/api::customer.customer').send(data).expect(201)).body.data;

  beforeAll(async () => {
    installed = installSecondApp();
    sink = await startSmtpSink();
    database = await sharedDatabase();
    instance = await startStrapiProcess({ ...database.env, ...installed.env, SMTP_PORT: String(sink.port) });
    // A fresh app: its first administrator registers, as on any new Strapi.
    const registered = await supertest(instance.url)
      .post('/admin/register-admin')
      .send({ firstname: 'Camille', lastname: 'Admin', email: 'admin@boutique.example.test', password: 'Boutique-Test-2026' })
      .expect(200);
    token = registered.body.data.token;
    await plugin('put', '/profile').send({ email: 'ventes@boutique.example.test', signature: '<p>Le service clients</p>' }).expect(200);
  });

  afterAll(async () => {
    await instance?.kill();
    await sink?.close();
    await database?.drop();
    installed?.remove();
  });

  it('is installed as a package in the app’s node_modules: its build, no sources', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(installed.appDir, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).toContain(installed.packageName);
    expect(fs.existsSync(path.join(installed.packageDir, 'dist', 'server', 'index.js'))).toBe(true);
    // Built code only: no TypeScript source travels in the package (type declarations aside).
    const files = fs.readdirSync(installed.packageDir, { recursive: true }).map(String);
    expect(files.filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
    // The page registry is this app's, not the mutual's.
    const pages = await plugin('get', '/pages').expect(200);
    // Consent gates mail, but as a plain field of the customer: no membership form to offer.
    expect(pages.body.data.map((page: any) => [page.key, page.contentType, page.contentTypeName, page.consentGated, page.consentForm])).toEqual([
      ['customers', 'api::customer.customer', 'Client', true, false],
    ]);
    expect(pages.body.meta.consentHolder).toBeNull();
  });

  it('sends a templated mail from a customer to the SMTP server and records the event on the customer', async () => {
    const extraction = await plugin('post', '/extractions')
      .send({
        title: 'Clients',
        description: 'Nom et adresse du client',
        pages: ['customers'],
        query: 'select c.document_id, c.first_name as prenom, c.last_name as nom, c.email as mail from customers c',
      })
      .expect(201);
    expect(extraction.body.data.columns).toEqual(['document_id', 'prenom', 'nom', 'mail']);
    const template = (
      await plugin('post', '/templates')
        .send({
          family: 'Accueil',
          title: 'Bienvenue',
          description: 'Mail de bienvenue aux nouveaux clients',
          recipient: '${mail}',
          subject: 'Bienvenue, ${prenom} ${nom}',
          body: '<p>Bonjour ${prenom},</p><p>Merci de votre confiance.</p>',
          page: 'customers',
          extraction: extraction.body.data.documentId,
        })
        .expect(201)
    ).body.data;
    const customer = await createCustomer({ lastName: 'Martin', firstName: 'Zoé', email: 'zoe.martin@example.test', contactConsent: 'interne' });

    sink.clear();
    const draft = await plugin('post', '/compose').send({ page: 'customers', record: customer.documentId, template: template.documentId }).expect(200);
    expect(draft.body.data.subject).toBe('Bienvenue, Zoé Martin');
    await plugin('post', '/send')
      .send({ page: 'customers', record: customer.documentId, template: template.documentId, from: 'ventes@boutique.example.test', to: ['zoe.martin@example.test'] })
      .expect(202);

    const [mail] = await sink.waitFor(1);
    expect(mail.to).toEqual(['zoe.martin@example.test']);
    expect(mail.subject).toBe('Bienvenue, Zoé Martin');
    expect(mail.html).toContain('<p>Bonjour Zoé,</p>');
    const events = await eventually(async () => {
      const res = await plugin('get', `/records/customers/${customer.documentId}/events`).expect(200);
      return res.body.data.length > 0 && res.body.data[0].status === 'sent' ? res.body.data : null;
    });
    expect(events.map((event: any) => [event.label, event.status])).toEqual([['[AUTO] Envoi de mail : Bienvenue', 'sent']]);
  });

  it('reads consent from the app’s own field: a customer who refused gets no mail', async () => {
    const [template] = (await plugin('get', '/templates').expect(200)).body.data;
    const customer = await createCustomer({ lastName: 'Petit', firstName: 'Noé', email: 'noe.petit@example.test', contactConsent: 'refus' });
    sink.clear();
    const refused = await plugin('post', '/send')
      .send({ page: 'customers', record: customer.documentId, template: template.documentId, from: 'ventes@boutique.example.test', to: ['noe.petit@example.test'] })
      .expect(403);
    expect(refused.body.error.details).toMatchObject({ reason: 'consent', level: 'refus' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.messages).toHaveLength(0);
  });
});
