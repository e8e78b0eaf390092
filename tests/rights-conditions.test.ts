import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenWithId, superAdminToken, userWithActions, type TestPermission } from './helpers/admin';
import { createHousehold } from './helpers/records';
import { setupStrapi, type TestApp } from './helpers/strapi';

/**
 * The Content Manager's conditions (« is creator ») and field rights apply to the plugin's
 * routes exactly as to the Content Manager: roles built here hold them, and every refusal leaves
 * nothing behind (no ledger row, no event, no batch, nothing at the SMTP server).
 */
const BENEFICIARY = 'api::beneficiary.beneficiary';
const ADHESION = 'api::adhesion.adhesion';
const CM_READ = 'plugin::content-manager.explorer.read';
const CM_UPDATE = 'plugin::content-manager.explorer.update';
const FROM = 'gestion@mutuelle.example.test';
const IS_CREATOR = ['admin::is-creator'];
const BENEFICIARY_FIELDS_BUT_EMAIL = ['civility', 'lastName', 'firstName', 'birthDate', 'role', 'adhesion'];

describe('Content Manager conditions and field rights on the plugin routes', () => {
  let app: TestApp;
  let superToken: string;
  let template: any;
  let creator: { token: string; userId: number };
  const mine: { insured: string; dependant: string; adhesion: string; email: string }[] = [];
  const others: { insured: string; email: string; adhesion: string }[] = [];

  const admin = (method: 'get' | 'post' | 'put', url: string, token: string) =>
    app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const docs = (uid: string) => (app.strapi.documents as any)(uid);
  const messagesFor = (recordIds: string[]) =>
    app.strapi.db.query('plugin::mail-merge.message' as any).count({ where: { recordId: { $in: recordIds } } });
  const eventsFor = (recordIds: string[]) => app.strapi.db.query('plugin::mail-merge.event' as any).count({ where: { recordId: { $in: recordIds } } });
  const batchCount = () => app.strapi.db.query('plugin::mail-merge.batch' as any).count();
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Nothing reached the SMTP server for these addresses (after the dispatcher had time to run). */
  const nothingSentTo = async (addresses: string[]) => {
    await pause(1500);
    return app.sink.messages.filter((mail) => mail.envelope.to.some((to) => addresses.includes(to))).length === 0;
  };
  const setCreator = (uid: string, documentId: string, userId: number) =>
    app.strapi.db.query(uid as any).update({ where: { documentId }, data: { createdBy: userId } });
  const user = async (permissions: TestPermission[], withProfile = false) => {
    const created = await userWithActions(app, permissions);
    if (withProfile) await admin('put', '/profile', created.token).send({ email: FROM, signature: '' }).expect(200);
    return created;
  };

  beforeAll(async () => {
    app = await setupStrapi();
    superToken = await superAdminToken(app);
    const templates = (await admin('get', '/templates?page=beneficiaries', superToken).expect(200)).body.data;
    template = templates.find((t: any) => t.title === 'Demande de pièces justificatives');
    creator = await user(
      [
        'plugin::mail-merge.send-single',
        'plugin::mail-merge.send-bulk',
        'plugin::mail-merge.templates-read',
        { action: CM_READ, subject: BENEFICIARY, conditions: IS_CREATOR },
      ],
      true
    );
    for (const n of [1, 2]) {
      const { insured, dependant, adhesion } = await createHousehold(app, 'interne', `mine${n}`);
      await setCreator(BENEFICIARY, insured.documentId, creator.userId);
      await setCreator(BENEFICIARY, dependant.documentId, creator.userId);
      mine.push({ insured: insured.documentId, dependant: dependant.documentId, adhesion: adhesion.documentId, email: insured.email });
    }
    for (const n of [1, 2, 3]) {
      const { insured, adhesion } = await createHousehold(app, 'interne', `other${n}`);
      others.push({ insured: insured.documentId, email: insured.email, adhesion: adhesion.documentId });
    }
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('grouped send: ticked ids outside « is creator » are a 403 naming how many, and nothing is written', async () => {
    app.sink.clear();
    const ids = [mine[0].insured, mine[1].insured, ...others.map((o) => o.insured)];
    const body = { page: 'beneficiaries', template: template.documentId, selection: { ids } };
    const batchesBefore = await batchCount();

    const preflight = await admin('post', '/batches/preflight', creator.token).send(body).expect(403);
    expect(preflight.body.error.message).toBe('3 fiches sélectionnées ne vous sont pas accessibles.');
    expect(preflight.body.error.details).toMatchObject({ code: 'record.ids-forbidden', count: 3 });
    const created = await admin('post', '/batches', creator.token).send(body).expect(403);
    expect(created.body.error.details).toMatchObject({ code: 'record.ids-forbidden', count: 3 });

    expect(await batchCount()).toBe(batchesBefore);
    expect(await messagesFor(ids)).toBe(0);
    expect(await eventsFor(ids)).toBe(0);
    expect(await nothingSentTo([...mine.map((m) => m.email), ...others.map((o) => o.email)])).toBe(true);

    // One of them only: the singular.
    const one = await admin('post', '/batches/preflight', creator.token)
      .send({ ...body, selection: { ids: [mine[0].insured, others[0].insured] } })
      .expect(403);
    expect(one.body.error.message).toBe('1 fiche sélectionnée ne vous est pas accessible.');

    // Their own records go through; an id deleted since is left to the send (skipped), not counted.
    const own = await admin('post', '/batches/preflight', creator.token)
      .send({ ...body, selection: { ids: [mine[0].insured, mine[1].insured, 'inexistant0000000000000'] } })
      .expect(200);
    expect(own.body.data).toMatchObject({ total: 3, eligible: 2 });
    expect(own.body.data.skipped['not-found']).toBe(1);
  });

  it('grouped send by filters: the conditions are ANDed in, so only the user’s own records are counted', async () => {
    const { body } = await admin('post', '/batches/preflight', creator.token)
      .send({ page: 'beneficiaries', template: template.documentId, selection: { filters: { lastName: { $eq: 'Durand' } } } })
      .expect(200);
    // 2 households of theirs: 2 insured + 2 dependants, whoever else is called Durand.
    expect(body.data.total).toBe(4);
  });

  it('a filter on a field the role cannot read is a 400, never dropped, and nothing is written', async () => {
    app.sink.clear();
    const reader = await user(
      ['plugin::mail-merge.send-bulk', { action: CM_READ, subject: BENEFICIARY, properties: { fields: BENEFICIARY_FIELDS_BUT_EMAIL } }],
      true
    );
    const batchesBefore = await batchCount();
    const body = { page: 'beneficiaries', template: template.documentId, selection: { filters: { email: { $containsi: 'other1' } } } };
    const preflight = await admin('post', '/batches/preflight', reader.token).send(body).expect(400);
    expect(preflight.body.error.details.code).toBe('selection.filter-forbidden');
    expect(preflight.body.error.message).toBe('La liste est filtrée sur un champ que vous n’avez pas le droit de consulter : retirez ce filtre.');
    const nested = await admin('post', '/batches', reader.token)
      .send({ ...body, selection: { filters: { $and: [{ firstName: { $eq: 'Élise' } }, { email: { $containsi: 'other1' } }] } } })
      .expect(400);
    expect(nested.body.error.details.code).toBe('selection.filter-forbidden');
    const created = await admin('post', '/batches', reader.token).send(body).expect(400);
    expect(created.body.error.details.code).toBe('selection.filter-forbidden');
    expect(await batchCount()).toBe(batchesBefore);
    expect(await nothingSentTo(others.map((o) => o.email))).toBe(true);

    // The list's search looks into every text field, the e-mail included: refused for this role.
    const search = await admin('post', '/batches/preflight', reader.token).send({ ...body, selection: { search: 'other1' } }).expect(400);
    expect(search.body.error.details.code).toBe('selection.search-forbidden');

    // A filter on a readable field is kept as given.
    const allowed = await admin('post', '/batches/preflight', reader.token)
      .send({ ...body, selection: { filters: { firstName: { $eq: 'Élise' }, lastName: { $eq: 'Durand' } } } })
      .expect(200);
    expect(allowed.body.data.total).toBeGreaterThanOrEqual(5);
  });

  it('single send: compose, send, choices and events refuse a record outside the conditions', async () => {
    app.sink.clear();
    const other = others[0].insured;
    const base = { page: 'beneficiaries', record: other, template: template.documentId };
    const compose = await admin('post', '/compose', creator.token).send(base).expect(403);
    expect(compose.body.error.details.code).toBe('record.forbidden');
    expect(compose.body.error.message).toBe('Vous n’avez pas accès à cette fiche.');
    await admin('post', '/send', creator.token).send({ ...base, from: FROM, to: [others[0].email] }).expect(403);
    await admin('get', `/records/beneficiaries/${other}/choices`, creator.token).expect(403);
    await admin('get', `/records/beneficiaries/${other}/events`, creator.token).expect(403);
    await admin('get', `/consent/beneficiaries/${other}`, creator.token).expect(403);
    // Unknown stays a 404.
    await admin('post', '/compose', creator.token).send({ ...base, record: 'inexistant0000000000000' }).expect(404);
    expect(await messagesFor([other])).toBe(0);
    expect(await eventsFor([other])).toBe(0);
    expect(await nothingSentTo([others[0].email])).toBe(true);

    // Their own record: the draft, and the send.
    const draft = await admin('post', '/compose', creator.token).send({ ...base, record: mine[0].insured }).expect(200);
    expect(draft.body.data.to).toEqual([mine[0].email]);
    await admin('post', '/send', creator.token)
      .send({ ...base, record: mine[0].insured, from: FROM, to: [mine[0].email], logEvent: false })
      .expect(202);
    await app.sink.waitFor(1);
  });

  it('the record search finds only readable records, searching and showing readable label fields only', async () => {
    const found = await admin('get', '/pages/beneficiaries/records?search=durand&limit=50', creator.token).expect(200);
    const ids = found.body.data.map((r: any) => r.documentId).sort();
    expect(ids).toEqual([mine[0].insured, mine[0].dependant, mine[1].insured, mine[1].dependant].sort());
    expect(found.body.data.map((r: any) => r.label).sort()).toEqual(['Durand Léo', 'Durand Léo', 'Durand Élise', 'Durand Élise']);

    // Without the last name: labels from the first name only, and no search on the last name.
    const noLastName = await user([
      'plugin::mail-merge.templates-read',
      { action: CM_READ, subject: BENEFICIARY, properties: { fields: ['firstName', 'email'] } },
    ]);
    const byFirstName = await admin('get', `/pages/beneficiaries/records?search=lise&limit=50`, noLastName.token).expect(200);
    expect(byFirstName.body.data.length).toBeGreaterThanOrEqual(5);
    expect(new Set(byFirstName.body.data.map((r: any) => r.label))).toEqual(new Set(['Élise']));
    const byLastName = await admin('get', `/pages/beneficiaries/records?search=durand`, noLastName.token).expect(200);
    expect(byLastName.body.data).toEqual([]);
  });

  it('templates-read alone does not read records: search and preview need the CM read right on the record', async () => {
    const reader = await user(['plugin::mail-merge.templates-read']);
    const search = await admin('get', '/pages/beneficiaries/records?search=durand', reader.token).expect(403);
    expect(search.body.error.details.code).toBe('record.cannot-read');
    const preview = await admin('post', `/templates/${template.documentId}/preview`, reader.token).send({ record: mine[0].insured }).expect(403);
    expect(preview.body.error.details.code).toBe('record.cannot-read');
    expect(JSON.stringify(preview.body)).not.toContain(mine[0].email);

    // With « is creator »: their own record previews, another's does not.
    const own = await admin('post', `/templates/${template.documentId}/preview`, creator.token).send({ record: mine[0].insured }).expect(200);
    expect(own.body.data.row.mail_benef).toBe(mine[0].email);
    const other = await admin('post', `/templates/${template.documentId}/preview`, creator.token).send({ record: others[0].insured }).expect(403);
    expect(other.body.error.details.code).toBe('record.forbidden');
    expect(JSON.stringify(other.body)).not.toContain(others[0].email);
  });

  it('consent: changing e-mail consent needs the update right on the consent fields, not only on other fields', async () => {
    const adhesionOf = others[1];
    const limited = await user([
      'plugin::mail-merge.send-single',
      { action: CM_READ, subject: BENEFICIARY },
      { action: CM_READ, subject: ADHESION },
      { action: CM_UPDATE, subject: ADHESION, properties: { fields: ['number', 'startDate', 'notificationChoices'] } },
    ]);
    const refused = await admin('put', `/consent/beneficiaries/${adhesionOf.insured}`, limited.token).send({ levels: { email: 'refus' } }).expect(403);
    expect(refused.body.error.details).toMatchObject({ code: 'consent.fields-forbidden', fields: ['consent.email'] });
    const viaHolder = await admin('put', `/consent/holder/${adhesionOf.adhesion}`, limited.token).send({ levels: { email: 'public' } }).expect(403);
    expect(viaHolder.body.error.details.code).toBe('consent.fields-forbidden');
    const stored = await docs(ADHESION).findOne({ documentId: adhesionOf.adhesion, populate: ['consent'] });
    expect(stored.consent.email).toBe('interne');
    // Reading the form is still allowed to them.
    const form = await admin('get', `/consent/beneficiaries/${adhesionOf.insured}`, limited.token).expect(200);
    expect(form.body.data.levels.email).toBe('interne');

    // The right on the consent component's e-mail field: allowed.
    const consentEditor = await user([
      'plugin::mail-merge.send-single',
      { action: CM_READ, subject: BENEFICIARY },
      { action: CM_READ, subject: ADHESION },
      { action: CM_UPDATE, subject: ADHESION, properties: { fields: ['consent.postalAddress', 'consent.landline', 'consent.mobile', 'consent.email'] } },
    ]);
    const changed = await admin('put', `/consent/beneficiaries/${adhesionOf.insured}`, consentEditor.token).send({ levels: { email: 'limite' } }).expect(200);
    expect(changed.body.data.levels.email).toBe('limite');
    // … but not the notification choices, which their role cannot update.
    const choices = await admin('put', `/consent/beneficiaries/${adhesionOf.insured}`, consentEditor.token)
      .send({ notifications: { anything: ['mail'] } })
      .expect(403);
    expect(choices.body.error.details).toMatchObject({ code: 'consent.fields-forbidden', fields: ['notificationChoices'] });

    // Update « is creator » on the adhesion: another's adhesion is refused as a whole.
    const creatorOnly = await user([
      'plugin::mail-merge.send-single',
      { action: CM_READ, subject: BENEFICIARY },
      { action: CM_READ, subject: ADHESION },
      { action: CM_UPDATE, subject: ADHESION, conditions: IS_CREATOR },
    ]);
    const notTheirs = await admin('put', `/consent/beneficiaries/${adhesionOf.insured}`, creatorOnly.token).send({ levels: { email: 'refus' } }).expect(403);
    expect(notTheirs.body.error.details.code).toBe('consent.forbidden');
    const after = await docs(ADHESION).findOne({ documentId: adhesionOf.adhesion, populate: ['consent'] });
    expect(after.consent.email).toBe('limite');
  });

  it('attachments: a file another user uploaded, outside the Media Library rights, is refused and nothing is queued', async () => {
    const upload = async (bearer: string, name: string) => {
      const res = await app
        .request()
        .post('/upload')
        .set('Authorization', `Bearer ${bearer}`)
        .attach('files', Buffer.alloc(512, 'a'), { filename: name, contentType: 'application/pdf' })
        .expect(201);
      return res.body[0].id as number;
    };
    const sender = await user(
      [
        'plugin::mail-merge.send-single',
        'plugin::mail-merge.send-bulk',
        { action: CM_READ, subject: BENEFICIARY },
        { action: 'plugin::upload.read', subject: null as any, conditions: IS_CREATOR },
        'plugin::upload.assets.create',
      ],
      true
    );
    const othersFile = await upload(superToken, 'confidentiel.pdf');
    const ownFile = await upload(sender.token, 'attestation.pdf');
    const record = others[2];
    const base = { page: 'beneficiaries', record: record.insured, template: template.documentId, from: FROM, to: [record.email] };
    app.sink.clear();

    const refused = await admin('post', '/send', sender.token).send({ ...base, attachments: [othersFile] }).expect(403);
    expect(refused.body.error.details).toMatchObject({ code: 'attachment.forbidden', files: [othersFile] });
    expect(refused.body.error.message).toBe('Vous n’avez pas accès à cette pièce jointe dans la médiathèque.');
    const batchesBefore = await batchCount();
    const grouped = await admin('post', '/batches', sender.token)
      .send({ page: 'beneficiaries', template: template.documentId, selection: { ids: [record.insured] }, attachments: [othersFile] })
      .expect(403);
    expect(grouped.body.error.details.code).toBe('attachment.forbidden');
    expect(await batchCount()).toBe(batchesBefore);
    expect(await messagesFor([record.insured])).toBe(0);
    expect(await nothingSentTo([record.email])).toBe(true);

    // Their own upload, and (for the super admin) any file: attached.
    await admin('post', '/send', sender.token).send({ ...base, attachments: [ownFile], logEvent: false }).expect(202);
    const [mail] = await app.sink.waitFor(1);
    expect(mail.attachments.map((a) => a.filename)).toEqual(['attestation.pdf']);
    await admin('post', '/send', superToken).send({ ...base, attachments: [ownFile, othersFile], logEvent: false }).expect(202);

    for (const id of [othersFile, ownFile]) {
      const file = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id } });
      await app.strapi.plugin('upload').service('upload').remove(file);
    }
  });

  it('front-office tokens read only the mails they sent', async () => {
    const actions = ['plugin::mail-merge.front-office.send', 'plugin::mail-merge.front-office.findMessage'];
    const tokenA = await apiTokenWithId(app, 'custom', actions);
    const tokenB = await apiTokenWithId(app, 'custom', actions);
    const api = (method: 'get' | 'post', url: string, key: string) =>
      app.request()[method](`/api/mail-merge${url}`).set('Authorization', `Bearer ${key}`);
    const sent = await api('post', '/messages', tokenA.accessKey).send({ template: template.documentId, record: mine[1].insured }).expect(202);
    const id = sent.body.data.documentId;
    const row = await app.strapi.db.query('plugin::mail-merge.message' as any).findOne({ where: { documentId: id } });
    expect(row.apiTokenId).toBe(tokenA.id);

    const byA = await api('get', `/messages/${id}`, tokenA.accessKey).expect(200);
    expect(byA.body.data.documentId).toBe(id);
    expect(Object.keys(byA.body.data)).not.toContain('apiTokenId');
    const byB = await api('get', `/messages/${id}`, tokenB.accessKey).expect(404);
    expect(byB.body.error.message).toBe('Mail introuvable.');
  });
});
