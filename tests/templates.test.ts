import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { superAdminToken } from './helpers/admin';
import { createHousehold } from './helpers/records';

/** Mail templates: the rules of the form, the recap, duplication, deletion and rendering. */
describe('mail templates', () => {
  let app: TestApp;
  let token: string;
  const admin = (method: 'get' | 'post' | 'put' | 'delete', url: string) =>
    app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const shipped = async (key: string) =>
    (app.strapi.documents as any)('plugin::mail-merge.extraction').findFirst({ filters: { shippedKey: key } });

  beforeAll(async () => {
    app = await setupStrapi();
    token = await superAdminToken(app);
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('ships the three default templates, valid, on their pages', async () => {
    const res = await admin('get', '/templates').expect(200);
    const byTitle = Object.fromEntries(res.body.data.map((t: any) => [t.title, t]));
    expect(byTitle['Demande de pièces justificatives']).toMatchObject({ page: 'beneficiaries', family: 'Demandes de pièces', valid: true });
    expect(byTitle['Demande de pièces justificatives TP']).toMatchObject({
      page: 'health-professionals',
      recipient: '${mail_prof_sante}',
      subject: 'Demande de pièces justificatives concernant le professionnel de santé ${nom_prof_sante}',
      valid: true,
    });
    expect(byTitle['Accord de prise en charge']).toMatchObject({
      page: 'coverage-requests',
      subject: 'Réponse à votre demande de prise en charge pour ${civilite_benef} ${nom_benef} ${prenom_benef}',
      valid: true,
    });
  });

  it('refuses a template with empty required fields, listing them in French and English', async () => {
    const res = await admin('post', '/templates').send({ family: 'Divers', recipient: '' }).expect(400);
    expect(res.body.error.details.code).toBe('template.required');
    expect(res.body.error.details.fields).toEqual(['title', 'description', 'subject', 'page', 'extraction']);
    expect(res.body.error.message).toContain('Intitulé');
    expect(res.body.error.details.en).toContain('Title');
  });

  it('refuses unknown merge fields, an extraction not bound to the page, a fixed invalid recipient', async () => {
    const beneficiaries = await shipped('beneficiaries');
    const base = { title: 'Relance', description: 'Relance de pièces', subject: 'Relance ${nom_benef}', page: 'beneficiaries', extraction: beneficiaries.documentId };

    const unknown = await admin('post', '/templates').send({ ...base, body: '<p>${nom_benef} ${inconnu} {{#if autre}}x{{/if}}</p>' }).expect(400);
    expect(unknown.body.error.details).toMatchObject({ code: 'template.unknown-fields', fields: ['inconnu', 'autre'] });
    expect(unknown.body.error.message).toContain('${inconnu}');

    const unbound = await admin('post', '/templates').send({ ...base, page: 'simulations' }).expect(400);
    expect(unbound.body.error.details.code).toBe('template.extraction-not-bound');

    const fixed = await admin('post', '/templates').send({ ...base, recipient: 'pas-une-adresse' }).expect(400);
    expect(fixed.body.error.details.code).toBe('address.invalid');

    const broken = await admin('post', '/templates').send({ ...base, body: '{{#if nom_benef}}sans fin' }).expect(400);
    expect(broken.body.error.details.code).toBe('template.syntax');
  });

  it('creates, edits (new version), duplicates to another page, and deletes for good', async () => {
    const beneficiaries = await shipped('beneficiaries');
    const simulations = await shipped('simulations');
    const created = await admin('post', '/templates')
      .send({ family: 'Relances', title: 'Relance', description: 'Relance de pièces', subject: 'Relance ${nom_benef}', body: '<p>Bonjour ${prenom_benef}</p>', page: 'beneficiaries', extraction: beneficiaries.documentId })
      .expect(201);
    const id = created.body.data.documentId;
    expect(created.body.data).toMatchObject({ version: 1, valid: true });

    const edited = await admin('put', `/templates/${id}`).send({ subject: 'Seconde relance ${nom_benef}' }).expect(200);
    expect(edited.body.data).toMatchObject({ version: 2, subject: 'Seconde relance ${nom_benef}', body: '<p>Bonjour ${prenom_benef}</p>' });

    const refused = await admin('post', `/templates/${id}/duplicate`).send({ page: 'simulations' }).expect(400);
    expect(refused.body.error.details.code).toBe('template.extraction-not-bound');
    const copy = await admin('post', `/templates/${id}/duplicate`).send({ page: 'simulations', extraction: simulations.documentId }).expect(201);
    expect(copy.body.data).toMatchObject({ page: 'simulations', title: 'Relance', subject: 'Seconde relance ${nom_benef}', valid: true });

    await admin('delete', `/templates/${id}`).expect(204);
    await admin('get', `/templates/${id}`).expect(404);
    await admin('get', `/templates/${copy.body.data.documentId}`).expect(200);
  });

  it('warns which templates an extraction edit breaks, flags them in the recap until fixed', async () => {
    const extraction = await admin('post', '/extractions')
      .send({ title: 'Courte', query: 'select document_id, last_name as nom_benef, email as mail_benef from beneficiaries', pages: ['beneficiaries'] })
      .expect(201);
    const extractionId = extraction.body.data.documentId;
    const template = await admin('post', '/templates')
      .send({ title: 'Utilise mail_benef', description: 'd', subject: 'Pour ${nom_benef}', recipient: '${mail_benef}', page: 'beneficiaries', extraction: extractionId })
      .expect(201);

    const narrower = { query: 'select document_id, last_name as nom_benef from beneficiaries' };
    const check = await admin('post', `/extractions/check?documentId=${extractionId}`).send(narrower).expect(200);
    expect(check.body.data.brokenTemplates).toEqual([
      expect.objectContaining({ title: 'Utilise mail_benef', reason: 'unknown-fields', fields: ['mail_benef'] }),
    ]);
    expect((await admin('get', `/extractions/${extractionId}`).expect(200)).body.data.columns).toContain('mail_benef');

    const saved = await admin('put', `/extractions/${extractionId}`).send(narrower).expect(200);
    expect(saved.body.meta.brokenTemplates.map((t: any) => t.title)).toEqual(['Utilise mail_benef']);
    const recap = await admin('get', '/templates?page=beneficiaries').expect(200);
    const flagged = recap.body.data.find((t: any) => t.documentId === template.body.data.documentId);
    expect(flagged).toMatchObject({ valid: false, problems: [{ code: 'template.unknown-fields', fields: ['mail_benef'] }] });

    await admin('put', `/templates/${template.body.data.documentId}`).send({ recipient: '' }).expect(200);
    const fixed = await admin('get', `/templates/${template.body.data.documentId}`).expect(200);
    expect(fixed.body.data.valid).toBe(true);

    const inUse = await admin('delete', `/extractions/${extractionId}`).expect(400);
    expect(inUse.body.error.details.code).toBe('extraction.in-use');
    expect(inUse.body.error.message).toContain('Utilise mail_benef');
  });

  it('previews on a record: escaped values, one-line subject, French dates and amounts, {{#if}}, text part', async () => {
    const { insured } = await createHousehold(app, 'interne', 'r1');
    await (app.strapi.documents as any)('api::beneficiary.beneficiary').update({
      documentId: insured.documentId,
      data: { lastName: '<script>alert("x")</script> O\'Brien', firstName: 'Anne\r\nBcc: victime@example.test' },
    });
    const extraction = await admin('post', '/extractions')
      .send({
        title: 'Rendu',
        query: "select document_id, last_name as nom, first_name as prenom, birth_date as naissance, 1250.5 as montant, null as vide, email as mail from beneficiaries",
        pages: ['beneficiaries'],
      })
      .expect(201);
    const draft = {
      title: 'Rendu',
      description: 'Rendu',
      recipient: '${mail}',
      subject: 'Pour ${prenom} ${nom}',
      body: '<p>${nom}</p><p>né le ${naissance}, ${montant} €, [${vide}]</p>{{#if vide}}<p>caché</p>{{/if}}{{#if montant}}<p>visible</p>{{/if}}',
      page: 'beneficiaries',
      extraction: extraction.body.data.documentId,
      record: insured.documentId,
    };
    const res = await admin('post', '/templates/preview').send(draft).expect(200);
    const { subject, html, text, to } = res.body.data;
    expect(to).toEqual(['elise.r1@example.test']);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain('Anne Bcc: victime@example.test');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#x27;Brien');
    expect(html).toContain('né le 17/05/1980, 1\u00a0250,50 €, []');
    expect(html).not.toContain('caché');
    expect(html).toContain('visible');
    expect(text).toContain('né le 17/05/1980');

    // A recipient field holding something that is not an address is refused.
    await (app.strapi.db.connection as any)('beneficiaries').where({ document_id: insured.documentId }).update({ email: 'pas une adresse' });
    const invalid = await admin('post', '/templates/preview').send(draft).expect(400);
    expect(invalid.body.error.details.code).toBe('address.invalid');

    const missing = await admin('post', '/templates/preview').send({ ...draft, record: 'sans-ligne-000000000000' }).expect(400);
    expect(missing.body.error.details.code).toBe('extraction.no-row');
    expect(missing.body.error.message).toContain('Aucune donnée d’extraction');
  });
});
