import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { seedDemo, UIDS, type SeedCounts } from '../src/seed/demo';
import { seedScale } from '../src/seed/scale';

/**
 * The demo data set (src/seed/demo.ts) and the volume seed (src/seed/scale.ts), both written by
 * the bulk writer straight into the tables, read back through Strapi's own query layers.
 * The boot itself runs with SEED_DEMO=false (test harness), so the seed is called here.
 */
describe('demo seed', () => {
  let app: TestApp;
  let first: { created: boolean; counts: SeedCounts };
  let second: { created: boolean; counts: SeedCounts };

  const count = (uid: string, where: Record<string, unknown> = {}) => app.strapi.db.query(uid as any).count({ where });

  beforeAll(async () => {
    app = await setupStrapi();
    first = await seedDemo(app.strapi);
    second = await seedDemo(app.strapi);
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('writes once; a second run writes nothing and reports the same counts', async () => {
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.counts).toEqual(first.counts);
    expect(await count(UIDS.structure)).toBe(first.counts.structures);
    expect(await count(UIDS.healthProfessional)).toBe(first.counts.healthProfessionals);
    expect(await count(UIDS.adhesion)).toBe(first.counts.adhesions);
    expect(await count(UIDS.beneficiary)).toBe(first.counts.beneficiaries);
    expect(await count(UIDS.coverageRequest)).toBe(first.counts.coverageRequests);
    expect(await count(UIDS.simulation)).toBe(first.counts.simulations);
  });

  it('has the announced shape', async () => {
    const { counts } = first;
    expect(counts.adhesions).toBe(200);
    expect(counts.healthProfessionals).toBe(20);
    expect(counts.structures).toBeGreaterThanOrEqual(3 + 3 * 2);
    expect(counts.structures).toBeLessThanOrEqual(3 + 3 * 3);
    expect(counts.beneficiaries).toBeGreaterThanOrEqual(200);
    expect(counts.beneficiaries).toBeLessThanOrEqual(800);
    expect(counts.coverageRequests).toBeGreaterThanOrEqual(120);
    expect(counts.coverageRequests).toBeLessThanOrEqual(180);
    expect(counts.simulations).toBeGreaterThanOrEqual(80);
    expect(counts.simulations).toBeLessThanOrEqual(120);

    const structures = await app.strapi.db.query(UIDS.structure).findMany({ populate: ['children', 'parent'] });
    const parents = structures.filter((s: any) => !s.parent);
    expect(parents).toHaveLength(3);
    for (const parent of parents) expect([2, 3]).toContain(parent.children.length);
    for (const structure of structures) expect(structure.email).toMatch(/@example\.test$/);

    const withAccounting = await count(UIDS.healthProfessional, { accountingEmail: { $notNull: true } });
    expect(withAccounting).toBeGreaterThanOrEqual(6);
    expect(withAccounting).toBeLessThanOrEqual(14);
  });

  it('gives every adhesion 1–4 beneficiaries, the insured first, some without e-mail', async () => {
    const adhesions = await app.strapi.db.query(UIDS.adhesion).findMany({
      populate: ['beneficiaries', 'structure'],
      orderBy: { number: 'asc' },
    });
    expect(adhesions[0].number).toBe('DEMO-000001');
    expect(adhesions[199].number).toBe('DEMO-000200');
    for (const adhesion of adhesions) {
      expect(adhesion.beneficiaries.length).toBeGreaterThanOrEqual(1);
      expect(adhesion.beneficiaries.length).toBeLessThanOrEqual(4);
      expect(adhesion.beneficiaries.map((b: any) => b.role)).toEqual([
        'assure',
        ...adhesion.beneficiaries.slice(1).map(() => 'ayant_droit'),
      ]);
    }
    const tied = adhesions.filter((a: any) => a.structure).length;
    expect(tied).toBeGreaterThanOrEqual(30);
    expect(tied).toBeLessThanOrEqual(90);
    expect(await count(UIDS.beneficiary, { email: { $null: true } })).toBeGreaterThan(0);
  });

  it('mixes consent levels, with some e-mail refusals', async () => {
    const consents = await app.strapi.db.query('membership.consent' as any).findMany({});
    expect(consents).toHaveLength(200);
    const emailLevels = consents.map((c: any) => c.email);
    const refusals = emailLevels.filter((level: string) => level === 'refus').length;
    expect(refusals).toBeGreaterThanOrEqual(4);
    expect(refusals).toBeLessThanOrEqual(30);
    expect(new Set(emailLevels)).toEqual(new Set(['refus', 'interne', 'limite', 'public']));
  });

  it('mixes decisions and care labels on coverage requests', async () => {
    for (const decision of ['accord', 'refus', 'en_attente']) {
      expect(await count(UIDS.coverageRequest, { decision })).toBeGreaterThan(0);
    }
    expect(await count(UIDS.coverageRequest, { label: 'Prothèse dentaire' })).toBeGreaterThan(0);
    expect(await count(UIDS.coverageRequest, { label: 'Optique' })).toBeGreaterThan(0);
  });

  it('reads back through the Document Service with relations and consent', async () => {
    const beneficiaries = await app.strapi.documents(UIDS.beneficiary).findMany({
      filters: { role: 'assure' },
      populate: { adhesion: { populate: ['consent'] } },
      limit: 5,
    });
    expect(beneficiaries).toHaveLength(5);
    for (const beneficiary of beneficiaries as any[]) {
      expect(beneficiary.documentId).toMatch(/^[a-z][a-z0-9]{23}$/);
      expect(beneficiary.publishedAt).toBeTruthy();
      expect(beneficiary.adhesion.number).toMatch(/^DEMO-\d{6}$/);
      expect(['refus', 'interne', 'limite', 'public']).toContain(beneficiary.adhesion.consent.email);
    }

    const requests = await app.strapi.documents(UIDS.coverageRequest).findMany({
      populate: ['beneficiary', 'healthProfessional'],
      limit: 3,
    });
    for (const request of requests as any[]) {
      expect(request.number).toMatch(/^PEC-DEMO-\d{6}$/);
      expect(request.beneficiary.lastName).toBeTruthy();
      expect(request.healthProfessional.rpps).toMatch(/^\d{11}$/);
    }
  });

  it('leaves the Document Service able to create and link new records', async () => {
    const adhesion = await app.strapi.documents(UIDS.adhesion).create({
      data: { number: 'APRES-SEED-1', consent: { email: 'public' } } as any,
    });
    const beneficiary = await app.strapi.documents(UIDS.beneficiary).create({
      data: { lastName: 'Nouvelle', role: 'assure', adhesion: adhesion.documentId } as any,
    });
    expect(adhesion.id).toBeGreaterThan(200);
    const back: any = await app.strapi.documents(UIDS.adhesion).findOne({
      documentId: adhesion.documentId,
      populate: ['beneficiaries', 'consent'],
    });
    expect(back.consent.email).toBe('public');
    expect(back.beneficiaries.map((b: any) => b.documentId)).toEqual([beneficiary.documentId]);
  });

  it('volume seed: exact counts in batches, and a prefix cannot be reused', async () => {
    const options = { adhesions: 250, coverageRequests: 100, simulations: 30, batchSize: 100, prefix: 'TVOL', seed: 7 };
    const before = await count(UIDS.beneficiary);
    const { counts, rows } = await seedScale(app.strapi, options);
    expect(counts).toMatchObject({ structures: 0, healthProfessionals: 0, adhesions: 250, coverageRequests: 100, simulations: 30 });
    expect(await count(UIDS.adhesion, { number: { $startsWith: 'TVOL-' } })).toBe(250);
    expect(await count(UIDS.beneficiary)).toBe(before + counts.beneficiaries);
    expect(rows).toBeGreaterThan(250 * 3);

    const last: any = await app.strapi.db.query(UIDS.adhesion).findOne({
      where: { number: 'TVOL-000250' },
      populate: ['beneficiaries', 'consent'],
    });
    expect(last.beneficiaries[0].role).toBe('assure');
    expect(last.consent).toBeTruthy();

    await expect(seedScale(app.strapi, options)).rejects.toThrow(/exist already/);
  });
});
