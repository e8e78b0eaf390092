import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../scripts/smtp-sink';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { superAdminToken } from './helpers/admin';
import { createHousehold, setEmailConsent } from './helpers/records';
import { eventually } from './helpers/wait';

/** Delivery faults and consent, with short retry delays. */
describe('delivery', () => {
  let app: TestApp;
  let token: string;
  let templateId: string;
  const FROM = 'gestion@mutuelle.example.test';
  const messages = () => app.strapi.db.query('plugin::mail-merge.message');
  const dispatcher = () => app.strapi.plugin('mail-merge').service('dispatcher');
  const admin = (method: 'get' | 'post' | 'put', url: string) =>
    app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const statusOf = (documentId: string, status: string) =>
    eventually(async () => {
      const row = (await messages().findOne({ where: { documentId } })) as any;
      return row?.status === status ? row : null;
    }, 15_000);
  const send = (record: string, extra: Record<string, unknown> = {}) =>
    admin('post', '/send').send({ page: 'beneficiaries', record, template: templateId, from: FROM, to: ['membre@example.test'], ...extra });

  beforeAll(async () => {
    app = await setupStrapi({
      // One mail at a time: the order of arrival at the sink is then the order of sending.
      pluginConfig: { dispatcher: { retryDelayMs: 100, maxAttempts: 3, pollIntervalMs: 100, staleAfterMs: 60_000, concurrency: 1 } },
    });
    token = await superAdminToken(app);
    templateId = (await admin('get', '/templates?page=beneficiaries').expect(200)).body.data[0].documentId;
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('retries while the SMTP server is down, fails with the reason, and « Renvoyer » delivers it once it is back', async () => {
    const { insured } = await createHousehold(app, 'interne', 'f1');
    const port = app.sink.port;
    await app.sink.close();
    const queued = await send(insured.documentId).expect(202);
    const failed = await statusOf(queued.body.data.documentId, 'failed');
    expect(failed.attempts).toBe(3);
    expect(failed.errorCode).toBe('retries-exhausted');
    expect(failed.error).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);

    const sink = await startSmtpSink({ port });
    try {
      const listed = await admin('get', '/messages?status=failed').expect(200);
      expect(listed.body.data.map((m: any) => m.documentId)).toContain(queued.body.data.documentId);
      await admin('post', `/messages/${queued.body.data.documentId}/resend`).expect(200);
      await statusOf(queued.body.data.documentId, 'sent');
      await sink.waitFor(1);
      expect(sink.messages).toHaveLength(1);
    } finally {
      await sink.close();
      app.sink = await startSmtpSink({ port });
    }
  });

  it('fails at once, without retrying, on a permanent SMTP refusal', async () => {
    const { insured } = await createHousehold(app, 'interne', 'f2');
    const queued = await send(insured.documentId, { to: ['reject-550@example.test'] }).expect(202);
    const failed = await statusOf(queued.body.data.documentId, 'failed');
    expect(failed.attempts).toBe(1);
    expect(failed.errorCode).toBe('permanent');
    expect(failed.error).toContain('550');
  });

  it('retries a temporary SMTP refusal (4xx) before giving up', async () => {
    const { insured } = await createHousehold(app, 'interne', 'f3');
    const queued = await send(insured.documentId, { to: ['reject-451@example.test'] }).expect(202);
    const failed = await statusOf(queued.body.data.documentId, 'failed');
    expect(failed.attempts).toBe(3);
    expect(failed.error).toContain('451');
  });

  it('turns a mail left in « sending » by a stopped process into « uncertain », never sending a second copy', async () => {
    const { insured } = await createHousehold(app, 'interne', 'u1');
    await dispatcher().stop();
    const queued = await send(insured.documentId).expect(202);
    // What a process that died after claiming the row leaves behind.
    await messages().update({
      where: { documentId: queued.body.data.documentId },
      data: { status: 'sending', attempts: 1, claimedBy: 'other-host:4242:dead', claimedAt: new Date(Date.now() - 3_600_000) },
    });
    app.sink.clear();
    await dispatcher().start();
    await dispatcher().runOnce();
    const row = await statusOf(queued.body.data.documentId, 'uncertain');
    expect(row.error).toMatch(/interrompu/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.sink.messages).toHaveLength(0);

    await admin('post', `/messages/${queued.body.data.documentId}/resend`).expect(200);
    await statusOf(queued.body.data.documentId, 'sent');
    expect(app.sink.messages).toHaveLength(1);
  });

  it('sends priority mail first', async () => {
    const { insured } = await createHousehold(app, 'interne', 'p1');
    await dispatcher().stop();
    app.sink.clear();
    await send(insured.documentId, { subject: 'Ordinaire 1' }).expect(202);
    await send(insured.documentId, { subject: 'Ordinaire 2' }).expect(202);
    await send(insured.documentId, { subject: 'Urgent', priority: true }).expect(202);
    await dispatcher().start();
    await app.sink.waitFor(3);
    expect(app.sink.messages.map((m) => m.subject)).toEqual(['Urgent', 'Ordinaire 1', 'Ordinaire 2']);
  });

  it('reads consent again just before sending: withdrawn meanwhile, the mail fails and nothing leaves', async () => {
    const { adhesion, dependant } = await createHousehold(app, 'interne', 'w1');
    await dispatcher().stop();
    const queued = await send(dependant.documentId).expect(202);
    await setEmailConsent(app, adhesion.documentId, 'refus');
    app.sink.clear();
    await dispatcher().start();
    const failed = await statusOf(queued.body.data.documentId, 'failed');
    expect(failed.errorCode).toBe('consent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.sink.messages).toHaveLength(0);
  });

  it('applies each consent level to each template minimum, for the insured and a dependant', async () => {
    const base = (await admin('get', `/templates/${templateId}`).expect(200)).body.data;
    const minimums = { interne: templateId } as Record<string, string>;
    for (const minimum of ['limite', 'public']) {
      const created = await admin('post', '/templates')
        .send({ title: `Communication ${minimum}`, description: 'Hors gestion', subject: base.subject, body: base.body, recipient: base.recipient, page: 'beneficiaries', extraction: base.extraction.documentId, minimumConsent: minimum })
        .expect(201);
      minimums[minimum] = created.body.data.documentId;
    }
    const levels = ['refus', 'interne', 'limite', 'public'] as const;
    const outcomes: string[] = [];
    for (const level of levels) {
      const { insured, dependant } = await createHousehold(app, level, `m-${level}`);
      for (const [who, person] of [['assuré', insured], ['ayant droit', dependant]] as const) {
        for (const [minimum, template] of Object.entries(minimums)) {
          const res = await admin('post', '/compose').send({ page: 'beneficiaries', record: person.documentId, template });
          outcomes.push(`${level} ${who} ≥${minimum}: ${res.status}${res.status === 403 ? ` ${res.body.error.details.reason}` : ''}`);
        }
      }
    }
    const rank = (l: string) => levels.indexOf(l as any);
    const expected = levels.flatMap((level) =>
      ['assuré', 'ayant droit'].flatMap((who) =>
        Object.keys(minimums).map((minimum) => `${level} ${who} ≥${minimum}: ${level !== 'refus' && rank(level) >= rank(minimum) ? '200' : '403 consent'}`)
      )
    );
    expect(outcomes).toEqual(expected);
  });
});
