import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { gestionnaireToken, superAdminToken, userWithActions } from './helpers/admin';
import { createHousehold, createProfessional } from './helpers/records';
import { eventually } from './helpers/wait';

/** One mail from one record, on every page, over real SMTP. */
describe('sending a mail from a record', () => {
  let app: TestApp;
  let token: string;
  const FROM = 'gestion@mutuelle.example.test';
  const admin = (method: 'get' | 'post' | 'put' | 'delete', url: string) =>
    app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);

  const shippedExtraction = (key: string) =>
    (app.strapi.documents as any)('plugin::mail-merge.extraction').findFirst({ filters: { shippedKey: key } });
  const templateOf = async (page: string) => (await admin('get', `/templates?page=${page}`).expect(200)).body.data[0];
  const messageRow = (documentId: string) =>
    app.strapi.db.query('plugin::mail-merge.message').findOne({ where: { documentId } }) as Promise<any>;
  const sentMessage = (documentId: string) =>
    eventually(async () => {
      const row = await messageRow(documentId);
      return row?.status === 'sent' ? row : null;
    });

  beforeAll(async () => {
    app = await setupStrapi();
    token = await superAdminToken(app);
    // The shipped templates cover three pages; the mutual adds one for structures and simulations.
    for (const [page, key, subject, recipient] of [
      ['structures', 'structures', 'Votre contrat collectif — ${nom_structure}', '${mail_structure}'],
      ['simulations', 'simulations', 'Votre devis ${num_simulation} : ${lib_simulation}', '${mail_benef}'],
    ]) {
      const extraction = await shippedExtraction(key);
      await admin('post', '/templates')
        .send({ family: 'Informations', title: `Information ${page}`, description: 'Mail d’information', subject, recipient, body: '<p>Bonjour,</p>', page, extraction: extraction.documentId })
        .expect(201);
    }
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('sends from a beneficiary: merged mail with Cc, Bcc and priority at the sink, an event, a sent message', async () => {
    app.sink.clear();
    const { insured } = await createHousehold(app, 'interne', 'b1');
    const template = await templateOf('beneficiaries');
    const draft = await admin('post', '/compose').send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId }).expect(200);
    expect(draft.body.data.to).toEqual(['elise.b1@example.test']);
    expect(draft.body.data.subject).toBe('Demande de pièces justificatives — adhésion n° ADH-b1');
    expect(draft.body.data.html).toContain('Madame,');

    const sent = await admin('post', '/send')
      .send({
        page: 'beneficiaries',
        record: insured.documentId,
        template: template.documentId,
        from: FROM,
        to: draft.body.data.to,
        cc: ['conseiller@mutuelle.example.test'],
        bcc: ['archives@mutuelle.example.test'],
        subject: draft.body.data.subject,
        html: draft.body.data.html,
        priority: true,
      })
      .expect(202);
    expect(sent.body.data).toMatchObject({ status: 'queued', to: ['elise.b1@example.test'] });

    const [mail] = await app.sink.waitFor(1);
    expect(mail.subject).toBe('Demande de pièces justificatives — adhésion n° ADH-b1');
    expect(mail.from).toBe(FROM);
    expect(mail.to).toEqual(['elise.b1@example.test']);
    expect(mail.cc).toEqual(['conseiller@mutuelle.example.test']);
    expect(mail.envelope.to).toContain('archives@mutuelle.example.test');
    expect(mail.raw).not.toMatch(/^Bcc:/im);
    expect(mail.raw).toMatch(/^X-Priority: 1/m);
    expect(mail.raw).toMatch(/^Importance: high/im);
    // Answers go to the gestionnaire who wrote, not to the platform's no-reply address.
    expect(mail.raw).toMatch(/^Reply-To: "?Admin Mutuelle"? <gestion@mutuelle\.example\.test>/m);
    expect(mail.html).toContain('ADH-b1');
    expect(mail.text).toContain('ADH-b1');

    const message = await sentMessage(sent.body.data.documentId);
    expect(message).toMatchObject({ page: 'beneficiaries', recordId: insured.documentId, templateTitle: template.title, consentLevel: 'interne', attempts: 1 });
    expect(message.messageId).toBeTruthy();

    const events = await admin('get', `/records/beneficiaries/${insured.documentId}/events`).expect(200);
    expect(events.body.data).toHaveLength(1);
    expect(events.body.data[0]).toMatchObject({ label: `[AUTO] Envoi de mail : ${template.title}`, status: 'sent' });
  });

  it('sends from every other page with the page’s merged recipient', async () => {
    const { insured } = await createHousehold(app, 'interne', 'p2');
    const professional = await createProfessional(app, 'p2');
    const docs = app.strapi.documents as any;
    const mother = await docs('api::structure.structure').create({ data: { name: 'Groupe Atlantique', email: 'groupe@atlantique.example.test' } });
    const structure = await docs('api::structure.structure').create({ data: { name: 'Clinique du Parc', email: 'parc@atlantique.example.test', parent: mother.documentId } });
    const coverage = await docs('api::coverage-request.coverage-request').create({
      data: { number: 'PEC-p2', label: 'Prothèse dentaire', decision: 'accord', decisionDate: '2024-03-02', amount: 1250.5, beneficiary: insured.documentId, healthProfessional: professional.documentId },
    });
    const simulation = await docs('api::simulation.simulation').create({
      data: { number: 'SIM-p2', label: 'Devis optique', amount: 480, date: '2024-02-10', beneficiary: insured.documentId, healthProfessional: professional.documentId },
    });

    const cases = [
      ['structures', mother.documentId, 'groupe@atlantique.example.test', 'Votre contrat collectif — Groupe Atlantique'],
      ['structures', structure.documentId, 'parc@atlantique.example.test', 'Votre contrat collectif — Clinique du Parc'],
      ['health-professionals', professional.documentId, 'cabinet.p2@example.test', 'Demande de pièces justificatives concernant le professionnel de santé Martin'],
      ['coverage-requests', coverage.documentId, 'cabinet.p2@example.test', 'Réponse à votre demande de prise en charge pour Mme Durand Élise'],
      ['simulations', simulation.documentId, 'elise.p2@example.test', 'Votre devis SIM-p2 : Devis optique'],
    ];
    for (const [page, record, to, subject] of cases) {
      app.sink.clear();
      const template = await templateOf(page);
      const draft = await admin('post', '/compose').send({ page, record, template: template.documentId }).expect(200);
      expect(draft.body.data.to, page).toEqual([to]);
      expect(draft.body.data.subject, page).toBe(subject);
      const sent = await admin('post', '/send')
        .send({ page, record, template: template.documentId, from: FROM, to: draft.body.data.to, cc: ['copie@mutuelle.example.test'], bcc: ['cachee@mutuelle.example.test'], priority: true, html: draft.body.data.html })
        .expect(202);
      const [mail] = await app.sink.waitFor(1);
      expect([mail.subject, mail.to, mail.from, mail.cc], page).toEqual([subject, [to], FROM, ['copie@mutuelle.example.test']]);
      expect(mail.envelope.to, page).toContain('cachee@mutuelle.example.test');
      expect(mail.raw, page).toMatch(/^X-Priority: 1/m);
      // The body as edited, in the template's layout (the sink reads the part with CRLF line ends).
      const { before, after } = draft.body.data.letterhead;
      expect(mail.html.replace(/\r\n/g, '\n'), page).toBe(before + draft.body.data.html + after);
      await sentMessage(sent.body.data.documentId);
      const events = await admin('get', `/records/${page}/${record}/events`).expect(200);
      expect(events.body.data[0].label, page).toBe(`[AUTO] Envoi de mail : ${template.title}`);
    }
    // The professional's accounting address is offered as a default recipient too.
    const template = await templateOf('health-professionals');
    const draft = await admin('post', '/compose').send({ page: 'health-professionals', record: professional.documentId, template: template.documentId }).expect(200);
    expect(draft.body.data.defaultRecipients.map((r: any) => r.address)).toEqual(['cabinet.p2@example.test', 'compta.p2@example.test']);
  });

  it('refuses, with 403 « consent » and nothing queued, mail to a membership that refused e-mail', async () => {
    const { insured, dependant } = await createHousehold(app, 'refus', 'c1');
    const template = await templateOf('beneficiaries');
    const before = await app.strapi.db.query('plugin::mail-merge.message').count();
    app.sink.clear();
    for (const person of [insured, dependant]) {
      const res = await admin('post', '/send')
        .send({ page: 'beneficiaries', record: person.documentId, template: template.documentId, from: FROM, to: [person.email] })
        .expect(403);
      expect(res.body.error.details).toMatchObject({ reason: 'consent', level: 'refus' });
      expect(res.body.error.message).toContain('refusé');
      await admin('post', '/compose').send({ page: 'beneficiaries', record: person.documentId, template: template.documentId }).expect(403);
      const choices = await admin('get', `/records/beneficiaries/${person.documentId}/choices`).expect(200);
      expect(choices.body.data.consent.level).toBe('refus');
      expect(choices.body.data.templates.every((t: any) => !t.allowed)).toBe(true);
    }
    expect(await app.strapi.db.query('plugin::mail-merge.message').count()).toBe(before);
    expect(await app.strapi.db.query('plugin::mail-merge.event').count({ where: { recordId: insured.documentId } })).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.sink.messages).toHaveLength(0);
  });

  it('refuses bad input with a clear 4xx and queues nothing', async () => {
    const { insured } = await createHousehold(app, 'interne', 'x1');
    const template = await templateOf('beneficiaries');
    const professionals = await templateOf('health-professionals');
    const base = { page: 'beneficiaries', record: insured.documentId, template: template.documentId, from: FROM, to: ['elise.x1@example.test'] };
    const before = await app.strapi.db.query('plugin::mail-merge.message').count();
    const cases: Array<[string, Record<string, unknown>, number, string]> = [
      ['invalid address', { to: ['pas-une-adresse'] }, 400, 'address.invalid'],
      ['CR/LF in an address', { cc: ['a@example.test\r\nBcc: victime@example.test'] }, 400, 'address.invalid'],
      ['two addresses in one entry', { to: ['a@example.test, b@example.test'] }, 400, 'address.invalid'],
      ['no recipient', { to: [] }, 400, 'address.no-recipient'],
      ['a sender outside the mutual', { from: 'pirate@evil.example.test' }, 400, 'sender.domain'],
      ['a template of another page', { template: professionals.documentId }, 400, 'template.other-page'],
      ['a record of another page', { record: 'inexistant0000000000000' }, 404, 'record.not-found'],
      ['a deleted template', { template: 'supprime000000000000000' }, 404, 'template.not-found'],
      ['an attachment that does not exist', { attachments: [999999] }, 400, 'attachment.not-found'],
    ];
    for (const [label, change, status, code] of cases) {
      const res = await admin('post', '/send').send({ ...base, ...change });
      expect([res.status, res.body.error?.details?.code], label).toEqual([status, code]);
      expect(res.body.error.message, label).toMatch(/\S/);
    }
    expect(await app.strapi.db.query('plugin::mail-merge.message').count()).toBe(before);
  });

  it('sends a test to the sender only, marked [TEST], without an event', async () => {
    app.sink.clear();
    const { insured } = await createHousehold(app, 'interne', 't1');
    const template = await templateOf('beneficiaries');
    const sent = await admin('post', '/send')
      .send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId, from: FROM, to: ['elise.t1@example.test'], test: true })
      .expect(202);
    const [mail] = await app.sink.waitFor(1);
    expect(mail.envelope.to).toEqual([FROM]);
    expect(mail.subject).toMatch(/^\[TEST\] /);
    await sentMessage(sent.body.data.documentId);
    expect(await app.strapi.db.query('plugin::mail-merge.event').count({ where: { recordId: insured.documentId } })).toBe(0);
  });

  it('answers 403 to a user without « Envoyer un mail unitaire »', async () => {
    const { insured } = await createHousehold(app, 'interne', 'r1');
    const template = await templateOf('beneficiaries');
    const reader = await userWithActions(app, ['plugin::mail-merge.templates-read']);
    for (const [method, url, body] of [
      ['post', '/send', { page: 'beneficiaries', record: insured.documentId, template: template.documentId, from: FROM, to: ['x@example.test'] }],
      ['post', '/compose', { page: 'beneficiaries', record: insured.documentId, template: template.documentId }],
      ['get', `/records/beneficiaries/${insured.documentId}/choices`, undefined],
    ] as const) {
      const req = app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${reader.token}`);
      await (body ? req.send(body) : req).expect(403);
    }
  });

  it('keeps each user’s sender profile to themselves and refuses a foreign domain', async () => {
    // Composing shows the record: the Content Manager right to read it is needed too.
    const readBeneficiaries = { action: 'plugin::content-manager.explorer.read', subject: 'api::beneficiary.beneficiary' };
    const sender = await userWithActions(app, ['plugin::mail-merge.send-single', readBeneficiaries]);
    const other = await userWithActions(app, ['plugin::mail-merge.send-single']);
    const as = (user: { token: string }, method: 'get' | 'put', body?: object) => {
      const req = app.request()[method]('/mail-merge/profile').set('Authorization', `Bearer ${user.token}`);
      return body ? req.send(body) : req;
    };
    await as(sender, 'put', { email: 'claire@mutuelle.example.test', signature: '<p><strong>Claire</strong><script>x()</script></p>' }).expect(200);
    const mine = await as(sender, 'get').expect(200);
    expect(mine.body.data).toEqual({ email: 'claire@mutuelle.example.test', signature: '<p><strong>Claire</strong></p>' });
    const theirs = await as(other, 'get').expect(200);
    expect(theirs.body.data.email).toBeNull();
    const refused = await as(other, 'put', { email: 'claire@evil.example.test' }).expect(400);
    expect(refused.body.error.details.code).toBe('sender.domain');

    // The profile fills the dialog: sender and signature.
    const { insured } = await createHousehold(app, 'interne', 's1');
    const template = await templateOf('beneficiaries');
    const draft = await app
      .request()
      .post('/mail-merge/compose')
      .set('Authorization', `Bearer ${sender.token}`)
      .send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId })
      .expect(200);
    expect(draft.body.data.from).toBe('claire@mutuelle.example.test');
    expect(draft.body.data.html).toContain('<strong>Claire</strong>');
  });

  it('lets a gestionnaire change the membership’s consent from a dependant, keeping who did it', async () => {
    const { insured, dependant } = await createHousehold(app, 'interne', 'g1');
    const template = await templateOf('beneficiaries');
    const gestionnaire = await gestionnaireToken(app);
    const as = (t: string, method: 'get' | 'put', url: string) => app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${t}`);

    const before = await as(gestionnaire, 'get', `/consent/beneficiaries/${dependant.documentId}`).expect(200);
    expect(before.body.data.levels).toEqual({ postalAddress: 'interne', landline: 'interne', mobile: 'interne', email: 'interne' });

    const changed = await as(gestionnaire, 'put', `/consent/beneficiaries/${dependant.documentId}`).send({ levels: { email: 'refus' } }).expect(200);
    expect(changed.body.data.levels.email).toBe('refus');
    expect(changed.body.data.history[0]).toMatchObject({ channel: 'email', oldLevel: 'interne', newLevel: 'refus', changedByKind: 'admin', changedBy: 'Claire Gestionnaire' });
    // The whole membership is now out of reach, the insured included.
    await as(gestionnaire, 'get', `/records/beneficiaries/${insured.documentId}/choices`).expect(200);
    await app.request().post('/mail-merge/compose').set('Authorization', `Bearer ${gestionnaire}`)
      .send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId }).expect(403);

    const invalid = await as(gestionnaire, 'put', `/consent/beneficiaries/${dependant.documentId}`).send({ levels: { email: 'oui' } }).expect(400);
    expect(invalid.body.error.message).toMatch(/\S/);

    // Sending mail (and reading the record) is not enough to change consent: updating the membership is required.
    const sender = await userWithActions(app, [
      'plugin::mail-merge.send-single',
      { action: 'plugin::content-manager.explorer.read', subject: 'api::beneficiary.beneficiary' },
    ]);
    const refused = await as(sender.token, 'put', `/consent/beneficiaries/${dependant.documentId}`).send({ levels: { email: 'public' } }).expect(403);
    expect(refused.body.error.details.code).toBe('consent.forbidden');
    await as(gestionnaire, 'get', `/consent/structures/${dependant.documentId}`).expect(400);

    // The same form on the adhesion itself (`holder`).
    const { adhesion } = await createHousehold(app, 'refus', 'g2');
    const own = await as(gestionnaire, 'get', `/consent/holder/${adhesion.documentId}`).expect(200);
    expect(own.body.data.levels.email).toBe('refus');
    const restored = await as(gestionnaire, 'put', `/consent/holder/${adhesion.documentId}`).send({ levels: { email: 'limite' } }).expect(200);
    expect(restored.body.data.history[0]).toMatchObject({ channel: 'email', oldLevel: 'refus', newLevel: 'limite' });
    await as(gestionnaire, 'get', `/consent/holder/inexistant0000000000000`).expect(404);
  });

  it('attaches Media Library files, within the configured count and size', async () => {
    const { insured } = await createHousehold(app, 'interne', 'a1');
    const template = await templateOf('beneficiaries');
    const upload = async (name: string, bytes: number) => {
      const res = await app
        .request()
        .post('/upload')
        .set('Authorization', `Bearer ${token}`)
        .attach('files', Buffer.alloc(bytes, 'a'), { filename: name, contentType: 'application/pdf' })
        .expect(201);
      return res.body[0].id as number;
    };
    const small = await upload('attestation.pdf', 2048);
    app.sink.clear();
    const sent = await admin('post', '/send')
      .send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId, from: FROM, to: ['elise.a1@example.test'], attachments: [small] })
      .expect(202);
    const [mail] = await app.sink.waitFor(1);
    expect(mail.attachments).toEqual([expect.objectContaining({ filename: 'attestation.pdf', contentType: 'application/pdf', size: 2048 })]);
    await sentMessage(sent.body.data.documentId);

    const base = { page: 'beneficiaries', record: insured.documentId, template: template.documentId, from: FROM, to: ['elise.a1@example.test'] };
    const tooMany = await admin('post', '/send').send({ ...base, attachments: [small, small, small, small, small, small] }).expect(400);
    expect(tooMany.body.error.details.code).toBe('attachment.too-many');
    const big = await upload('scan.pdf', 11 * 1024 * 1024);
    const tooLarge = await admin('post', '/send').send({ ...base, attachments: [big] }).expect(400);
    expect(tooLarge.body.error.details.code).toBe('attachment.too-large');
    expect(tooLarge.body.error.message).toContain('scan.pdf');

    // The files land in the app's public/uploads: leave nothing behind.
    for (const id of [small, big]) {
      const file = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id } });
      await app.strapi.plugin('upload').service('upload').remove(file);
    }
  });

  it('keeps events and sent mails when their template is deleted', async () => {
    const { insured } = await createHousehold(app, 'interne', 'd1');
    const extraction = await shippedExtraction('beneficiaries');
    const template = await admin('post', '/templates')
      .send({ title: 'Éphémère', description: 'Supprimé après envoi', subject: 'Pour ${nom_benef}', body: '<p>x</p>', page: 'beneficiaries', extraction: extraction.documentId })
      .expect(201);
    const sent = await admin('post', '/send')
      .send({ page: 'beneficiaries', record: insured.documentId, template: template.body.data.documentId, from: FROM, to: ['elise.d1@example.test'] })
      .expect(202);
    await sentMessage(sent.body.data.documentId);
    await admin('delete', `/templates/${template.body.data.documentId}`).expect(204);

    const events = await admin('get', `/records/beneficiaries/${insured.documentId}/events`).expect(200);
    expect(events.body.data.map((e: any) => [e.label, e.status])).toEqual([['[AUTO] Envoi de mail : Éphémère', 'sent']]);
    const message = await admin('get', `/messages/${sent.body.data.documentId}`).expect(200);
    expect(message.body.data).toMatchObject({ templateTitle: 'Éphémère', status: 'sent', subject: 'Pour Durand' });
  });
});
