import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { apiToken, superAdminToken } from './helpers/admin';
import { createHousehold } from './helpers/records';
import { eventually } from './helpers/wait';

/** « Mise en page »: the mail that leaves is the mutual's letterhead around the body, over real SMTP. */
describe('mail layouts (letterhead)', () => {
  let app: TestApp;
  let token: string;
  let template: any;
  const FROM = 'gestion@mutuelle.example.test';
  const SIGNATURE = '<p>Admin Mutuelle<br>Service adhésions</p>';
  const GDPR = 'Vos coordonnées sont utilisées par votre mutuelle pour la gestion de votre contrat';
  const admin = (method: 'get' | 'post' | 'put' | 'delete', url: string) =>
    app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const messageRow = (documentId: string) =>
    app.strapi.db.query('plugin::mail-merge.message').findOne({ where: { documentId } }) as Promise<any>;
  const sentRow = (documentId: string) =>
    eventually(async () => {
      const row = await messageRow(documentId);
      return row?.status === 'sent' ? row : null;
    });
  /** The sink's HTML as written by nodemailer (CRLF line ends) compared with what was queued. */
  const lf = (text: string) => text.replace(/\r\n/g, '\n');
  const sendDraft = async (record: string, templateId: string) => {
    const draft = (await admin('post', '/compose').send({ page: 'beneficiaries', record, template: templateId }).expect(200)).body.data;
    const sent = await admin('post', '/send')
      .send({ page: 'beneficiaries', record, template: templateId, from: FROM, to: draft.to, subject: draft.subject, html: draft.html })
      .expect(202);
    return { draft, documentId: sent.body.data.documentId as string };
  };

  beforeAll(async () => {
    app = await setupStrapi();
    token = await superAdminToken(app);
    await admin('put', '/profile').send({ email: FROM, signature: SIGNATURE }).expect(200);
    template = (await admin('get', '/templates?page=beneficiaries').expect(200)).body.data[0];
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('ships one default layout with generic French texts', async () => {
    const { body } = await admin('get', '/layouts').expect(200);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ isDefault: true, headerTitle: 'Votre mutuelle', primaryColor: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    expect(body.data[0].footerGdpr).toContain(GDPR);
    // A template that picks none uses it.
    expect(template).toMatchObject({ layout: null, withoutLayout: false });
  });

  it('sends a complete HTML document: inlined letterhead, body, signature, text part, From with the display name', async () => {
    app.sink.clear();
    const { insured } = await createHousehold(app, 'interne', 'lay1');
    const { draft, documentId } = await sendDraft(insured.documentId, template.documentId);
    // The dialog edits the body (signature under it) and previews it in the letterhead.
    expect(draft.html).not.toContain('<html');
    expect(draft.letterhead.before).toMatch(/^<!doctype html>/);
    expect(draft.text).toContain(GDPR.slice(0, 40));

    const [mail] = await app.sink.waitFor(1);
    const html = lf(mail.html);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="fr">');
    expect(html).toMatch(/<meta charset="utf-8">/);
    // Styles are on the elements; the style sheet keeps only the phone media query.
    expect(html).toMatch(/<td class="mm-header" style="[^"]+"/);
    expect(html).toMatch(/<td class="mm-content" style="[^"]*font-family/);
    expect(html).toMatch(/<td class="mm-footer" style="[^"]+"/);
    const sheet = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(sheet.replace(/@media[\s\S]*$/, '')).not.toMatch(/\{/);
    // The letterhead, the body, the signature, in this order.
    const parts = ['Votre mutuelle', 'Madame,', 'ADH-lay1', 'Service adhésions', GDPR];
    const at = parts.map((part) => html.indexOf(part));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The text part: the whole document, header and footer included.
    for (const part of parts) expect(mail.text.replace(/\s+/g, ' ')).toContain(part);
    // From and Reply-To: « Prénom Nom <adresse> » of the sender.
    const from = (mail.headers.get('from') as any).value[0];
    expect(from).toEqual({ name: 'Admin Mutuelle', address: FROM });
    expect((mail.headers.get('reply-to') as any).value[0]).toEqual({ name: 'Admin Mutuelle', address: FROM });
    expect(mail.envelope.from).toBe(FROM);

    // The ledger keeps the document that left (« Suivi des mails » shows it).
    const row = await sentRow(documentId);
    expect(lf(row.html)).toBe(html);
    expect(row.fromAddress).toBe(`"Admin Mutuelle" <${FROM}>`);
    const detail = await admin('get', `/messages/${documentId}`).expect(200);
    expect(detail.body.data.html).toBe(row.html);
  });

  it('previews the same document as what is sent', async () => {
    app.sink.clear();
    const { insured } = await createHousehold(app, 'interne', 'lay2');
    const preview = await admin('post', `/templates/${template.documentId}/preview`).send({ record: insured.documentId }).expect(200);
    const { documentId } = await sendDraft(insured.documentId, template.documentId);
    const row = await sentRow(documentId);
    expect(preview.body.data.html).toBe(row.html);
    expect(preview.body.data.text).toBe(row.text);
    // A send without edits (no html given) leaves the same mail too.
    const plain = await admin('post', '/send').send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId, from: FROM, to: ['x@example.test'] }).expect(202);
    expect((await sentRow(plain.body.data.documentId)).html).toBe(row.html);
  });

  it('« sans mise en page »: the body and signature alone, no letterhead', async () => {
    app.sink.clear();
    const bare = (
      await admin('post', '/templates')
        .send({ ...pick(template), title: 'Sans mise en page', layout: 'none' })
        .expect(201)
    ).body.data;
    expect(bare).toMatchObject({ layout: null, withoutLayout: true });
    const { insured } = await createHousehold(app, 'interne', 'lay3');
    await sendDraft(insured.documentId, bare.documentId);
    const [mail] = await app.sink.waitFor(1);
    expect(mail.html.startsWith('<!doctype html>')).toBe(true);
    expect(mail.html).toContain('ADH-lay3');
    expect(mail.html).toContain('Service adhésions');
    expect(mail.html).not.toContain('mm-header');
    expect(mail.html).not.toContain('Votre mutuelle');
    expect(mail.text).not.toContain(GDPR.slice(0, 30));
  });

  it('refuses a bad colour with a French 400 and saves nothing', async () => {
    const before = await app.strapi.db.query('plugin::mail-merge.layout').count();
    for (const primaryColor of ['red', '#12345', '#1f4e79;}</style>', 'expression(alert(1))']) {
      const res = await admin('post', '/layouts').send({ name: 'Mauvaise couleur', primaryColor }).expect(400);
      expect(res.body.error.message).toMatch(/Couleur principale invalide/);
      expect(res.body.error.details).toMatchObject({ code: 'layout.color', field: 'primaryColor', en: expect.stringMatching(/Invalid primary colour/) });
    }
    expect(await app.strapi.db.query('plugin::mail-merge.layout').count()).toBe(before);

    const [shipped] = (await admin('get', '/layouts').expect(200)).body.data;
    const res = await admin('put', `/layouts/${shipped.documentId}`).send({ backgroundColor: 'url(x)' }).expect(400);
    expect(res.body.error.details).toMatchObject({ code: 'layout.color', field: 'backgroundColor' });
    expect((await admin('get', `/layouts/${shipped.documentId}`).expect(200)).body.data).toMatchObject({ backgroundColor: shipped.backgroundColor, version: shipped.version });
    // Nor a logo that is not a file of the Media Library, nor a layout without a name.
    expect((await admin('post', '/layouts').send({ name: 'Logo', logo: 999999 }).expect(400)).body.error.details.code).toBe('layout.logo');
    expect((await admin('post', '/layouts').send({ name: ' ' }).expect(400)).body.error.details.code).toBe('layout.required');
    expect((await admin('post', '/templates').send({ ...pick(template), layout: 'nosuchlayout' }).expect(400)).body.error.details.code).toBe('template.unknown-layout');
  });

  it('takes a Media Library image as logo (absolute URL, the name as alternative text) and refuses another file', async () => {
    const upload = async (filename: string, contentType: string, bytes: Buffer) =>
      (await app.request().post('/upload').set('Authorization', `Bearer ${token}`).attach('files', bytes, { filename, contentType }).expect(201)).body[0].id as number;
    const png = await upload('logo.png', 'image/png', Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
    const pdf = await upload('statuts.pdf', 'application/pdf', Buffer.alloc(512, 'a'));

    expect((await admin('post', '/layouts').send({ name: 'PDF', logo: pdf }).expect(400)).body.error.details).toMatchObject({ code: 'layout.logo', field: 'logo' });
    const created = (await admin('post', '/layouts').send({ name: 'Avec logo', headerTitle: 'Mutuelle au logo', logo: png }).expect(201)).body.data;
    expect(created.logo).toMatchObject({ id: png, url: expect.stringMatching(/^https?:\/\/.+\/uploads\/.+\.png$/) });
    const preview = (await admin('post', '/layouts/preview').send({ name: 'Avec logo', headerTitle: 'Mutuelle au logo', logo: png }).expect(200)).body.data;
    expect(preview.html).toContain(`<img class="mail-merge-logo mm-logo" src="${created.logo.url}" alt="Mutuelle au logo"`);
    // The name is written as text too, and the text part does not name the image.
    expect(preview.html).toContain('>Mutuelle au logo</p>');
    expect(preview.text).not.toContain('.png');
    await admin('delete', `/layouts/${created.documentId}`).expect(204);
  });

  it('keeps at most one default; a template may pick a layout; a deleted layout gives way to the default', async () => {
    const [shipped] = (await admin('get', '/layouts').expect(200)).body.data;
    const other = (
      await admin('post', '/layouts')
        .send({ name: 'Partenaires', headerTitle: 'Mutuelle des partenaires', footerGdpr: 'Mention partenaires.', primaryColor: '#AA3300', isDefault: true })
        .expect(201)
    ).body.data;
    expect(other).toMatchObject({ isDefault: true, primaryColor: '#aa3300', version: 1 });
    const layouts = (await admin('get', '/layouts').expect(200)).body.data;
    expect(layouts.filter((layout: any) => layout.isDefault).map((layout: any) => layout.documentId)).toEqual([other.documentId]);

    // The shipped one, picked by a template, while the other is the default.
    await admin('put', `/templates/${template.documentId}`).send({ layout: shipped.documentId }).expect(200);
    const { insured } = await createHousehold(app, 'interne', 'lay4');
    const preview = await admin('post', `/templates/${template.documentId}/preview`).send({ record: insured.documentId }).expect(200);
    expect(preview.body.data.html).toContain('Votre mutuelle');

    // An edit of a layout reaches the next mail (a new version, a new letterhead).
    await admin('put', `/layouts/${shipped.documentId}`).send({ footerAddress: '1 place de la Mutualité\n69000 Lyon' }).expect(200);
    const edited = await admin('post', `/templates/${template.documentId}/preview`).send({ record: insured.documentId }).expect(200);
    expect(edited.body.data.html).toContain('1 place de la Mutualité<br>69000 Lyon');

    await admin('delete', `/layouts/${shipped.documentId}`).expect(204);
    const after = (await admin('get', `/templates/${template.documentId}`).expect(200)).body.data;
    expect(after).toMatchObject({ layout: null, withoutLayout: false });
    const fallback = await admin('post', `/templates/${template.documentId}/preview`).send({ record: insured.documentId }).expect(200);
    expect(fallback.body.data.html).toContain('Mutuelle des partenaires');
    expect(fallback.body.data.html).toMatch(/border-bottom: 4px solid #aa3300/);
  });

  it('grouped sends and front-office sends leave in the letterhead, From with a display name', async () => {
    app.sink.clear();
    const households = await Promise.all(['lay5', 'lay6'].map((suffix) => createHousehold(app, 'interne', suffix)));
    const created = await admin('post', '/batches')
      .send({ page: 'beneficiaries', template: template.documentId, selection: { ids: households.map((h) => h.insured.documentId) } })
      .expect(202);
    const mails = await app.sink.waitFor(2);
    for (const mail of mails) {
      expect(mail.html.startsWith('<!doctype html>')).toBe(true);
      expect(mail.html).toContain('Mutuelle des partenaires');
      expect(mail.html).toContain('Service adhésions');
      expect(mail.text).toContain('Mention partenaires.');
      expect((mail.headers.get('from') as any).value[0]).toEqual({ name: 'Admin Mutuelle', address: FROM });
    }
    await eventually(async () => (await admin('get', `/batches/${created.body.data.documentId}`).expect(200)).body.data.status === 'done');

    // A front-office send: the configured default sender's name (MAIL_DEFAULT_FROM).
    app.sink.clear();
    const key = await apiToken(app);
    const { insured } = await createHousehold(app, 'interne', 'lay7');
    await app
      .request()
      .post('/api/mail-merge/messages')
      .set('Authorization', `Bearer ${key}`)
      .send({ template: template.documentId, record: insured.documentId })
      .expect(202);
    const [mail] = await app.sink.waitFor(1);
    expect((mail.headers.get('from') as any).value[0]).toEqual({ name: 'Mutuelle Test', address: 'no-reply@mutuelle.example.test' });
    expect(mail.html).toContain('Mutuelle des partenaires');
  });
});

/** A template's fields as the form sends them again. */
const pick = (template: any) => ({
  family: template.family,
  title: template.title,
  description: template.description,
  recipient: template.recipient,
  subject: template.subject,
  body: template.body,
  page: template.page,
  extraction: template.extraction.documentId,
  minimumConsent: template.minimumConsent,
});
