import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { superAdminToken } from './helpers/admin';

/**
 * Mail templates (« Modèles de mail »): the rules of the form, the recap with invalid templates
 * flagged, duplication to another page, definitive deletion, and the « Attention » warning when
 * an extraction edit breaks templates. Rendering is in render.test.ts.
 */
describe('mail templates', () => {
  let app: TestApp;
  let token: string;
  const extractionIds: Record<string, string> = {};
  const admin = (method: 'get' | 'post' | 'put' | 'delete', url: string) =>
    app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const recap = async (page?: string) => (await admin('get', page ? `/templates?page=${page}` : '/templates').expect(200)).body.data as any[];
  const base = () => ({
    family: 'Relances',
    title: 'Relance',
    description: 'Relance de pièces',
    subject: 'Relance ${nom_benef}',
    body: '<p>Bonjour ${prenom_benef}</p>',
    page: 'beneficiaries',
    extraction: extractionIds.beneficiaries,
  });

  beforeAll(async () => {
    app = await setupStrapi();
    token = await superAdminToken(app);
    for (const key of ['beneficiaries', 'health-professionals', 'coverage-requests', 'simulations', 'structures']) {
      const extraction = await (app.strapi.documents as any)('plugin::mail-merge.extraction').findFirst({ filters: { shippedKey: key } });
      extractionIds[key] = extraction.documentId;
    }
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('lists the three shipped templates in the recap, valid, on their pages', async () => {
    const templates = await recap();
    const byTitle = Object.fromEntries(templates.map((t) => [t.title, t]));
    expect(byTitle['Demande de pièces justificatives']).toMatchObject({
      page: 'beneficiaries',
      family: 'Demandes de pièces',
      recipient: '${mail_benef}',
      extraction: { documentId: extractionIds.beneficiaries },
      version: 1,
      valid: true,
      problems: [],
    });
    expect(byTitle['Demande de pièces justificatives TP']).toMatchObject({
      page: 'health-professionals',
      family: 'Demandes de pièces',
      recipient: '${mail_prof_sante}',
      subject: 'Demande de pièces justificatives concernant le professionnel de santé ${nom_prof_sante}',
      extraction: { documentId: extractionIds['health-professionals'] },
      valid: true,
    });
    expect(byTitle['Accord de prise en charge']).toMatchObject({
      page: 'coverage-requests',
      subject: 'Réponse à votre demande de prise en charge pour ${civilite_benef} ${nom_benef} ${prenom_benef}',
      extraction: { documentId: extractionIds['coverage-requests'] },
      valid: true,
    });
    // The extractions give the fields the picker offers.
    expect(byTitle['Demande de pièces justificatives TP'].extraction.columns).toEqual(
      expect.arrayContaining(['nom_prof_sante', 'mail_prof_sante', 'mail_comptable'])
    );
    // Filtered by page, as the sending dialog asks for them.
    expect((await recap('health-professionals')).map((t) => t.title)).toEqual(['Demande de pièces justificatives TP']);
  });

  it('refuses empty required fields with one 400 listing them, in French and English', async () => {
    const res = await admin('post', '/templates').send({ family: 'Divers', recipient: '', title: '  ' }).expect(400);
    expect(res.body.error.details).toMatchObject({ code: 'template.required', fields: ['title', 'description', 'subject', 'page', 'extraction'] });
    expect(res.body.error.message).toBe('Champs obligatoires non renseignés : Intitulé, Description, Sujet, Page, Extraction.');
    expect(res.body.error.details.en).toBe('Required fields are empty: Title, Description, Subject, Page, Extraction.');

    // A field emptied (or cleared to null, as a form does) on edit is refused the same way.
    const created = await admin('post', '/templates').send(base()).expect(201);
    const emptied = await admin('put', `/templates/${created.body.data.documentId}`).send({ subject: '', description: null }).expect(400);
    expect(emptied.body.error.details).toMatchObject({ code: 'template.required', fields: ['description', 'subject'] });
    const cleared = await admin('put', `/templates/${created.body.data.documentId}`).send({ extraction: null }).expect(400);
    expect(cleared.body.error.details).toMatchObject({ code: 'template.required', fields: ['extraction'] });
    expect((await admin('get', `/templates/${created.body.data.documentId}`).expect(200)).body.data).toMatchObject({ version: 1, subject: 'Relance ${nom_benef}' });
    await admin('delete', `/templates/${created.body.data.documentId}`).expect(204);
  });

  it('refuses an extraction not bound to the page, an unknown page, an unknown extraction', async () => {
    const unbound = await admin('post', '/templates').send({ ...base(), page: 'simulations' }).expect(400);
    expect(unbound.body.error.details).toMatchObject({ code: 'template.extraction-not-bound', field: 'extraction' });
    expect(unbound.body.error.message).toBe('L’extraction « Bénéficiaires et adhésion » n’est pas accessible à partir de la page « Simulations ».');
    expect(unbound.body.error.details.en).toContain('not available from the page');

    const page = await admin('post', '/templates').send({ ...base(), page: 'inconnue' }).expect(400);
    expect(page.body.error.details.code).toBe('template.unknown-page');

    const extraction = await admin('post', '/templates').send({ ...base(), extraction: 'inexistante0000000000000' }).expect(404);
    expect(extraction.body.error.details.code).toBe('extraction.not-found');
  });

  it('refuses merge fields the extraction does not provide, listing them, in every part of the template', async () => {
    const res = await admin('post', '/templates')
      .send({
        ...base(),
        recipient: '${mail_inconnu}',
        subject: 'Relance ${nom_benef} ${ numero }',
        body: '<p>${nom_benef} ${inconnu} {{#if autre}}x{{else}}${prenom_benef}{{/if}} {{#unless cache}}y{{/unless}} ${inconnu}</p>',
      })
      .expect(400);
    expect(res.body.error.details).toMatchObject({ code: 'template.unknown-fields', fields: ['mail_inconnu', 'numero', 'inconnu', 'autre', 'cache'] });
    expect(res.body.error.message).toBe(
      'Champs de fusion inconnus de l’extraction « Bénéficiaires et adhésion » : ${mail_inconnu}, ${numero}, ${inconnu}, ${autre}, ${cache}.'
    );
    expect(res.body.error.details.en).toContain('${mail_inconnu}');

    // Every column of the extraction is accepted, with or without spaces inside the braces.
    await admin('post', '/templates')
      .send({ ...base(), title: 'Tous les champs', subject: '${ num_adhesion } ${civilite_benef}', body: '<p>${lib_civile_assure} ${nom_benef} ${prenom_benef}</p>' })
      .expect(201);
  });

  it('refuses a fixed recipient that is not an address, a body that does not parse, helpers and partials that do not exist', async () => {
    const fixed = await admin('post', '/templates').send({ ...base(), recipient: 'pas-une-adresse' }).expect(400);
    expect(fixed.body.error.details).toMatchObject({ code: 'address.invalid', addresses: ['pas-une-adresse'] });
    expect(fixed.body.error.message).toBe('Adresse e-mail invalide (destinataire) : pas-une-adresse');
    const oneBad = await admin('post', '/templates').send({ ...base(), recipient: 'gestion@mutuelle.example.test; x@' }).expect(400);
    expect(oneBad.body.error.details.addresses).toEqual(['x@']);
    // A fixed list of valid addresses, or a merge field, is accepted.
    await admin('post', '/templates').send({ ...base(), title: 'Fixe', recipient: 'gestion@mutuelle.example.test; compta@mutuelle.example.test' }).expect(201);

    for (const body of ['{{#if nom_benef}}sans fin', '{{> entete}}', '{{majuscules nom_benef}}', '{{#chaque nom_benef}}x{{/chaque}}', '{{#if}}x{{/if}}', '<p>{{{nom_benef}}}</p>']) {
      const res = await admin('post', '/templates').send({ ...base(), body }).expect(400);
      expect(res.body.error.details.code, body).toBe('template.syntax');
      expect(res.body.error.message, body).toContain('le corps');
    }
  });

  it('creates, edits (new version), duplicates to another page, and deletes for good', async () => {
    const created = await admin('post', '/templates').send(base()).expect(201);
    const id = created.body.data.documentId;
    expect(created.body.data).toMatchObject({ version: 1, valid: true, family: 'Relances', minimumConsent: 'interne' });

    const edited = await admin('put', `/templates/${id}`).send({ subject: 'Seconde relance ${nom_benef}' }).expect(200);
    expect(edited.body.data).toMatchObject({ version: 2, subject: 'Seconde relance ${nom_benef}', body: '<p>Bonjour ${prenom_benef}</p>', title: 'Relance' });
    const again = await admin('put', `/templates/${id}`).send({ body: '<p>Bonjour ${prenom_benef} ${nom_benef}</p>' }).expect(200);
    expect(again.body.data.version).toBe(3);
    // A refused edit changes nothing.
    await admin('put', `/templates/${id}`).send({ body: '${inconnu}' }).expect(400);
    expect((await admin('get', `/templates/${id}`).expect(200)).body.data).toMatchObject({ version: 3, body: '<p>Bonjour ${prenom_benef} ${nom_benef}</p>' });

    // To a page the template's extraction is not bound to: refused, with or without naming it.
    const notBound = await admin('post', `/templates/${id}/duplicate`).send({ page: 'simulations' }).expect(400);
    expect(notBound.body.error.details.code).toBe('template.extraction-not-bound');
    const named = await admin('post', `/templates/${id}/duplicate`).send({ page: 'simulations', extraction: extractionIds.beneficiaries }).expect(400);
    expect(named.body.error.details.code).toBe('template.extraction-not-bound');
    // With an extraction bound there that provides the fields: one action, a new template.
    const copy = await admin('post', `/templates/${id}/duplicate`).send({ page: 'simulations', extraction: extractionIds.simulations }).expect(201);
    expect(copy.body.data).toMatchObject({
      page: 'simulations',
      title: 'Relance',
      description: 'Relance de pièces',
      family: 'Relances',
      subject: 'Seconde relance ${nom_benef}',
      body: '<p>Bonjour ${prenom_benef} ${nom_benef}</p>',
      extraction: { documentId: extractionIds.simulations },
      version: 1,
      valid: true,
    });
    expect(copy.body.data.documentId).not.toBe(id);
    // An extraction bound there but lacking a field: refused with the field.
    const lacking = await admin('post', `/templates/${id}/duplicate`).send({ page: 'structures', extraction: extractionIds.structures }).expect(400);
    expect(lacking.body.error.details).toMatchObject({ code: 'template.unknown-fields', fields: ['nom_benef', 'prenom_benef'] });
    // On the same page, the copy is told apart by its title.
    const samePage = await admin('post', `/templates/${id}/duplicate`).send({}).expect(201);
    expect(samePage.body.data).toMatchObject({ page: 'beneficiaries', title: 'Relance (copie)' });
    expect((await admin('get', `/templates/${id}`).expect(200)).body.data.version).toBe(3);

    await admin('delete', `/templates/${id}`).expect(204);
    const gone = await admin('get', `/templates/${id}`).expect(404);
    expect(gone.body.error.details.code).toBe('template.not-found');
    expect(gone.body.error.message).toBe('Modèle de mail introuvable.');
    await admin('delete', `/templates/${id}`).expect(404);
    await admin('put', `/templates/${id}`).send({ title: 'x' }).expect(404);
    await admin('post', `/templates/${id}/duplicate`).send({}).expect(404);
    expect((await recap()).map((t) => t.documentId)).not.toContain(id);
    // The copies live on.
    await admin('get', `/templates/${copy.body.data.documentId}`).expect(200);
    await admin('get', `/templates/${samePage.body.data.documentId}`).expect(200);
  });

  it('refuses a save made from a version someone else has saved over since (409, nothing written); two saves at once: one wins', async () => {
    const id = (await admin('post', '/templates').send({ ...base(), title: 'Relance concurrente' }).expect(201)).body.data.documentId;
    // Two administrators open version 1; the first saves.
    await admin('put', `/templates/${id}`).send({ subject: 'Première relance ${nom_benef}', version: 1 }).expect(200);
    const stale = await admin('put', `/templates/${id}`).send({ subject: 'Relance écrasée ${nom_benef}', version: 1 }).expect(409);
    expect(stale.body.error.message).toBe(
      'Ce mail a été modifié et enregistré par ailleurs depuis que vous l’avez ouvert : vos changements ne sont pas enregistrés. Copiez-les, rechargez la page, puis reportez-les.'
    );
    expect(stale.body.error.details).toMatchObject({ code: 'template.edited-meanwhile', version: 2, opened: 1 });
    expect((await admin('get', `/templates/${id}`).expect(200)).body.data).toMatchObject({ version: 2, subject: 'Première relance ${nom_benef}' });
    // From the version on screen, the save goes through; without a version (a script), too.
    await admin('put', `/templates/${id}`).send({ subject: 'Deuxième relance ${nom_benef}', version: 2 }).expect(200);
    await admin('put', `/templates/${id}`).send({ family: 'Relances 2027' }).expect(200);
    await admin('put', `/templates/${id}`).send({ version: 0 }).expect(400);

    // Both from version 4 at the same moment: exactly one is saved, the other told.
    const [first, second] = await Promise.all([
      admin('put', `/templates/${id}`).send({ subject: 'Version A ${nom_benef}', version: 4 }),
      admin('put', `/templates/${id}`).send({ subject: 'Version B ${nom_benef}', version: 4 }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const winner = first.status === 200 ? 'Version A ${nom_benef}' : 'Version B ${nom_benef}';
    expect((await admin('get', `/templates/${id}`).expect(200)).body.data).toMatchObject({ version: 5, subject: winner });
  });

  it('warns which templates an extraction edit breaks, and flags them in the recap until fixed', async () => {
    const extraction = await admin('post', '/extractions')
      .send({ title: 'Courte', query: 'select document_id, last_name as nom_benef, email as mail_benef from beneficiaries', pages: ['beneficiaries'] })
      .expect(201);
    const extractionId = extraction.body.data.documentId;
    const template = await admin('post', '/templates')
      .send({ title: 'Utilise mail_benef', description: 'd', subject: 'Pour ${nom_benef}', recipient: '${mail_benef}', page: 'beneficiaries', extraction: extractionId })
      .expect(201);
    const templateId = template.body.data.documentId;
    const other = await admin('post', '/templates')
      .send({ title: 'Nom seulement', description: 'd', subject: 'Pour ${nom_benef}', page: 'beneficiaries', extraction: extractionId })
      .expect(201);

    // « Vérifier » before saving: the same warning, nothing saved.
    const narrower = { query: 'select document_id, last_name as nom_benef from beneficiaries' };
    const check = await admin('post', `/extractions/check?documentId=${extractionId}`).send(narrower).expect(200);
    expect(check.body.data.columns).toEqual(['document_id', 'nom_benef']);
    expect(check.body.data.brokenTemplates).toEqual([
      { documentId: templateId, title: 'Utilise mail_benef', page: 'beneficiaries', reason: 'unknown-fields', fields: ['mail_benef'] },
    ]);
    expect((await admin('get', `/extractions/${extractionId}`).expect(200)).body.data.columns).toContain('mail_benef');
    expect((await admin('get', `/templates/${templateId}`).expect(200)).body.data.valid).toBe(true);

    // Saving anyway: the warning comes back with the save, and the recap flags the template.
    const saved = await admin('put', `/extractions/${extractionId}`).send(narrower).expect(200);
    expect(saved.body.meta.brokenTemplates).toEqual(check.body.data.brokenTemplates);
    const flagged = (await recap('beneficiaries')).find((t) => t.documentId === templateId);
    expect(flagged).toMatchObject({ valid: false, problems: [{ code: 'template.unknown-fields', fields: ['mail_benef'] }] });
    expect((await recap('beneficiaries')).find((t) => t.documentId === other.body.data.documentId)).toMatchObject({ valid: true });
    // The extraction page lists its templates with their state.
    const withTemplates = await admin('get', `/extractions/${extractionId}`).expect(200);
    expect(withTemplates.body.meta.templates.map((t: any) => [t.title, t.valid])).toEqual([
      ['Nom seulement', true],
      ['Utilise mail_benef', false],
    ]);

    // Moving the extraction to another page would break both, for another reason.
    const moved = await admin('post', `/extractions/check?documentId=${extractionId}`).send({ pages: ['simulations'] }).expect(200);
    expect(moved.body.data.brokenTemplates.map((t: any) => [t.title, t.reason]).sort()).toEqual([
      ['Nom seulement', 'page-unbound'],
      ['Utilise mail_benef', 'page-unbound'],
    ]);

    // Fixed by editing the template (or the extraction): valid again in the recap.
    await admin('put', `/templates/${templateId}`).send({ recipient: '' }).expect(200);
    expect((await recap('beneficiaries')).find((t) => t.documentId === templateId)).toMatchObject({ valid: true, problems: [] });

    // Deleting an extraction still used is refused, naming the templates.
    const inUse = await admin('delete', `/extractions/${extractionId}`).expect(400);
    expect(inUse.body.error.details.code).toBe('extraction.in-use');
    expect(inUse.body.error.message).toMatch(/^Cette extraction est utilisée par des modèles de mail : (Nom seulement, Utilise mail_benef|Utilise mail_benef, Nom seulement)\.$/);
    expect(inUse.body.error.details.en).toContain('Utilise mail_benef');
    expect(inUse.body.error.details.templates.map((t: any) => t.title).sort()).toEqual(['Nom seulement', 'Utilise mail_benef']);
    await admin('get', `/extractions/${extractionId}`).expect(200);

    // Once its templates are gone, it can be deleted.
    await admin('delete', `/templates/${templateId}`).expect(204);
    await admin('delete', `/templates/${other.body.data.documentId}`).expect(204);
    await admin('delete', `/extractions/${extractionId}`).expect(204);
    await admin('get', `/extractions/${extractionId}`).expect(404);
  });

  it('flags a template whose page binding was removed from its extraction, until bound again', async () => {
    const extraction = await admin('post', '/extractions')
      .send({ title: 'Deux pages', query: 'select document_id, last_name as nom_benef from beneficiaries', pages: ['beneficiaries'] })
      .expect(201);
    const id = extraction.body.data.documentId;
    const template = await admin('post', '/templates')
      .send({ title: 'Sur les bénéficiaires', description: 'd', subject: '${nom_benef}', page: 'beneficiaries', extraction: id })
      .expect(201);
    const saved = await admin('put', `/extractions/${id}`).send({ pages: [] }).expect(200);
    expect(saved.body.meta.brokenTemplates).toEqual([
      { documentId: template.body.data.documentId, title: 'Sur les bénéficiaires', page: 'beneficiaries', reason: 'page-unbound', fields: [] },
    ]);
    expect((await recap('beneficiaries')).find((t) => t.documentId === template.body.data.documentId)).toMatchObject({
      valid: false,
      problems: [{ code: 'template.extraction-not-bound' }],
    });
    await admin('put', `/extractions/${id}`).send({ pages: ['beneficiaries'] }).expect(200);
    expect((await recap('beneficiaries')).find((t) => t.documentId === template.body.data.documentId)).toMatchObject({ valid: true });
  });
});
