import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, superAdminToken } from './helpers/admin';
import { createHousehold, createProfessional } from './helpers/records';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { eventually } from './helpers/wait';

const ACTIONS = {
  templates: 'plugin::mail-merge.front-office.findTemplates',
  send: 'plugin::mail-merge.front-office.send',
  message: 'plugin::mail-merge.front-office.findMessage',
};

/** Front-offices (members' web space, partner portals) trigger templated mail with API tokens. */
describe('content API for front-offices', () => {
  let app: TestApp;
  let fullAccess: string;
  let custom: string;
  let templateId: string;
  const api = (method: 'get' | 'post', url: string, token?: string) => {
    const request = app.request()[method](`/api/mail-merge${url}`);
    return token ? request.set('Authorization', `Bearer ${token}`) : request;
  };
  const sendAs = (token: string, body: Record<string, unknown>) => api('post', '/messages', token).send(body);

  beforeAll(async () => {
    app = await setupStrapi();
    fullAccess = await apiToken(app, 'full-access');
    custom = await apiToken(app, 'custom', Object.values(ACTIONS));
    const templates = (await api('get', '/templates?page=beneficiaries', fullAccess).expect(200)).body.data;
    templateId = templates.find((t: any) => t.title === 'Demande de pièces justificatives').documentId;
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('lists the templates of a page, in the public shape', async () => {
    const { body } = await api('get', '/templates?page=beneficiaries', custom).expect(200);
    expect(body.data).toContainEqual({
      documentId: templateId,
      family: expect.any(String),
      title: 'Demande de pièces justificatives',
      description: expect.any(String),
      page: 'beneficiaries',
    });
    for (const template of body.data) expect(Object.keys(template).sort()).toEqual(['description', 'documentId', 'family', 'page', 'title']);
    const unknown = await api('get', '/templates?page=inconnue', custom).expect(404);
    expect(unknown.body.error.message).toBe('Page inconnue : « inconnue ».');
    const missing = await api('get', '/templates', custom).expect(400);
    expect(missing.body.error.message).toContain('page');
  });

  it('sends a templated mail from a record: 202 queued, at the SMTP server, then « sent » with its date', async () => {
    app.sink.clear();
    const { insured } = await createHousehold(app, 'interne', 'api1');
    const queued = await sendAs(custom, { template: templateId, record: insured.documentId }).expect(202);
    expect(queued.body.data).toEqual({
      documentId: expect.any(String),
      status: 'queued',
      to: ['elise.api1@example.test'],
      subject: 'Demande de pièces justificatives — adhésion n° ADH-api1',
    });
    const [mail] = await app.sink.waitFor(1);
    expect(mail.to).toEqual(['elise.api1@example.test']);
    expect(mail.from).toBe('no-reply@mutuelle.example.test');
    expect(mail.subject).toBe('Demande de pièces justificatives — adhésion n° ADH-api1');

    const sent = await eventually(async () => {
      const { body } = await api('get', `/messages/${queued.body.data.documentId}`, custom).expect(200);
      return body.data.status === 'sent' ? body.data : null;
    });
    expect(Object.keys(sent).sort()).toEqual(['documentId', 'error', 'sentAt', 'status', 'subject', 'to']);
    expect(new Date(sent.sentAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(sent.error).toBeNull();

    // The record's timeline says who asked: the token.
    const events = (await app.strapi.db.query('plugin::mail-merge.event').findMany({ where: { recordId: insured.documentId } })) as any[];
    expect(events).toHaveLength(1);
    expect(events[0].label).toBe('[AUTO] Envoi de mail : Demande de pièces justificatives');
    expect(events[0].authorName).toMatch(/^API : front-office/);
  });

  it('sends to given addresses with Cc, Bcc and priority, without an event when asked', async () => {
    app.sink.clear();
    const { dependant } = await createHousehold(app, 'interne', 'api2');
    const queued = await sendAs(fullAccess, {
      template: templateId,
      record: dependant.documentId,
      to: ['portail@example.test'],
      cc: ['copie@example.test'],
      bcc: ['archive@example.test'],
      priority: true,
      logEvent: false,
    }).expect(202);
    expect(queued.body.data.to).toEqual(['portail@example.test']);
    const [mail] = await app.sink.waitFor(1);
    expect(mail.envelope.to.sort()).toEqual(['archive@example.test', 'copie@example.test', 'portail@example.test']);
    expect(mail.raw).toMatch(/^X-Priority: 1/m);
    expect(await app.strapi.db.query('plugin::mail-merge.event').count({ where: { recordId: dependant.documentId } })).toBe(0);
  });

  it('applies the rules of a single send: consent, addresses, data, unknown template or record', async () => {
    app.sink.clear();
    const before = await app.strapi.db.query('plugin::mail-merge.message').count();
    const { insured } = await createHousehold(app, 'refus', 'api3');
    const refused = await sendAs(custom, { template: templateId, record: insured.documentId }).expect(403);
    expect(refused.body.error.details.reason).toBe('consent');
    expect(refused.body.error.message).toContain('refusé');

    const { insured: member } = await createHousehold(app, 'interne', 'api4');
    const invalid = await sendAs(custom, { template: templateId, record: member.documentId, to: ['pas-une-adresse'] }).expect(400);
    expect(invalid.body.error.message).toContain('Adresse e-mail invalide');
    const injected = await sendAs(custom, { template: templateId, record: member.documentId, to: ['a@example.test\r\nBcc: b@example.test'] }).expect(400);
    expect(injected.body.error.message).toContain('saut de ligne');

    const unknownTemplate = await sendAs(custom, { template: 'aaaaaaaaaaaaaaaaaaaaaaaa', record: member.documentId }).expect(404);
    expect(unknownTemplate.body.error.message).toBe('Modèle de mail introuvable.');
    const unknownRecord = await sendAs(custom, { template: templateId, record: 'bbbbbbbbbbbbbbbbbbbbbbbb' }).expect(404);
    expect(unknownRecord.body.error.message).toContain('Fiche introuvable');
    // A health professional is not a record of the beneficiaries' page.
    const professional = await createProfessional(app, 'api5');
    await sendAs(custom, { template: templateId, record: professional.documentId }).expect(404);

    // No extraction row for this record: a readable 400.
    const extraction = await app.strapi.documents('plugin::mail-merge.extraction' as any).create({
      data: { title: 'Aucune ligne', query: "select document_id, email as mail from beneficiaries where 1 = 0", columns: ['document_id', 'mail'] },
    } as any);
    await app.strapi.documents('plugin::mail-merge.page-binding' as any).create({ data: { page: 'beneficiaries', extraction: extraction.documentId } } as any);
    const empty = await app.strapi.documents('plugin::mail-merge.template' as any).create({
      data: { title: 'Sans données', description: 'x', subject: 'Sujet', body: '<p>x</p>', page: 'beneficiaries', extraction: extraction.documentId, version: 1 },
    } as any);
    const noRow = await sendAs(custom, { template: empty.documentId, record: member.documentId }).expect(400);
    expect(noRow.body.error.message).toBe('Aucune donnée d’extraction pour cette fiche (extraction « Aucune ligne »).');

    // A template the admin shows « à corriger » (a field its extraction lacks) is neither listed nor sent.
    const broken = await app.strapi.documents('plugin::mail-merge.template' as any).create({
      data: { title: 'À corriger', description: 'x', subject: 'Bonjour ${champ_absent}', body: '<p>x</p>', page: 'beneficiaries', extraction: extraction.documentId, version: 1 },
    } as any);
    const listed = (await api('get', '/templates?page=beneficiaries', custom).expect(200)).body.data.map((t: any) => t.documentId);
    expect(listed).not.toContain(broken.documentId);
    const refusedBroken = await sendAs(custom, { template: broken.documentId, record: member.documentId }).expect(400);
    expect(refusedBroken.body.error.message).toBe('Le modèle « À corriger » est à corriger : il ne peut pas être envoyé.');

    await sendAs(custom, { record: member.documentId }).expect(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.sink.messages).toHaveLength(0);
    expect(await app.strapi.db.query('plugin::mail-merge.message').count()).toBe(before);
  });

  it('needs a token, and a custom token needs the action', async () => {
    const { insured } = await createHousehold(app, 'interne', 'api6');
    const body = { template: templateId, record: insured.documentId };
    // Strapi answers 401 when no token (nor any other credential) comes with the request.
    await api('get', '/templates?page=beneficiaries').expect(401);
    await api('post', '/messages').send(body).expect(401);
    await api('get', '/messages/whatever').expect(401);
    await api('get', '/templates?page=beneficiaries', 'not-a-token').expect(401);

    const readOnly = await apiToken(app, 'custom', [ACTIONS.templates, ACTIONS.message]);
    await api('get', '/templates?page=beneficiaries', readOnly).expect(200);
    await sendAs(readOnly, body).expect(403);
    // A read-only token may read but never send.
    const reader = await apiToken(app, 'read-only');
    await sendAs(reader, body).expect(403);
  });

  it('offers its three actions in the API-token editor', async () => {
    const token = await superAdminToken(app);
    const { body } = await app.request().get('/admin/content-api/permissions').set('Authorization', `Bearer ${token}`).expect(200);
    expect(body.data['plugin::mail-merge'].controllers['front-office'].sort()).toEqual(['findMessage', 'findTemplates', 'send']);
  });

  it('shows a front-office only the mails sent through the content API', async () => {
    const admin = await app.strapi.db.query('plugin::mail-merge.message').create({
      data: { documentId: 'adminmailadminmailadmin1', page: 'beneficiaries', recordId: 'x', fromAddress: 'gestion@mutuelle.example.test', to: ['a@example.test'], subject: 'Interne', status: 'sent', origin: 'admin' },
    });
    await api('get', `/messages/${admin.documentId}`, fullAccess).expect(404);
  });
});
