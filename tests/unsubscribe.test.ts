import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { superAdminToken } from './helpers/admin';
import { createHousehold } from './helpers/records';
import type { ReceivedMail } from '../scripts/smtp-sink';

const BASE_URL = 'https://adherents.mutuelle.example.test';
const NOTIFICATION = 'remboursement-assure';

/** The headers of a received mail as they were written (unfolded), name → value. */
const rawHeaders = (mail: ReceivedMail) => {
  const head = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const found = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) found.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return found;
};

/**
 * One-click unsubscribe (RFC 8058): communications carry List-Unsubscribe and
 * List-Unsubscribe-Post; a POST to the link records the member's refusal in the consent history
 * (e-mail consent lowered, or the notification choice off); management mail carries none.
 */
describe('one-click unsubscribe', () => {
  let app: TestApp;
  let token: string;
  const FROM = 'gestion@mutuelle.example.test';
  const mm = (method: 'get' | 'post' | 'put', url: string) => app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const docs = (uid: string) => (app.strapi.documents as any)(uid);
  const history = (adhesionId: string) =>
    docs('api::consent-change.consent-change').findMany({ filters: { adhesion: { documentId: adhesionId } }, sort: 'id:asc' }) as Promise<any[]>;
  const adhesionOf = (documentId: string) =>
    docs('api::adhesion.adhesion').findOne({ documentId, fields: ['notificationChoices'], populate: ['consent'] }) as Promise<any>;
  const send = (template: any, insured: any, extra: Record<string, unknown> = {}) =>
    mm('post', '/send').send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId, from: FROM, to: [insured.email], ...extra });
  /** Sends and returns the mail as the sink received it, with the path of its link (base URL stripped). */
  const sendAndReceive = async (template: any, insured: any, extra: Record<string, unknown> = {}) => {
    app.sink.clear();
    await send(template, insured, extra).expect(202);
    const [mail] = await app.sink.waitFor(1);
    const headers = rawHeaders(mail);
    const link = /^<(.+)>$/.exec(headers.get('list-unsubscribe') ?? '')?.[1] ?? null;
    return { mail, headers, link, path: link?.startsWith(BASE_URL) ? link.slice(BASE_URL.length) : null };
  };
  const oneClick = (path: string) => app.request().post(path).type('form').send('List-Unsubscribe=One-Click');

  let management: any;
  let communication: any;
  let notified: any;

  beforeAll(async () => {
    app = await setupStrapi({ pluginConfig: { unsubscribe: { baseUrl: BASE_URL } } });
    token = await superAdminToken(app);
    await mm('put', '/profile').send({ email: FROM, signature: '' }).expect(200);
    management = (await mm('get', '/templates?page=beneficiaries').expect(200)).body.data[0];
    expect(management.minimumConsent).toBe('interne');
    const base = {
      family: 'Communications',
      description: 'Lettre d’information',
      subject: 'Les nouvelles de votre mutuelle — adhésion ${num_adhesion}',
      body: '<p>Bonjour,</p><p>Voici les nouvelles du trimestre.</p><p>Pour ne plus recevoir ces mails, suivez le lien de désinscription.</p>',
      page: 'beneficiaries',
      extraction: management.extraction.documentId,
      minimumConsent: 'limite',
    };
    communication = (await mm('post', '/templates').send({ ...base, title: 'Lettre d’information' }).expect(201)).body.data;
    notified = (await mm('post', '/templates').send({ ...base, title: 'Avis de remboursement (communication)', notificationType: NOTIFICATION }).expect(201))
      .body.data;
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('a communication carries both headers; GET changes nothing; a POST lowers e-mail consent, recorded in the history; then the template is refused', async () => {
    const { adhesion, insured } = await createHousehold(app, 'limite', 'u1');
    const { headers, link, path } = await sendAndReceive(communication, insured);
    expect(headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(headers.get('list-id')).toBe('<communications.mutuelle.example.test>');
    expect(link).toMatch(new RegExp(`^${BASE_URL.replace(/\./g, '\\.')}/api/mail-merge/unsubscribe/[a-z0-9]+\\.[A-Za-z0-9_-]{43}$`));
    expect(path).toBeTruthy();

    // GET (a person, or a link scanner): a French page with a button that POSTs; nothing written.
    const page = await app.request().get(path!).set('Accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Me désinscrire');
    expect(page.text).toMatch(/<form method="post">[\s\S]*name="List-Unsubscribe" value="One-Click"/);
    const described = await app.request().get(path!).expect(200);
    expect(described.body.data).toEqual({ subject: 'consent', notificationType: null, label: null, done: false, changed: false });
    expect(await history(adhesion.documentId)).toEqual([]);
    expect((await adhesionOf(adhesion.documentId)).consent.email).toBe('limite');

    const done = await oneClick(path!).expect(200);
    expect(done.body.data).toMatchObject({ subject: 'consent', done: true, changed: true });
    expect((await adhesionOf(adhesion.documentId)).consent.email).toBe('interne');
    const changes = await history(adhesion.documentId);
    expect(changes.map((c) => [c.subject, c.channel, c.oldLevel, c.newLevel, c.changedBy, c.changedByKind])).toEqual([
      ['consent', 'email', 'limite', 'interne', 'désinscription en un clic', 'member'],
    ]);
    // The gestionnaire's form shows it too.
    const form = await mm('get', `/consent/beneficiaries/${insured.documentId}`).expect(200);
    expect(form.body.data.levels.email).toBe('interne');
    expect(form.body.data.history[0]).toMatchObject({ subject: 'consent', changedBy: 'désinscription en un clic' });

    // Idempotent: a second click (or a mail client posting twice) writes nothing more.
    const again = await oneClick(path!).expect(200);
    expect(again.body.data).toMatchObject({ done: true, changed: false });
    expect(await history(adhesion.documentId)).toHaveLength(1);
    const already = await app.request().get(path!).set('Accept', 'text/html').expect(200);
    expect(already.text).toContain('déjà enregistrée');
    // From a browser (the page's button), the answer is a French page.
    const browser = await app.request().post(path!).set('Accept', 'text/html').type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(browser.text).toContain('Votre désinscription est enregistrée');

    // The communication is now refused for consent; management mail still goes.
    const refused = await send(communication, insured).expect(403);
    expect(refused.body.error.details).toMatchObject({ reason: 'consent', level: 'interne', minimum: 'limite' });
    await sendAndReceive(management, insured);
  });

  it('a template tied to a notification type: the POST turns the member’s choice for that type off, consent untouched', async () => {
    const { adhesion, insured } = await createHousehold(app, 'limite', 'u2');
    await docs('api::adhesion.adhesion').update({ documentId: adhesion.documentId, data: { notificationChoices: { [NOTIFICATION]: ['mail'] } } });
    const { headers, path } = await sendAndReceive(notified, insured);
    expect(headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(headers.get('list-id')).toBe('<remboursement-assure.mutuelle.example.test>');
    expect((await app.request().get(path!).expect(200)).body.data).toMatchObject({
      subject: 'notification',
      notificationType: NOTIFICATION,
      label: 'Envoi des notifications de remboursement Assuré',
      done: false,
    });
    const page = await app.request().get(path!).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('« Envoi des notifications de remboursement Assuré »');

    await oneClick(path!).expect(200);
    const after = await adhesionOf(adhesion.documentId);
    expect(after.notificationChoices[NOTIFICATION]).toEqual([]);
    expect(after.consent.email).toBe('limite');
    const changes = await history(adhesion.documentId);
    // The member's own choice (made above through the Document Service: « système »), then the click.
    expect(changes.map((c) => [c.subject, c.notificationType, c.oldChannels, c.newChannels, c.changedBy, c.changedByKind])).toEqual([
      ['notification', NOTIFICATION, [], ['mail'], 'système', 'system'],
      ['notification', NOTIFICATION, ['mail'], [], 'désinscription en un clic', 'member'],
    ]);
    expect((await oneClick(path!).expect(200)).body.data.changed).toBe(false);
    expect(await history(adhesion.documentId)).toHaveLength(2);

    const refused = await send(notified, insured).expect(403);
    expect(refused.body.error.details).toMatchObject({ reason: 'notification', refusal: 'not-chosen', notificationType: NOTIFICATION });
    // The other communications still go (the refusal was for that type only).
    await sendAndReceive(communication, insured);
  });

  it('management mail and an « envoi test » carry no List-Unsubscribe nor List-Id header', async () => {
    const { insured } = await createHousehold(app, 'public', 'u3');
    const managementMail = await sendAndReceive(management, insured);
    expect(managementMail.headers.has('list-unsubscribe')).toBe(false);
    expect(managementMail.headers.has('list-unsubscribe-post')).toBe(false);
    expect(managementMail.headers.has('list-id')).toBe(false);
    const testMail = await sendAndReceive(communication, insured, { test: true });
    expect(testMail.mail.to).toEqual([FROM]);
    expect(testMail.headers.has('list-unsubscribe')).toBe(false);
    expect(testMail.headers.has('list-id')).toBe(false);
  });

  it('a tampered or made-up token is a 400 in French and changes nothing; a mail whose record is gone is a 404', async () => {
    const { adhesion, insured } = await createHousehold(app, 'limite', 'u4');
    const { path } = await sendAndReceive(communication, insured);
    const [prefix, token] = [path!.slice(0, path!.lastIndexOf('/') + 1), path!.slice(path!.lastIndexOf('/') + 1)];
    const [documentId, mac] = token.split('.');
    const otherRow = (await app.strapi.db.query('plugin::mail-merge.message').findMany({ where: { documentId: { $ne: documentId } }, limit: 1 }))[0];
    const flipped = `${mac.slice(0, 5)}${mac[5] === 'A' ? 'B' : 'A'}${mac.slice(6)}`;
    const forged = [`${documentId}.${flipped}`, `${otherRow.documentId}.${mac}`, documentId, `${documentId}.`, 'not-a-token', `${token}x`];
    for (const candidate of forged) {
      const res = await oneClick(`${prefix}${encodeURIComponent(candidate)}`);
      expect(res.status, candidate).toBe(400);
      expect(res.body.error.message, candidate).toContain('Ce lien de désinscription n’est pas valide');
      expect(res.body.error.details, candidate).toMatchObject({ code: 'unsubscribe.invalid-link', en: expect.stringContaining('not valid') });
    }
    const html = await app.request().get(`${prefix}${documentId}.${flipped}`).set('Accept', 'text/html').expect(400);
    expect(html.text).toContain('Désinscription impossible');
    expect(await history(adhesion.documentId)).toEqual([]);
    expect((await adhesionOf(adhesion.documentId)).consent.email).toBe('limite');

    // The record is deleted: the genuine link finds nothing to unsubscribe (nothing written anywhere).
    const changesBefore = await docs('api::consent-change.consent-change').count();
    await docs('api::beneficiary.beneficiary').delete({ documentId: insured.documentId });
    const gone = await oneClick(path!).expect(404);
    expect(gone.body.error.details.code).toBe('unsubscribe.record-gone');
    expect(await docs('api::consent-change.consent-change').count()).toBe(changesBefore);
    expect((await adhesionOf(adhesion.documentId)).consent.email).toBe('limite');
  });
});
