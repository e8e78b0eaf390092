import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { apiToken } from './helpers/admin';

/**
 * The mutual's records through Strapi's generated content API, as a front-office holding an API
 * token uses them.
 */
describe('records through the content API', () => {
  let app: TestApp;
  let token: string;
  const api = (method: 'get' | 'post' | 'put' | 'delete', url: string) =>
    app.request()[method](`/api${url}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    app = await setupStrapi();
    token = await apiToken(app, 'full-access');
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('refuses an unauthenticated call', async () => {
    // With Users & Permissions installed, a call without a token is the « Public » role's, which
    // holds none of the records' actions: 403 (it was a 401 before the members' space).
    for (const url of ['/api/beneficiaries', '/api/adhesions', '/api/consent-changes', '/api/notification-types']) {
      const res = await app.request().get(url);
      expect(res.status, url).toBe(403);
      expect(res.body.data, url).toBeNull();
    }
  });

  it('refuses a read-only token a write', async () => {
    const readOnly = await apiToken(app, 'read-only');
    await app.request().get('/api/structures').set('Authorization', `Bearer ${readOnly}`).expect(200);
    const res = await app
      .request()
      .post('/api/structures')
      .set('Authorization', `Bearer ${readOnly}`)
      .send({ data: { name: 'Interdite' } });
    expect(res.status).toBe(403);
  });

  it('creates, reads and relates every record type', async () => {
    const mother = await api('post', '/structures')
      .send({ data: { name: 'Groupe Hospitalier Atlantique', email: 'contact@gha.example.test', phone: '05 49 33 71 40' } })
      .expect(201);
    const child = await api('post', '/structures')
      .send({ data: { name: 'Clinique du Parc', email: 'parc@gha.example.test', parent: mother.body.data.documentId } })
      .expect(201);

    const professional = await api('post', '/health-professionals')
      .send({
        data: {
          civility: 'Dr',
          lastName: 'Martin',
          firstName: 'Sophie',
          companyName: 'Cabinet dentaire Martin',
          email: 'cabinet@martin.example.test',
          accountingEmail: 'compta@martin.example.test',
          rpps: '10101234567',
        },
      })
      .expect(201);

    const adhesion = await api('post', '/adhesions')
      .send({
        data: {
          number: 'ADH-0001',
          startDate: '2024-01-01',
          structure: child.body.data.documentId,
          consent: { postalAddress: 'public', landline: 'interne', mobile: 'limite', email: 'refus' },
        },
      })
      .expect(201);

    const insured = await api('post', '/beneficiaries')
      .send({
        data: {
          civility: 'Mme',
          lastName: 'Durand',
          firstName: 'Élise',
          birthDate: '1980-05-17',
          email: 'elise.durand@example.test',
          role: 'assure',
          adhesion: adhesion.body.data.documentId,
        },
      })
      .expect(201);
    await api('post', '/beneficiaries')
      .send({ data: { lastName: 'Durand', firstName: 'Léo', role: 'ayant_droit', adhesion: adhesion.body.data.documentId } })
      .expect(201);

    const coverage = await api('post', '/coverage-requests')
      .send({
        data: {
          number: 'PEC-0001',
          label: 'Prothèse dentaire',
          decision: 'accord',
          decisionDate: '2024-03-02',
          amount: 1250.5,
          beneficiary: insured.body.data.documentId,
          healthProfessional: professional.body.data.documentId,
          thirdPartyPayerEmail: 'tiers-payant@organisme.example.test',
        },
      })
      .expect(201);
    const simulation = await api('post', '/simulations')
      .send({
        data: {
          number: 'SIM-0001',
          label: 'Devis optique',
          amount: 480,
          date: '2024-02-10',
          beneficiary: insured.body.data.documentId,
          healthProfessional: professional.body.data.documentId,
        },
      })
      .expect(201);

    const motherRead = await api('get', `/structures/${mother.body.data.documentId}?populate=children`).expect(200);
    expect(motherRead.body.data.children.map((c: any) => c.name)).toEqual(['Clinique du Parc']);

    const adhesionRead = await api('get', `/adhesions/${adhesion.body.data.documentId}?populate[0]=beneficiaries&populate[1]=consent&populate[2]=structure`).expect(200);
    expect(adhesionRead.body.data.beneficiaries.map((b: any) => [b.firstName, b.role]).sort()).toEqual([
      ['Léo', 'ayant_droit'],
      ['Élise', 'assure'],
    ]);
    expect(adhesionRead.body.data.consent).toMatchObject({ postalAddress: 'public', landline: 'interne', mobile: 'limite', email: 'refus' });
    expect(adhesionRead.body.data.structure.name).toBe('Clinique du Parc');

    const coverageRead = await api(
      'get',
      `/coverage-requests/${coverage.body.data.documentId}?populate[beneficiary][populate][adhesion][populate]=consent&populate[healthProfessional]=true`
    ).expect(200);
    expect(coverageRead.body.data).toMatchObject({ label: 'Prothèse dentaire', decision: 'accord', decisionDate: '2024-03-02' });
    expect(Number(coverageRead.body.data.amount)).toBe(1250.5);
    expect(coverageRead.body.data.healthProfessional.accountingEmail).toBe('compta@martin.example.test');
    expect(coverageRead.body.data.beneficiary.adhesion.consent.email).toBe('refus');

    const simulationRead = await api('get', `/simulations/${simulation.body.data.documentId}?populate=*`).expect(200);
    expect(simulationRead.body.data.beneficiary.lastName).toBe('Durand');
    expect(simulationRead.body.data.healthProfessional.lastName).toBe('Martin');
  });

  it('gives a new adhesion the default consent « interne » on every channel', async () => {
    const created = await api('post', '/adhesions').send({ data: { number: 'ADH-0002' } }).expect(201);
    const read = await api('get', `/adhesions/${created.body.data.documentId}?populate=consent`).expect(200);
    expect(read.body.data.consent).toMatchObject({ postalAddress: 'interne', landline: 'interne', mobile: 'interne', email: 'interne' });
  });

  it('rejects invalid values with a 400 naming the field', async () => {
    const badLevel = await api('post', '/adhesions').send({ data: { number: 'ADH-0003', consent: { email: 'oui' } } });
    expect(badLevel.status).toBe(400);
    expect(JSON.stringify(badLevel.body.error)).toContain('email');

    const badEmail = await api('post', '/beneficiaries').send({ data: { lastName: 'X', role: 'assure', email: 'pas-une-adresse' } });
    expect(badEmail.status).toBe(400);
    expect(JSON.stringify(badEmail.body.error)).toContain('email');

    const duplicate = await api('post', '/adhesions').send({ data: { number: 'ADH-0001' } });
    expect(duplicate.status).toBe(400);
  });
});

describe('consent history', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await setupStrapi();
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('keeps who changed which consent level, from what to what', async () => {
    const token = await apiToken(app, 'full-access');
    const api = (method: 'get' | 'put' | 'post', url: string) =>
      app.request()[method](`/api${url}`).set('Authorization', `Bearer ${token}`);
    const created = await api('post', '/adhesions').send({ data: { number: 'ADH-H1' } }).expect(201);
    const id = created.body.data.documentId;
    await api('put', `/adhesions/${id}`)
      .send({ data: { consent: { postalAddress: 'interne', landline: 'interne', mobile: 'interne', email: 'refus' } } })
      .expect(200);
    await api('put', `/adhesions/${id}`)
      .send({ data: { consent: { postalAddress: 'public', landline: 'interne', mobile: 'interne', email: 'limite' } } })
      .expect(200);
    // A change that leaves consent alone writes nothing.
    await api('put', `/adhesions/${id}`).send({ data: { startDate: '2025-01-01' } }).expect(200);

    const history = await api('get', `/consent-changes?filters[adhesion][documentId][$eq]=${id}&sort=id:asc`).expect(200);
    expect(history.body.data.map((c: any) => [c.channel, c.oldLevel, c.newLevel, c.changedByKind])).toEqual([
      ['email', 'interne', 'refus', 'api'],
      ['postalAddress', 'interne', 'public', 'api'],
      ['email', 'refus', 'limite', 'api'],
    ]);
    expect(history.body.data[0].changedBy).toMatch(/jeton API/);
    // The history is the application's to write.
    await api('post', '/consent-changes').send({ data: { channel: 'email', newLevel: 'public' } }).expect(405);
  });
});
