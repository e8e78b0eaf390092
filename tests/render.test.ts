import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { superAdminToken } from './helpers/admin';
import { createHousehold, createProfessional } from './helpers/records';
import { formatValue } from '../src/plugins/mail-merge/server/src/services/render';
import { parseAddress, parseAddressList } from '../src/plugins/mail-merge/server/src/utils/addresses';

const NBSP = '\u00a0';
/** The text part is wrapped at 78 columns: compare its words. */
const oneLine = (text: string) => text.replace(/[ \n]+/g, ' ');

/**
 * Rendering a template on a record, through the preview routes (a saved template, or one being
 * edited): merge fields from the extraction row, values escaped in the body and kept on one line
 * in the subject and recipient, French dates and amounts, `{{#if}}`, the text part, and the
 * clear errors (invalid recipient address, no extraction row).
 */
describe('rendering templates on records (preview)', () => {
  let app: TestApp;
  let token: string;
  const records = {} as { insured: any; dependant: any; hostile: any; professional: any; coverage: any; emptyCoverage: any };
  const extractionIds: Record<string, string> = {};
  let rendu: string;

  const admin = (method: 'get' | 'post' | 'put' | 'delete', url: string) =>
    app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const docs = (uid: string) => (app.strapi.documents as any)(uid);
  const shippedTemplate = async (title: string) => (await admin('get', '/templates').expect(200)).body.data.find((t: any) => t.title === title);
  const previewDraft = (draft: Record<string, unknown>) => admin('post', '/templates/preview').send(draft);
  const setAmount = (amount: number) =>
    docs('api::coverage-request.coverage-request').update({ documentId: records.coverage.documentId, data: { amount } });
  /** A draft on the test extraction « Rendu » (beneficiaries page), with these texts. */
  const draft = (texts: { recipient?: string; subject?: string; body?: string }, record = records.hostile.documentId) => ({
    title: 'Rendu',
    description: 'Rendu',
    subject: 'Rendu',
    page: 'beneficiaries',
    extraction: rendu,
    record,
    ...texts,
  });

  beforeAll(async () => {
    app = await setupStrapi();
    token = await superAdminToken(app);
    for (const key of ['beneficiaries', 'health-professionals', 'coverage-requests']) {
      extractionIds[key] = (await docs('plugin::mail-merge.extraction').findFirst({ filters: { shippedKey: key } })).documentId;
    }

    // Seeded-like records, created through the Document Service as the Content Manager does.
    const household = await createHousehold(app, 'interne', 'r1');
    records.insured = household.insured;
    records.dependant = household.dependant;
    records.professional = await createProfessional(app, 'r1');
    records.coverage = await docs('api::coverage-request.coverage-request').create({
      data: {
        number: 'PEC-2025-000123',
        label: 'Optique',
        decision: 'accord',
        decisionDate: '2025-03-07',
        amount: 1250.5,
        beneficiary: records.insured.documentId,
        healthProfessional: records.professional.documentId,
      },
    });
    records.emptyCoverage = await docs('api::coverage-request.coverage-request').create({
      data: { number: 'PEC-2025-000124', label: 'Audioprothèse', decision: 'en_attente', amount: 0, healthProfessional: records.professional.documentId },
    });
    // A hostile record: markup and quotes in the name, a CR/LF (header injection) in the first name.
    const hostile = await createHousehold(app, 'interne', 'h1');
    records.hostile = await docs('api::beneficiary.beneficiary').update({
      documentId: hostile.insured.documentId,
      data: { lastName: `<script>alert(1)</script> O'Brien "Le Grand"`, firstName: 'Anne\r\nBcc: victime@example.test' },
    });

    // An extraction giving every kind of value, for drafts rendered on a beneficiary.
    const extraction = await admin('post', '/extractions')
      .send({
        title: 'Rendu',
        pages: ['beneficiaries'],
        query: `select b.document_id,
  b.last_name as nom, b.first_name as prenom, b.email as mail, b.birth_date as naissance, b.created_at as creation,
  c.amount as montant, c.decision_date as date_decision, c.number as num_pec,
  case when b.role = 'assure' then 1 else 0 end as est_assure,
  null as vide
from beneficiaries b
left join coverage_requests_beneficiary_lnk cl on cl.beneficiary_id = b.id
left join coverage_requests c on c.id = cl.coverage_request_id
where b.role = 'assure'`,
      })
      .expect(201);
    rendu = extraction.body.data.documentId;
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('previews the shipped templates on seeded-like records', async () => {
    const beneficiary = await shippedTemplate('Demande de pièces justificatives');
    const forBeneficiary = await admin('post', `/templates/${beneficiary.documentId}/preview`).send({ record: records.insured.documentId }).expect(200);
    expect(forBeneficiary.body.data).toMatchObject({
      to: ['elise.r1@example.test'],
      subject: 'Demande de pièces justificatives — adhésion n° ADH-r1',
    });
    expect(forBeneficiary.body.data.html).toContain('<p>Madame,</p>');
    expect(forBeneficiary.body.data.html).toContain('adhésion n° <strong>ADH-r1</strong>');
    expect(forBeneficiary.body.data.text).toContain('Madame,');
    expect(oneLine(forBeneficiary.body.data.text)).toContain(' * une attestation de droits à l’assurance maladie ;');
    expect(forBeneficiary.body.data.row).toMatchObject({ nom_benef: 'Durand', prenom_benef: 'Élise', num_adhesion: 'ADH-r1' });

    const professional = await shippedTemplate('Demande de pièces justificatives TP');
    const forProfessional = await admin('post', `/templates/${professional.documentId}/preview`).send({ record: records.professional.documentId }).expect(200);
    expect(forProfessional.body.data).toMatchObject({
      to: ['cabinet.r1@example.test'],
      subject: 'Demande de pièces justificatives concernant le professionnel de santé Martin',
    });
    expect(oneLine(forProfessional.body.data.text)).toContain('relatives aux soins facturés par Martin.');

    const coverage = await shippedTemplate('Accord de prise en charge');
    const forCoverage = await admin('post', `/templates/${coverage.documentId}/preview`).send({ record: records.coverage.documentId }).expect(200);
    expect(forCoverage.body.data).toMatchObject({
      to: ['cabinet.r1@example.test'],
      subject: 'Réponse à votre demande de prise en charge pour Mme Durand Élise',
    });
    expect(forCoverage.body.data.html).toContain('n° PEC-2025-000123 (Optique) a reçu l’avis suivant : <strong>Accord</strong>, le 07/03/2025.');
    expect(forCoverage.body.data.html).toContain(`Montant pris en charge : 1${NBSP}250,50 €.`);
    expect(oneLine(forCoverage.body.data.text)).toContain(`Montant pris en charge : 1${NBSP}250,50 €.`);
    // A pending request: no date, a zero amount; the {{#if}} blocks leave them out.
    const pending = await admin('post', `/templates/${coverage.documentId}/preview`).send({ record: records.emptyCoverage.documentId }).expect(200);
    expect(pending.body.data.html).toContain('a reçu l’avis suivant : <strong>En attente</strong>.');
    expect(pending.body.data.html).not.toContain('Montant pris en charge');
    // No beneficiary linked: the subject fields are empty, not « null ».
    expect(pending.body.data.subject).toBe('Réponse à votre demande de prise en charge pour');
  });

  it('escapes hostile values in the body and keeps the subject on one line', async () => {
    const res = await previewDraft(
      draft({
        subject: 'Pour ${prenom} ${nom}',
        body: '<p>Nom : ${nom}</p><p>Prénom : ${prenom}</p>',
      })
    ).expect(200);
    const { subject, html, text } = res.body.data;
    expect(html).not.toContain('<script>');
    // Escaped by Handlebars, then through the mail sanitiser (which writes quotes in text as is).
    expect(html).toContain(`<p>Nom : &lt;script&gt;alert(1)&lt;/script&gt; O'Brien "Le Grand"</p>`);
    // The subject is a header: one line, the would-be Bcc header is plain text in it.
    expect(subject).toBe(`Pour Anne Bcc: victime@example.test <script>alert(1)</script> O'Brien "Le Grand"`);
    expect(subject).not.toMatch(/[\r\n]/);
    // The text part is plain text: the name reads as typed, nothing is interpreted.
    expect(oneLine(text)).toContain(`Nom : <script>alert(1)</script> O'Brien "Le Grand"`);
  });

  it('refuses a recipient merge field that does not hold a valid address', async () => {
    // A valid address: one recipient.
    const ok = await previewDraft(draft({ recipient: '${mail}' })).expect(200);
    expect(ok.body.data.to).toEqual(['elise.h1@example.test']);

    const setEmail = (email: string) =>
      app.strapi.db.connection('beneficiaries').where({ document_id: records.hostile.documentId }).update({ email });
    for (const email of ['pas une adresse', 'elise@example.test\r\nBcc: victime@example.test', '<script>@x']) {
      await setEmail(email);
      const res = await previewDraft(draft({ recipient: '${mail}' })).expect(400);
      expect(res.body.error.details.code, email).toBe('address.invalid');
      expect(res.body.error.message, email).toMatch(/^Adresse e-mail invalide \(destinataire\) : /);
      expect(res.body.error.details.en, email).toMatch(/^Invalid e-mail address /);
    }
    await setEmail('elise.h1@example.test');
    // An empty recipient field gives no recipient (the dialog then offers the record's addresses).
    const none = await previewDraft(draft({ recipient: '${vide}' })).expect(200);
    expect(none.body.data.to).toEqual([]);
  });

  it('writes dates as dd/mm/yyyy, amounts the French way, null as nothing', async () => {
    const res = await previewDraft(
      draft(
        {
          subject: 'Décision du ${date_decision} [${vide}]',
          body: '<p>né le ${naissance}, fiche du ${creation}, ${montant} €, [${vide}], n° ${num_pec}, assuré : ${est_assure}</p>',
        },
        records.insured.documentId
      )
    ).expect(200);
    const today = new Date();
    const created = `${String(today.getDate()).padStart(2, '0')}/${String(today.getMonth() + 1).padStart(2, '0')}/${today.getFullYear()}`;
    expect(res.body.data.subject).toBe('Décision du 07/03/2025 []');
    expect(res.body.data.body).toBe(`<p>né le 17/05/1980, fiche du ${created}, 1${NBSP}250,50 €, [], n° PEC-2025-000123, assuré : 1</p>`);
    // The row itself is sent as the extraction gave it.
    expect(res.body.data.row).toMatchObject({ naissance: '1980-05-17', montant: 1250.5, vide: null });

    // Whole and large amounts keep their two decimals and thousands separators.
    await setAmount(1234567);
    const whole = await previewDraft(draft({ body: '${montant}' }, records.insured.documentId)).expect(200);
    expect(whole.body.data.body).toBe(`1${NBSP}234${NBSP}567,00`);
    await setAmount(1250.5);
  });

  it('renders {{#if}}, {{else}} and {{#unless}} blocks on the values, whatever their text', async () => {
    await setAmount(1250.5);
    const body = [
      '{{#if vide}}[vide présent]{{else}}[vide absent]{{/if}}',
      '{{#if naissance}}[né le ${naissance}]{{/if}}',
      '{{#unless vide}}[sans vide]{{/unless}}',
      '{{#if est_assure}}[assuré]{{else}}[ayant droit]{{/if}}',
      '{{#if montant}}[montant ${montant}]{{else}}[sans montant]{{/if}}',
    ].join('');
    const withAmount = await previewDraft(draft({ body }, records.insured.documentId)).expect(200);
    expect(withAmount.body.data.body).toBe(`[vide absent][né le 17/05/1980][sans vide][assuré][montant 1${NBSP}250,50]`);

    // A zero amount is false for {{#if}}, as in Handlebars, though written « 0,00 ».
    await setAmount(0);
    const flags = await previewDraft(draft({ body: `${body}|\${montant}|\${est_assure}` }, records.insured.documentId)).expect(200);
    expect(flags.body.data.body).toBe(`[vide absent][né le 17/05/1980][sans vide][assuré][sans montant]|0,00|1`);
    await setAmount(1250.5);
  });

  it('gives a text part made from the HTML body', async () => {
    const res = await previewDraft(
      draft(
        {
          body: '<p>Bonjour <strong>${prenom}</strong>,</p><ul><li>pièce 1</li><li>pièce 2</li></ul><p>Voir <a href="https://mutuelle.example.test/espace">votre espace</a>.</p>',
        },
        records.insured.documentId
      )
    ).expect(200);
    const { text } = res.body.data;
    // The text part of the whole mail: the letterhead's name, the body's text, the footer.
    expect(text.startsWith('Votre mutuelle\n\n')).toBe(true);
    expect(text).toContain('\n\nBonjour Élise,\n\n * pièce 1\n * pièce 2\n\nVoir votre espace [https://mutuelle.example.test/espace].\n\n');
    expect(text).toContain('Vos coordonnées sont utilisées par votre mutuelle');
  });

  it('previews a saved template as last saved, and a draft as being edited', async () => {
    const created = await admin('post', '/templates')
      .send({ title: 'Versions', description: 'd', subject: 'Première ${nom}', page: 'beneficiaries', extraction: rendu })
      .expect(201);
    const id = created.body.data.documentId;
    const first = await admin('post', `/templates/${id}/preview`).send({ record: records.insured.documentId }).expect(200);
    expect(first.body.data.subject).toBe('Première Durand');
    await admin('put', `/templates/${id}`).send({ subject: 'Seconde ${prenom}' }).expect(200);
    const second = await admin('post', `/templates/${id}/preview`).send({ record: records.insured.documentId }).expect(200);
    expect(second.body.data.subject).toBe('Seconde Élise');

    // A draft is checked like a save before it is rendered.
    const unknown = await previewDraft(draft({ body: '${inconnu}' })).expect(400);
    expect(unknown.body.error.details).toMatchObject({ code: 'template.unknown-fields', fields: ['inconnu'] });
    const noRecord = await admin('post', '/templates/preview').send({ ...draft({}), record: undefined }).expect(400);
    expect(noRecord.body.error.details.errors?.[0]?.path).toEqual(['record']);
    await admin('post', `/templates/${id}/preview`).send({}).expect(400);
    await admin('post', '/templates/inexistant000000000000000/preview').send({ record: records.insured.documentId }).expect(404);
  });

  it('answers « aucune donnée d’extraction » for a record without an extraction row', async () => {
    // « Rendu » keeps the insured only: the dependant has no row.
    const res = await previewDraft(draft({ subject: 'Pour ${nom}' }, records.dependant.documentId)).expect(400);
    expect(res.body.error.details).toMatchObject({ code: 'extraction.no-row', record: records.dependant.documentId });
    expect(res.body.error.message).toMatch(/^Aucune donnée d[’']extraction pour cette fiche \(extraction « Rendu »\)\.$/);
    expect(res.body.error.details.en).toBe('No extraction data for this record (extraction "Rendu").');
    // A record of another page is not one of the template's page: the read check finds no such record.
    const beneficiary = await shippedTemplate('Demande de pièces justificatives');
    const other = await admin('post', `/templates/${beneficiary.documentId}/preview`).send({ record: records.professional.documentId }).expect(404);
    expect(other.body.error.details.code).toBe('record.not-found');
    expect(other.body.error.message).toBe('Fiche introuvable sur la page « Gestion des bénéficiaires ».');
  });

  it('formats values and splits addresses (unit level)', () => {
    expect(formatValue(null)).toBe('');
    expect(formatValue(undefined)).toBe('');
    expect(formatValue('2025-03-07')).toBe('07/03/2025');
    expect(formatValue('2025-03-07T10:00:00.000Z')).toBe('07/03/2025');
    expect(formatValue(new Date(2025, 2, 7, 15, 30))).toBe('07/03/2025');
    expect(formatValue(1250.5)).toBe(`1${NBSP}250,50`);
    expect(formatValue(-0.5)).toBe('-0,50');
    expect(formatValue(42)).toBe('42');
    expect(formatValue(true)).toBe('oui');
    expect(formatValue(false)).toBe('non');
    expect(formatValue('Durand')).toBe('Durand');

    expect(parseAddressList('a@mutuelle.example.test; b@mutuelle.example.test,c@x.fr')).toEqual([
      'a@mutuelle.example.test',
      'b@mutuelle.example.test',
      'c@x.fr',
    ]);
    expect(parseAddressList('  ')).toEqual([]);
    expect(() => parseAddressList('a@x.fr; pas une adresse')).toThrow(/Adresse e-mail invalide \(destinataire\) : pas une adresse/);
    expect(() => parseAddress('x@', 'Copie à')).toThrow(expect.objectContaining({ details: expect.objectContaining({ code: 'address.invalid', addresses: ['x@'], en: 'Invalid e-mail address (Copie à): x@' }) }));
  });
});
