import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { superAdminToken, userWithActions } from './helpers/admin';
import { createPopulation, type Population } from './helpers/population';
import { eventually } from './helpers/wait';

/** « Envoi de mails groupés »: pre-flight, batch, ledger, events, SMTP and report agree exactly. */
describe('grouped sending', () => {
  let app: TestApp;
  let token: string;
  let template: any;
  let population: Population;
  const FROM = 'gestion@mutuelle.example.test';
  const admin = (method: 'get' | 'post' | 'put' | 'delete', url: string, bearer = token) =>
    app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${bearer}`);
  const waitForBatch = (documentId: string, status: string, timeoutMs = 30_000) =>
    eventually(async () => {
      const { body } = await admin('get', `/batches/${documentId}`).expect(200);
      return body.data.status === status ? body.data : null;
    }, timeoutMs);

  beforeAll(async () => {
    app = await setupStrapi();
    token = await superAdminToken(app);
    await admin('put', '/profile').send({ email: FROM, signature: '<p>Le service adhésions</p>' }).expect(200);
    // Only members of an adhesion have a row in this extraction: orphans are « aucune donnée ».
    const extraction = await admin('post', '/extractions')
      .send({
        title: 'Bénéficiaires adhérents',
        description: 'Bénéficiaires rattachés à une adhésion',
        pages: ['beneficiaries'],
        query: `select b.document_id, b.first_name as prenom_benef, b.email as mail_benef, a.number as num_adhesion
from beneficiaries b
join beneficiaries_adhesion_lnk l on l.beneficiary_id = b.id
join adhesions a on a.id = l.adhesion_id`,
      })
      .expect(201);
    template = (
      await admin('post', '/templates')
        .send({
          family: 'Relances',
          title: 'Relance groupée',
          description: 'Relance des pièces manquantes',
          subject: 'Adhésion ${num_adhesion} : pièces manquantes',
          body: '<p>Bonjour ${prenom_benef},</p><p>Merci de nous transmettre vos pièces.</p>',
          page: 'beneficiaries',
          extraction: extraction.body.data.documentId,
        })
        .expect(201)
    ).body.data;
    population = await createPopulation(app, 'g', { consenting: 100, refused: 10, noEmail: 8, invalid: 5, sharedAddress: 12, orphans: 4 });
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('counts, sends, logs and reports exactly: every skip reason present', async () => {
    app.sink.clear();
    const missing = ['aaaaaaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbb'];
    const selection = { ids: [...population.ids, ...missing] };
    const expectedSkipped = { ...population.expected.skipped, 'not-found': missing.length };
    const total = population.expected.total + missing.length;

    const preflight = await admin('post', '/batches/preflight').send({ page: 'beneficiaries', template: template.documentId, selection }).expect(200);
    expect(preflight.body.data).toMatchObject({ total, eligible: population.expected.eligible, skipped: expectedSkipped });
    expect(population.expected.eligible).toBe(100 + (100 - 8 - 5 - 12));
    expect(preflight.body.data.sample).toHaveLength(3);
    expect(preflight.body.data.sample[0].subject).toBe('Adhésion ADH-g-0 : pièces manquantes');
    expect(preflight.body.data.sample[0].html).toContain('Le service adhésions');
    expect(preflight.body.data.estimatedSeconds).toBeGreaterThan(0);
    // A pre-flight writes nothing.
    expect(await app.strapi.db.query('plugin::mail-merge.message').count()).toBe(0);

    const created = await admin('post', '/batches').send({ page: 'beneficiaries', template: template.documentId, selection }).expect(202);
    const batch = await waitForBatch(created.body.data.documentId, 'done');
    expect(batch.counts).toMatchObject({
      total,
      sent: population.expected.eligible,
      failed: 0,
      queued: 0,
      skipped: total - population.expected.eligible,
      skippedByReason: expectedSkipped,
    });

    // The sink: one mail per eligible address, none twice, none to a skipped person.
    await app.sink.waitFor(population.expected.eligible);
    const received = app.sink.messages.flatMap((mail) => mail.envelope.to);
    expect(received.sort()).toEqual([...population.addresses].sort());
    const first = app.sink.messages.find((mail) => mail.to.includes('assure.g.0@example.test'))!;
    expect(first.subject).toBe('Adhésion ADH-g-0 : pièces manquantes');
    expect(first.from).toBe(FROM);
    expect(first.html).toContain('Bonjour Assurée 0,');
    expect(first.text).toContain('Le service adhésions');

    // One event on each recipient's record, none on the skipped ones.
    const events = (await app.strapi.db.query('plugin::mail-merge.event').findMany({ where: { label: '[AUTO] Envoi de mail : Relance groupée' } })) as any[];
    expect(events.map((event) => event.recordId).sort()).toEqual([...population.eligible].sort());

    // The report: a line per recipient with status and reason.
    const report = await admin('get', `/batches/${batch.documentId}/report.csv`).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    expect(report.status).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const lines = (report.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('fiche;page;destinataires;statut;raison;détail;envoyé le;mail;statut (en clair);raison (en clair)');
    // The words of the UI beside the codes: « envoyé », « Consentement insuffisant ».
    expect(lines.find((line) => line.split(';')[3] === 'sent')!.split(';').slice(8)).toEqual(['envoyé', '']);
    expect(lines.find((line) => line.split(';')[4] === 'consent')!.split(';').slice(8)).toEqual(['non envoyé', 'Consentement insuffisant']);
    expect(lines).toHaveLength(total + 1);
    const statusOf = (line: string) => line.split(';')[3];
    expect(lines.filter((line) => statusOf(line) === 'sent')).toHaveLength(population.expected.eligible);
    for (const [reason, count] of Object.entries(expectedSkipped)) {
      expect(lines.filter((line) => statusOf(line) === 'skipped' && line.split(';')[4] === reason), reason).toHaveLength(count);
    }
  });

  it('sends to every record matching the list filters, not only a screen of them', async () => {
    app.sink.clear();
    const selection = { filters: { firstName: { $startsWith: 'Assurée' } } };
    const preflight = await admin('post', '/batches/preflight').send({ page: 'beneficiaries', template: template.documentId, selection }).expect(200);
    // 110 insured: the 10 of refused adhesions are skipped for consent.
    expect(preflight.body.data).toMatchObject({ total: 110, eligible: 100 });
    expect(preflight.body.data.skipped.consent).toBe(10);
    const created = await admin('post', '/batches').send({ page: 'beneficiaries', template: template.documentId, selection }).expect(202);
    const batch = await waitForBatch(created.body.data.documentId, 'done');
    expect(batch.counts).toMatchObject({ total: 110, sent: 100 });
    await app.sink.waitFor(100);
  });

  it('refuses without the right, without a sender address, and with nothing selected', async () => {
    const selection = { ids: population.ids.slice(0, 2) };
    const body = { page: 'beneficiaries', template: template.documentId, selection };
    const single = await userWithActions(app, ['plugin::mail-merge.send-single']);
    await admin('post', '/batches/preflight', single.token).send(body).expect(403);
    await admin('post', '/batches', single.token).send(body).expect(403);

    // The grouped-send right without the right to read beneficiaries is not enough either.
    const bulkOnly = await userWithActions(app, ['plugin::mail-merge.send-bulk']);
    const refused = await admin('post', '/batches/preflight', bulkOnly.token).send(body).expect(403);
    expect(refused.body.error.details.code).toBe('batch.cannot-read');

    const bulk = await userWithActions(app, [
      'plugin::mail-merge.send-bulk',
      { action: 'plugin::content-manager.explorer.read', subject: 'api::beneficiary.beneficiary' },
    ]);
    const noSender = await admin('post', '/batches', bulk.token).send(body).expect(400);
    expect(noSender.body.error.message).toContain('Paramétrage utilisateur');
    const empty = await admin('post', '/batches/preflight', bulk.token).send({ ...body, selection: { ids: [] } }).expect(400);
    expect(empty.body.error.message).toBe('Aucune fiche sélectionnée.');
    expect(await app.strapi.db.query('plugin::mail-merge.batch').count()).toBe(2);
  });
});
