import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { apiToken, superAdminToken, userWithActions } from './helpers/admin';
import { createHousehold } from './helpers/records';
import { eventually } from './helpers/wait';

/**
 * Notifications (« Liste des notifications disponibles »): the mutual's types and settings, each
 * adhesion's choices (validated on every path, every change kept), and the mail gate of templates
 * tied to a type: single send, grouped send, dispatcher.
 *
 * The single send is tested through the admin /mail-merge/compose and /mail-merge/send routes, and
 * through the content API of the front-offices (`POST /api/mail-merge/messages`).
 */
const TYPES = {
  virement: 'rejet-virement-sante',
  remboursement: 'remboursement-assure',
  prelevement: 'rejet-prelevement-adherent',
};

describe('notification types, choices and the mail gate', () => {
  let app: TestApp;
  let token: string;
  const FROM = 'gestion@mutuelle.example.test';
  const ADHESION = 'api::adhesion.adhesion';
  const TYPE_UID = 'api::notification-type.notification-type';
  const admin = (method: 'get' | 'post' | 'put' | 'delete', url: string, bearer = token) =>
    app.request()[method](url).set('Authorization', `Bearer ${bearer}`);
  const mm = (method: 'get' | 'post' | 'put' | 'delete', url: string, bearer = token) => admin(method, `/mail-merge${url}`, bearer);
  const cm = (method: 'get' | 'post' | 'put', uid: string, documentId = '') =>
    admin(method, `/content-manager/collection-types/${uid}${documentId ? `/${documentId}` : ''}`);
  const docs = (uid: string) => (app.strapi.documents as any)(uid);
  const messages = () => app.strapi.db.query('plugin::mail-merge.message');
  const dispatcher = () => app.strapi.plugin('mail-merge').service('dispatcher') as any;
  const history = async (adhesionId: string) =>
    (await docs('api::consent-change.consent-change').findMany({
      filters: { adhesion: { documentId: adhesionId }, subject: 'notification' },
      sort: 'id:asc',
    })) as any[];
  const setActive = async (code: string, active: boolean) => {
    const type = await docs(TYPE_UID).findFirst({ filters: { code } });
    await docs(TYPE_UID).update({ documentId: type.documentId, data: { active } });
  };
  const choose = (adhesionId: string, choices: Record<string, string[]>) =>
    docs(ADHESION).update({ documentId: adhesionId, data: { notificationChoices: choices } });

  let beneficiaryTemplate: any;
  let notifiedTemplate: any;

  beforeAll(async () => {
    app = await setupStrapi();
    token = await superAdminToken(app);
    await mm('put', '/profile').send({ email: FROM, signature: '' }).expect(200);
    beneficiaryTemplate = (await mm('get', '/templates?page=beneficiaries').expect(200)).body.data[0];
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('ships the three notification types of MutualIT, also without demo data, and leaves the mutual’s settings alone', async () => {
    const types = (await docs(TYPE_UID).findMany({ sort: 'code:asc' })) as any[];
    expect(types.map((t) => [t.code, t.label, t.active, t.channels])).toEqual([
      [TYPES.prelevement, 'Rejet de prélèvement adhérent', true, ['mail']],
      [TYPES.virement, 'Envoi des notifications de rejets de virements en santé pour les adhérents', false, ['mail']],
      [TYPES.remboursement, 'Envoi des notifications de remboursement Assuré', true, ['mail']],
    ]);
    const { seedNotificationTypes } = await import('../src/seed/notification-types');
    await setActive(TYPES.virement, true);
    expect(await seedNotificationTypes(app.strapi)).toEqual([]);
    expect((await docs(TYPE_UID).findFirst({ filters: { code: TYPES.virement } })).active).toBe(true);
    await setActive(TYPES.virement, false);
    expect(await docs(TYPE_UID).count()).toBe(3);
  });

  it('validates the mutual’s settings: channels among the five, kebab-case code (clear 400s in French)', async () => {
    const bad = await cm('post', TYPE_UID).send({ label: 'Relevé annuel', code: 'releve-annuel', active: true, channels: ['mail', 'fax'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('canal inconnu « fax »');
    expect(bad.body.error.details).toMatchObject({ code: 'notification.unknown-channel', en: expect.stringContaining('unknown channel "fax"') });

    const notAList = await cm('post', TYPE_UID).send({ label: 'Relevé annuel', code: 'releve-annuel', active: true, channels: 'mail' });
    expect(notAList.status).toBe(400);
    expect(notAList.body.error.details.code).toBe('notification.channels-not-a-list');

    const badCode = await cm('post', TYPE_UID).send({ label: 'Relevé annuel', code: 'Relevé Annuel', active: true, channels: ['mail'] });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.message).toContain('Code de notification invalide');

    // Stored distinct, in the canonical order.
    const good = await cm('post', TYPE_UID).send({ label: 'Relevé annuel', code: 'releve-annuel', active: true, channels: ['portail', 'mail', 'courrier', 'mail'] });
    expect(good.status).toBe(201);
    expect(good.body.data.channels).toEqual(['courrier', 'mail', 'portail']);
    await docs(TYPE_UID).delete({ documentId: good.body.data.documentId });
  });

  it('refuses invalid choices on every path with a clear 400, and keeps every change with who made it', async () => {
    const { adhesion } = await createHousehold(app, 'interne', 'n1');
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ 'releve-inconnu': ['mail'] }, 'notification.unknown-type', 'Type de notification inconnu : « releve-inconnu »'],
      [{ [TYPES.virement]: ['mail'] }, 'notification.inactive-type', 'n’est pas activée par la mutuelle'],
      [{ [TYPES.remboursement]: ['sms'] }, 'notification.channel-not-offered', 'La mutuelle ne propose pas le canal « sms »'],
      [{ [TYPES.remboursement]: ['fax'] }, 'notification.unknown-channel', 'canal inconnu « fax »'],
      [{ [TYPES.remboursement]: 'mail' }, 'notification.channels-not-a-list', 'la liste des canaux est attendue'],
    ];
    // Content Manager (admin).
    for (const [choices, code, message] of cases) {
      const res = await cm('put', ADHESION, adhesion.documentId).send({ notificationChoices: choices });
      expect(res.status, code).toBe(400);
      expect(res.body.error.message, code).toContain(message);
      expect(res.body.error.details.code, code).toBe(code);
      expect(typeof res.body.error.details.en, code).toBe('string');
    }
    const notAnObject = await cm('put', ADHESION, adhesion.documentId).send({ notificationChoices: ['mail'] });
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.error.details.code).toBe('notification.choices-not-an-object');

    // Content API with a token: the same rules.
    const apiKey = await apiToken(app, 'full-access');
    const viaApi = await app
      .request()
      .put(`/api/adhesions/${adhesion.documentId}`)
      .set('Authorization', `Bearer ${apiKey}`)
      .send({ data: { notificationChoices: { [TYPES.virement]: ['mail'] } } });
    expect(viaApi.status).toBe(400);
    expect(viaApi.body.error.details.code).toBe('notification.inactive-type');
    // Document Service (any code of the app or the plugin).
    await expect(choose(adhesion.documentId, { [TYPES.remboursement]: ['courrier'] })).rejects.toThrow(/ne propose pas le canal « courrier »/);
    expect(await history(adhesion.documentId)).toEqual([]);

    // Accepted changes, by the admin then by a token, are each recorded.
    await cm('put', ADHESION, adhesion.documentId).send({ notificationChoices: { [TYPES.remboursement]: ['mail'] } }).expect(200);
    await app
      .request()
      .put(`/api/adhesions/${adhesion.documentId}`)
      .set('Authorization', `Bearer ${apiKey}`)
      .send({ data: { notificationChoices: { [TYPES.remboursement]: ['mail'], [TYPES.prelevement]: ['mail'] } } })
      .expect(200);
    // Unchanged entries are not judged again: a type deactivated since does not block other changes.
    await setActive(TYPES.prelevement, false);
    await choose(adhesion.documentId, { [TYPES.remboursement]: [], [TYPES.prelevement]: ['mail'] });
    await setActive(TYPES.prelevement, true);

    const changes = await history(adhesion.documentId);
    expect(changes.map((c) => [c.notificationType, c.oldChannels, c.newChannels, c.changedByKind])).toEqual([
      [TYPES.remboursement, [], ['mail'], 'admin'],
      [TYPES.prelevement, [], ['mail'], 'api'],
      [TYPES.remboursement, ['mail'], [], 'system'],
    ]);
    expect(changes[0].changedBy).toBe('Admin Mutuelle');
    expect(changes[1].changedBy).toMatch(/^jeton API /);
    expect(changes.every((c) => c.createdAt && c.channel === null && c.newLevel === null)).toBe(true);
  });

  it('gives the gestionnaire’s form the types, the mutual’s settings, the member’s choices and their history, and changes the choices', async () => {
    const { adhesion, dependant } = await createHousehold(app, 'interne', 'n2');
    // The form shows the record and its membership: reading both in the Content Manager is needed too.
    const gestionnaire = await userWithActions(app, [
      'plugin::mail-merge.send-single',
      { action: 'plugin::content-manager.explorer.read', subject: 'api::beneficiary.beneficiary' },
      { action: 'plugin::content-manager.explorer.read', subject: ADHESION },
      { action: 'plugin::content-manager.explorer.update', subject: ADHESION },
    ]);
    const form = await mm('get', `/consent/beneficiaries/${dependant.documentId}`, gestionnaire.token).expect(200);
    expect(form.body.data.holder.documentId).toBe(adhesion.documentId);
    expect(form.body.data.levels).toEqual({ postalAddress: 'interne', landline: 'interne', mobile: 'interne', email: 'interne' });
    // By label, as MutualIT lists them.
    expect(form.body.data.notifications).toEqual([
      { code: TYPES.virement, label: 'Envoi des notifications de rejets de virements en santé pour les adhérents', active: false, channels: ['mail'], chosen: [] },
      { code: TYPES.remboursement, label: 'Envoi des notifications de remboursement Assuré', active: true, channels: ['mail'], chosen: [] },
      { code: TYPES.prelevement, label: 'Rejet de prélèvement adhérent', active: true, channels: ['mail'], chosen: [] },
    ]);

    const changed = await mm('put', `/consent/beneficiaries/${dependant.documentId}`, gestionnaire.token)
      .send({ notifications: { [TYPES.remboursement]: ['mail'] } })
      .expect(200);
    expect(changed.body.data.notifications.find((n: any) => n.code === TYPES.remboursement).chosen).toEqual(['mail']);
    expect(changed.body.data.levels.email).toBe('interne');
    const both = await mm('put', `/consent/holder/${adhesion.documentId}`, gestionnaire.token)
      .send({ levels: { email: 'limite' }, notifications: { [TYPES.prelevement]: ['mail'] } })
      .expect(200);
    expect(both.body.data.levels.email).toBe('limite');
    expect(both.body.data.notifications.filter((n: any) => n.chosen.length).map((n: any) => n.code)).toEqual([TYPES.remboursement, TYPES.prelevement]);
    // Newest first: the consent and choice changes of the last save, then the first choice change.
    const entries = both.body.data.history.map((h: any) => [h.subject, h.channel ?? h.notificationType, h.oldLevel ?? h.oldChannels, h.newLevel ?? h.newChannels, h.changedByKind]);
    expect(entries).toHaveLength(3);
    expect(entries.slice(0, 2)).toEqual(
      expect.arrayContaining([
        ['consent', 'email', 'interne', 'limite', 'admin'],
        ['notification', TYPES.prelevement, [], ['mail'], 'admin'],
      ])
    );
    expect(entries[2]).toEqual(['notification', TYPES.remboursement, [], ['mail'], 'admin']);

    const refused = await mm('put', `/consent/holder/${adhesion.documentId}`, gestionnaire.token)
      .send({ notifications: { [TYPES.virement]: ['mail'] } })
      .expect(400);
    expect(refused.body.error.message).toContain('n’est pas activée par la mutuelle');
    await mm('put', `/consent/holder/${adhesion.documentId}`, gestionnaire.token).send({}).expect(400);
    await mm('put', `/consent/holder/${adhesion.documentId}`, gestionnaire.token).send({ notifications: { [TYPES.remboursement]: 'mail' } }).expect(400);
    // Without the right to update the adhesion: 403, nothing changed.
    const reader = await userWithActions(app, ['plugin::mail-merge.send-single']);
    await mm('put', `/consent/holder/${adhesion.documentId}`, reader.token).send({ notifications: { [TYPES.remboursement]: [] } }).expect(403);
    expect((await docs(ADHESION).findOne({ documentId: adhesion.documentId })).notificationChoices[TYPES.remboursement]).toEqual(['mail']);
  });

  it('ties a template to a notification type, refusing an unknown code', async () => {
    const base = {
      family: 'Notifications',
      title: 'Notification de remboursement',
      description: 'Avis de remboursement',
      subject: 'Votre remboursement — adhésion ${num_adhesion}',
      body: '<p>Bonjour,</p><p>Un remboursement vient d’être effectué.</p>',
      page: 'beneficiaries',
      extraction: beneficiaryTemplate.extraction.documentId,
    };
    const unknown = await mm('post', '/templates').send({ ...base, notificationType: 'remboursement-inconnu' }).expect(400);
    expect(unknown.body.error.message).toBe('Type de notification inconnu : « remboursement-inconnu ».');
    expect(unknown.body.error.details).toMatchObject({ code: 'template.unknown-notification', field: 'notificationType' });
    notifiedTemplate = (await mm('post', '/templates').send({ ...base, notificationType: TYPES.remboursement }).expect(201)).body.data;
    expect(notifiedTemplate.notificationType).toBe(TYPES.remboursement);
    await mm('put', `/templates/${notifiedTemplate.documentId}`).send({ notificationType: 'autre-inconnu' }).expect(400);
  });

  it('single send: only to a member who chose mail for the type, only while it is activated (403 « notification »)', async () => {
    const { adhesion, insured } = await createHousehold(app, 'interne', 'n3');
    const body = { page: 'beneficiaries', record: insured.documentId, template: notifiedTemplate.documentId };
    const send = { ...body, from: FROM, to: [insured.email] };
    const before = await messages().count();

    const compose = await mm('post', '/compose').send(body).expect(403);
    expect(compose.body.error.message).toBe(
      'L’adhérent n’a pas choisi de recevoir la notification « Envoi des notifications de remboursement Assuré » par mail : aucun mail ne peut lui être envoyé avec ce modèle.'
    );
    expect(compose.body.error.details).toMatchObject({ reason: 'notification', refusal: 'not-chosen', notificationType: TYPES.remboursement });
    expect((await mm('post', '/send').send(send).expect(403)).body.error.details.reason).toBe('notification');
    const choices = await mm('get', `/records/beneficiaries/${insured.documentId}/choices`).expect(200);
    expect(choices.body.data.templates.find((t: any) => t.documentId === notifiedTemplate.documentId)).toMatchObject({
      allowed: false,
      notification: { allowed: false, refusal: 'not-chosen' },
    });
    // A template without a type is not gated; the « envoi test » goes to the sender only.
    await mm('post', '/compose').send({ ...body, template: beneficiaryTemplate.documentId }).expect(200);
    app.sink.clear();
    await mm('post', '/send').send({ ...send, test: true }).expect(202);
    expect(await messages().count()).toBe(before + 1);
    expect((await app.sink.waitFor(1))[0].to).toEqual([FROM]);

    await choose(adhesion.documentId, { [TYPES.remboursement]: ['mail'] });
    const draft = await mm('post', '/compose').send(body).expect(200);
    expect(draft.body.data.notification).toEqual({ gated: true, code: TYPES.remboursement, allowed: true });
    app.sink.clear();
    const queued = await mm('post', '/send').send(send).expect(202);
    const [mail] = await app.sink.waitFor(1);
    expect(mail.subject).toBe('Votre remboursement — adhésion ADH-n3');
    const row = (await messages().findOne({ where: { documentId: queued.body.data.documentId } })) as any;
    expect(row.notificationType).toBe(TYPES.remboursement);

    // The mutual deactivates the type: refused again, with its own message.
    await setActive(TYPES.remboursement, false);
    try {
      const off = await mm('post', '/send').send(send).expect(403);
      expect(off.body.error.message).toBe(
        'La notification « Envoi des notifications de remboursement Assuré » n’est pas activée par la mutuelle : aucun mail ne peut être envoyé avec ce modèle.'
      );
      expect(off.body.error.details).toMatchObject({ reason: 'notification', refusal: 'inactive' });
    } finally {
      await setActive(TYPES.remboursement, true);
    }
  });

  it('content API send: the same gate (403 « notification »), then sent once the member chose mail', async () => {
    const { adhesion, insured } = await createHousehold(app, 'interne', 'n3api');
    const frontOffice = await apiToken(app, 'custom', ['plugin::mail-merge.front-office.send']);
    const send = () =>
      app
        .request()
        .post('/api/mail-merge/messages')
        .set('Authorization', `Bearer ${frontOffice}`)
        .send({ template: notifiedTemplate.documentId, record: insured.documentId });
    const before = await messages().count();
    const refused = await send().expect(403);
    expect(refused.body.error.details).toMatchObject({ reason: 'notification', refusal: 'not-chosen', notificationType: TYPES.remboursement });
    expect(await messages().count()).toBe(before);

    await choose(adhesion.documentId, { [TYPES.remboursement]: ['mail'] });
    app.sink.clear();
    await send().expect(202);
    const [mail] = await app.sink.waitFor(1);
    expect(mail.to).toEqual([insured.email]);
  });

  it('does not gate pages without consent (legal entities)', async () => {
    const extraction = await docs('plugin::mail-merge.extraction').findFirst({ filters: { shippedKey: 'structures' } });
    const template = (
      await mm('post', '/templates')
        .send({
          title: 'Rejet de prélèvement (structure)',
          description: 'Avis',
          subject: 'Rejet de prélèvement — ${nom_structure}',
          recipient: '${mail_structure}',
          body: '<p>Bonjour,</p>',
          page: 'structures',
          extraction: extraction.documentId,
          notificationType: TYPES.prelevement,
        })
        .expect(201)
    ).body.data;
    const structure = await docs('api::structure.structure').create({ data: { name: 'Clinique des Pins', email: 'pins@example.test' } });
    app.sink.clear();
    await mm('post', '/send').send({ page: 'structures', record: structure.documentId, template: template.documentId, from: FROM, to: ['pins@example.test'] }).expect(202);
    await app.sink.waitFor(1);
  });

  it('re-checks the choice just before sending: withdrawn after queuing, the mail fails and nothing leaves', async () => {
    const { adhesion, insured } = await createHousehold(app, 'interne', 'n4');
    await choose(adhesion.documentId, { [TYPES.remboursement]: ['mail'] });
    app.sink.clear();
    await dispatcher().stop();
    let queued: any;
    try {
      queued = await mm('post', '/send')
        .send({ page: 'beneficiaries', record: insured.documentId, template: notifiedTemplate.documentId, from: FROM, to: [insured.email] })
        .expect(202);
      await choose(adhesion.documentId, { [TYPES.remboursement]: [] });
    } finally {
      await dispatcher().start();
    }
    const row = await eventually(async () => {
      const found = (await messages().findOne({ where: { documentId: queued.body.data.documentId } })) as any;
      return found?.status === 'failed' ? found : null;
    });
    expect(row.errorCode).toBe('notification');
    expect(row.error).toContain('n’a pas choisi de recevoir la notification');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.sink.messages.map((m) => m.subject)).toEqual([]);
  });

  it('grouped send: skips with reason « notification » those who did not choose mail, counted in pre-flight', async () => {
    const chosen: string[] = [];
    const notChosen: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { adhesion, insured, dependant } = await createHousehold(app, 'interne', `g${i}`);
      if (i < 3) {
        await choose(adhesion.documentId, { [TYPES.remboursement]: ['mail'] });
        chosen.push(insured.documentId, dependant.documentId);
      } else notChosen.push(insured.documentId, dependant.documentId);
    }
    const { insured: refused } = await createHousehold(app, 'refus', 'g5');
    const selection = { ids: [...chosen, ...notChosen, refused.documentId] };
    const body = { page: 'beneficiaries', template: notifiedTemplate.documentId, selection };

    const preflight = await mm('post', '/batches/preflight').send(body).expect(200);
    expect(preflight.body.data).toMatchObject({ total: 11, eligible: 6, skipped: { notification: 4, consent: 1 } });

    app.sink.clear();
    const created = await mm('post', '/batches').send(body).expect(202);
    const batch = await eventually(async () => {
      const { body: progress } = await mm('get', `/batches/${created.body.data.documentId}`).expect(200);
      return progress.data.status === 'done' ? progress.data : null;
    }, 30_000);
    expect(batch.counts).toMatchObject({ total: 11, sent: 6, skipped: 5, skippedByReason: { notification: 4, consent: 1 } });
    await app.sink.waitFor(6);
    const skipped = (await messages().findMany({ where: { batchId: batch.documentId, errorCode: 'notification' } })) as any[];
    expect(skipped.map((m) => m.recordId).sort()).toEqual([...notChosen].sort());
    expect(skipped[0].error).toContain('n’a pas choisi de recevoir la notification « Envoi des notifications de remboursement Assuré » par mail');

    // Deactivated: the whole selection is skipped.
    await setActive(TYPES.remboursement, false);
    try {
      const off = await mm('post', '/batches/preflight').send(body).expect(200);
      expect(off.body.data).toMatchObject({ eligible: 0, skipped: { notification: 10, consent: 1 } });
    } finally {
      await setActive(TYPES.remboursement, true);
    }
  });
});
