import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, superAdminToken } from './helpers/admin';
import { createHousehold, setEmailConsent } from './helpers/records';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { eventually } from './helpers/wait';

/**
 * What leaves, and what the server does while it is asked: templates that would stall the event
 * loop, bodies the recipient's mail client would run, recipients a merge value would multiply,
 * control characters, and consent withdrawn while a mail waits for its pace slot.
 */
describe('mail safety', () => {
  let app: TestApp;
  let token: string;
  let extractionId: string;
  const FROM = 'gestion@mutuelle.example.test';
  const admin = (method: 'get' | 'post' | 'put', url: string, bearer = token) =>
    app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${bearer}`);
  const messages = () => app.strapi.db.query('plugin::mail-merge.message');
  const templateBody = (texts: Record<string, string>) => ({
    family: 'Tests',
    title: `Sûreté ${Date.now()}-${Math.random()}`,
    description: 'Modèle de test',
    subject: 'Adhésion ${num_adhesion}',
    page: 'beneficiaries',
    extraction: extractionId,
    ...texts,
  });
  /** Mails of an earlier test still waiting for their pace slot are delivered before the sink is read. */
  const drainedSink = async () => {
    await eventually(async () => (await messages().count({ where: { status: { $in: ['queued', 'sending'] } } })) === 0, 20_000);
    app.sink.clear();
  };
  const createTemplate = async (texts: Record<string, string>) => (await admin('post', '/templates').send(templateBody(texts)).expect(201)).body.data;

  /**
   * Runs `request` while /_health is asked every 50 ms; the slowest answer tells how long the
   * event loop was held (the server runs in this process).
   */
  const whileProbingHealth = async <T>(request: () => Promise<T>) => {
    let probing = true;
    let slowest = 0;
    const probe = (async () => {
      while (probing) {
        const started = Date.now();
        await app.request().get('/_health').expect(204);
        slowest = Math.max(slowest, Date.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 60));
    try {
      return { result: await request(), slowest: () => slowest };
    } finally {
      probing = false;
      await probe;
    }
  };

  beforeAll(async () => {
    // One mail per 2.5 s: the second of two mails waits for its slot (the consent test).
    app = await setupStrapi({ pluginConfig: { dispatcher: { ratePerSecond: 0.4, pollIntervalMs: 100, concurrency: 1 } } });
    token = await superAdminToken(app);
    await admin('put', '/profile').send({ email: FROM, signature: '<p>Le service <a href="javascript:alert(1)">adhésions</a></p>' }).expect(200);
    const extraction = await admin('post', '/extractions')
      .send({
        title: 'Bénéficiaires (sûreté)',
        description: 'Adresses et noms',
        pages: ['beneficiaries'],
        query: `select b.document_id, b.first_name as prenom, b.email as mail, a.number as num_adhesion
from beneficiaries b
join beneficiaries_adhesion_lnk l on l.beneficiary_id = b.id
join adhesions a on a.id = l.adhesion_id`,
      })
      .expect(201);
    extractionId = extraction.body.data.documentId;
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('refuses the templates that froze the server, in French, while /_health keeps answering within a second', async () => {
    const { insured } = await createHousehold(app, 'interne', 'stall');
    const nested = (depth: number) => '{{#if prenom}}'.repeat(depth) + 'x' + '{{/if}}'.repeat(depth);
    const before = await app.strapi.db.query('plugin::mail-merge.template').count();
    const hostile: Array<[string, Record<string, string>, RegExp]> = [
      // The reported one: 20 000 nested {{#if}} in a 140 kB body (past the size limit).
      ['20 000 nested blocks', { body: nested(10_000) }, /^Modèle trop complexe \(le corps\) : 210001 caractères pour 100000 au plus\.$/],
      ['4 000 nested blocks within the size limit', { body: nested(4_000) }, /^Modèle trop complexe \(le corps\) : 4000 blocs imbriqués/],
      ['a chain of 3 000 {{else if}}', { body: `{{#if prenom}}${'{{else if mail}}y'.repeat(3_000)}{{/if}}` }, /blocs imbriqués/],
      ['5 000 fields', { body: '<p>${prenom}</p>'.repeat(5_000) }, /^Modèle trop complexe \(le corps\) : 5000 champs et expressions pour 1000 au plus\.$/],
      ['a subject of 300 nested parentheses', { subject: `{{lookup ${'('.repeat(300)}lookup a b${')'.repeat(300)} c}}` }, /^Modèle trop complexe \(le sujet\) : 300 parenthèses imbriquées pour 5 au plus\.$/],
    ];
    for (const [label, texts, message] of hostile) {
      for (const [route, body] of [
        ['/templates', templateBody(texts)],
        ['/templates/preview', { ...templateBody(texts), record: insured.documentId }],
      ] as const) {
        const { result, slowest } = await whileProbingHealth(() => admin('post', route).send(body));
        expect(result.status, `${label} ${route}`).toBe(400);
        expect(result.body.error.message, `${label} ${route}`).toMatch(message);
        expect(result.body.error.details.en, `${label} ${route}`).toMatch(/^Template too complex/);
        expect(slowest(), `${label} ${route}: slowest /_health (ms)`).toBeLessThan(1000);
      }
    }
    expect(await app.strapi.db.query('plugin::mail-merge.template').count()).toBe(before);

    // A body of 20 000 nested elements edited in the dialog leaves flattened, not as a 500.
    const template = await createTemplate({ body: '<p>Bonjour ${prenom}</p>' });
    const deepHtml = '<div>'.repeat(20_000) + 'profond' + '</div>'.repeat(20_000);
    const { result, slowest } = await whileProbingHealth(() =>
      admin('post', '/send').send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId, from: FROM, to: ['stall@example.test'], html: deepHtml })
    );
    expect(result.status).toBe(202);
    expect(slowest()).toBeLessThan(1000);
    const row = (await messages().findOne({ where: { documentId: result.body.data.documentId } })) as any;
    // The body, in the letterhead's content cell, is what was flattened.
    const body = /<td class="mm-content"[^>]*>([\s\S]*?)<\/td>/.exec(row.html)?.[1];
    expect(body).toContain('profond');
    expect(body!.length).toBeLessThan(2_000);
  });

  it('sends bodies through one sanitiser, single and grouped: no script, handler, javascript: or data: URL reaches the recipient', async () => {
    await drainedSink();
    const hostileBody = [
      '<p>Bonjour ${prenom}</p>',
      '<script>alert("corps")</script>',
      '<img src="https://mutuelle.example.test/logo.png" onerror="alert(1)">',
      '<a href="javascript:alert(2)">lien piégé</a>',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgzKTwvc2NyaXB0Pg==">données</a>',
      '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
      '<p style="color: red; background-image: url(https://tracker.example.test/pixel)">stylé</p>',
      '<a href="https://mutuelle.example.test/espace">Votre espace</a>',
    ].join('');
    const template = await createTemplate({ body: hostileBody });
    const single = await createHousehold(app, 'interne', 'san1');
    const grouped = [await createHousehold(app, 'interne', 'san2'), await createHousehold(app, 'interne', 'san3')];

    await admin('post', '/send')
      .send({ page: 'beneficiaries', record: single.insured.documentId, template: template.documentId, from: FROM, to: ['single@example.test'] })
      .expect(202);
    const batch = await admin('post', '/batches')
      .send({ page: 'beneficiaries', template: template.documentId, selection: { ids: grouped.map((household) => household.insured.documentId) } })
      .expect(202);
    await app.sink.waitFor(3, 20_000);
    expect(batch.body.data.documentId).toEqual(expect.any(String));
    expect(app.sink.messages).toHaveLength(3);
    for (const mail of app.sink.messages) {
      const html = String(mail.html);
      expect(html).toContain('Bonjour Élise');
      expect(html).toContain('<a href="https://mutuelle.example.test/espace">Votre espace</a>');
      expect(html).toContain('<p style="color:red">stylé</p>');
      for (const forbidden of ['<script', 'onerror', 'javascript:', 'data:', 'tracker.example.test']) expect(html, forbidden).not.toContain(forbidden);
    }
  });

  it('gives exactly one address per recipient entry: a merge value holding a comma is a 400 alone and « invalid-email » in a grouped send', async () => {
    await drainedSink();
    const template = await createTemplate({ recipient: '${mail}', body: '<p>Bonjour ${prenom}</p>' });
    const { insured } = await createHousehold(app, 'interne', 'comma');
    const ok = await createHousehold(app, 'interne', 'comma-ok');
    const before = await messages().count();
    await app.strapi.db.connection('beneficiaries').where({ document_id: insured.documentId }).update({ email: 'elise@example.test, intrus@example.test' });

    const compose = await admin('post', '/compose').send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId }).expect(400);
    expect(compose.body.error.message).toBe('Adresse e-mail invalide (destinataire) : une seule adresse par entrée');
    const preflight = await admin('post', '/batches/preflight')
      .send({ page: 'beneficiaries', template: template.documentId, selection: { ids: [insured.documentId, ok.insured.documentId] } })
      .expect(200);
    expect(preflight.body.data).toMatchObject({ total: 2, eligible: 1 });
    expect(preflight.body.data.skipped['invalid-email']).toBe(1);

    // A record's own address field is one address too (the default recipient of a grouped send).
    const plain = await createTemplate({ body: '<p>Bonjour ${prenom}</p>' });
    const fallback = await admin('post', '/batches/preflight')
      .send({ page: 'beneficiaries', template: plain.documentId, selection: { ids: [insured.documentId] } })
      .expect(200);
    expect(fallback.body.data.skipped['invalid-email']).toBe(1);
    expect(await messages().count()).toBe(before);
    expect(app.sink.messages).toHaveLength(0);
  });

  it('refuses control characters in addresses on every path, with nothing written', async () => {
    const template = await createTemplate({ body: '<p>Bonjour ${prenom}</p>' });
    const { insured } = await createHousehold(app, 'interne', 'ctrl');
    const front = await apiToken(app, 'full-access');
    const before = { messages: await messages().count(), events: await app.strapi.db.query('plugin::mail-merge.event').count() };
    for (const hostile of ['nul\u0000@example.test', 'esc\u001b@example.test', 'del\u007f@example.test', 'a@example.test\r\nBcc: v@example.test']) {
      for (const field of ['to', 'cc', 'bcc']) {
        const res = await admin('post', '/send').send({
          page: 'beneficiaries',
          record: insured.documentId,
          template: template.documentId,
          from: FROM,
          to: ['ok@example.test'],
          [field]: [hostile],
        });
        expect(res.status, `${field} ${JSON.stringify(hostile)}`).toBe(400);
        expect(res.body.error.message).toMatch(/^Adresse e-mail invalide \((Pour|Copie à|Copie cachée)\) : saut de ligne ou caractère de contrôle interdit$/);
      }
      const api = await app
        .request()
        .post('/api/mail-merge/messages')
        .set('Authorization', `Bearer ${front}`)
        .send({ template: template.documentId, record: insured.documentId, to: [hostile] });
      expect(api.status, JSON.stringify(hostile)).toBe(400);
      expect(api.body.error.message).toBe('Adresse e-mail invalide (Pour) : saut de ligne ou caractère de contrôle interdit');
      const profile = await admin('put', '/profile').send({ email: hostile });
      expect(profile.status).toBe(400);
      expect(profile.body.error.message).toMatch(/caractère de contrôle interdit/);
    }
    expect(await messages().count()).toBe(before.messages);
    expect(await app.strapi.db.query('plugin::mail-merge.event').count()).toBe(before.events);
    const profile = await admin('get', '/profile').expect(200);
    expect(profile.body.data.email).toBe(FROM);
  });

  it('reads consent again right before the provider, after the wait for a pace slot', async () => {
    await drainedSink();
    const template = await createTemplate({ body: '<p>Bonjour ${prenom}</p>' });
    const first = await createHousehold(app, 'interne', 'pace1');
    const second = await createHousehold(app, 'interne', 'pace2');
    const dispatcher = app.strapi.plugin('mail-merge').service('dispatcher') as any;
    // Both are claimed in one group, with consent read then; the second waits ~2.5 s for its slot.
    await dispatcher.stop();
    const send = (record: string, to: string) =>
      admin('post', '/send').send({ page: 'beneficiaries', record, template: template.documentId, from: FROM, to: [to] }).expect(202);
    const a = await send(first.insured.documentId, 'pace1@example.test');
    const b = await send(second.insured.documentId, 'pace2@example.test');
    await dispatcher.start();
    await app.sink.waitFor(1, 10_000);
    // The member of the second mail refuses e-mail while it waits.
    await setEmailConsent(app, second.adhesion.documentId, 'refus');
    const failed = await eventually(async () => {
      const row = (await messages().findOne({ where: { documentId: b.body.data.documentId } })) as any;
      return row?.status === 'failed' ? row : null;
    }, 10_000);
    expect(failed.errorCode).toBe('consent');
    expect(((await messages().findOne({ where: { documentId: a.body.data.documentId } })) as any).status).toBe('sent');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(app.sink.messages.map((mail) => mail.to)).toEqual([['pace1@example.test']]);
  });
});
