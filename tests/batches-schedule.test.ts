import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { superAdminToken } from './helpers/admin';
import { createHousehold, setEmailConsent } from './helpers/records';
import { eventually } from './helpers/wait';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** « Programmer l'envoi »: nothing leaves before the time; consent is judged when it starts. */
describe('scheduled grouped sends', () => {
  let app: TestApp;
  let token: string;
  let templateId: string;
  const admin = (method: 'get' | 'post' | 'put', url: string) => app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const batchOf = async (documentId: string) => (await admin('get', `/batches/${documentId}`).expect(200)).body.data;
  const waitForStatus = (documentId: string, status: string, timeoutMs = 30_000) =>
    eventually(async () => {
      const batch = await batchOf(documentId);
      return batch.status === status ? batch : null;
    }, timeoutMs, 100);
  const ledgerRows = (batchId: string) => app.strapi.db.query('plugin::mail-merge.message').findMany({ where: { batchId } });
  const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
  const schedule = async (ids: string[], scheduledAt: string) =>
    (await admin('post', '/batches').send({ page: 'beneficiaries', template: templateId, selection: { ids }, scheduledAt }).expect(202)).body.data;

  beforeAll(async () => {
    app = await setupStrapi();
    token = await superAdminToken(app);
    await admin('put', '/profile').send({ email: 'gestion@mutuelle.example.test' }).expect(200);
    templateId = (await admin('get', '/templates?page=beneficiaries').expect(200)).body.data[0].documentId;
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('sends nothing before its time, then everything; consent as it stands at that time', async () => {
    app.sink.clear();
    const stays = await createHousehold(app, 'interne', 's1');
    const accepts = await createHousehold(app, 'refus', 's2');
    const withdraws = await createHousehold(app, 'interne', 's3');
    const at = inSeconds(4);
    const created = await schedule([stays.insured.documentId, accepts.insured.documentId, withdraws.insured.documentId], at);
    expect(created).toMatchObject({ status: 'scheduled', scheduledAt: at });
    expect((await admin('get', '/batches').expect(200)).body.data.find((b: { documentId: string }) => b.documentId === created.documentId)).toMatchObject({
      status: 'scheduled',
      scheduledAt: at,
    });

    // Between programming and sending, one member gives consent and another withdraws it.
    await setEmailConsent(app, accepts.adhesion.documentId, 'interne');
    await setEmailConsent(app, withdraws.adhesion.documentId, 'refus');
    await sleep(2000);
    expect(app.sink.messages).toHaveLength(0);
    expect(await ledgerRows(created.documentId)).toHaveLength(0);
    expect((await batchOf(created.documentId)).status).toBe('scheduled');

    const done = await waitForStatus(created.documentId, 'done');
    const mails = await app.sink.waitFor(2);
    expect(Math.min(...mails.map((mail) => mail.receivedAt))).toBeGreaterThanOrEqual(Date.parse(at));
    expect(mails.flatMap((mail) => mail.to).sort()).toEqual(['elise.s1@example.test', 'elise.s2@example.test']);
    expect(done.counts).toMatchObject({ total: 3, sent: 2, skipped: 1 });
    expect(done.counts.skippedByReason.consent).toBe(1);
  });

  it('cancelled before its time: nothing ever leaves', async () => {
    app.sink.clear();
    const household = await createHousehold(app, 'interne', 's4');
    const created = await schedule([household.insured.documentId], inSeconds(3));
    const cancelled = (await admin('post', `/batches/${created.documentId}/cancel`).expect(200)).body.data;
    expect(cancelled.status).toBe('cancelled');
    await sleep(4500);
    expect(app.sink.messages).toHaveLength(0);
    expect(await ledgerRows(created.documentId)).toHaveLength(0);
    expect((await batchOf(created.documentId)).status).toBe('cancelled');
  });

  it('paused before its time: it waits past that time, and « Reprendre » sends it', async () => {
    app.sink.clear();
    const household = await createHousehold(app, 'interne', 's5');
    const created = await schedule([household.insured.documentId], inSeconds(2));
    expect((await admin('post', `/batches/${created.documentId}/pause`).expect(200)).body.data.status).toBe('paused');
    await sleep(3500);
    expect(app.sink.messages).toHaveLength(0);
    expect((await batchOf(created.documentId)).status).toBe('paused');

    await admin('post', `/batches/${created.documentId}/resume`).expect(200);
    await waitForStatus(created.documentId, 'done');
    const [mail] = await app.sink.waitFor(1);
    expect(mail.to).toEqual(['elise.s5@example.test']);
  });

  it('resumed before its time: it goes back to waiting for it', async () => {
    app.sink.clear();
    const household = await createHousehold(app, 'interne', 's6');
    const created = await schedule([household.insured.documentId], inSeconds(4));
    await admin('post', `/batches/${created.documentId}/pause`).expect(200);
    expect((await admin('post', `/batches/${created.documentId}/resume`).expect(200)).body.data.status).toBe('scheduled');
    await sleep(1500);
    expect(app.sink.messages).toHaveLength(0);
    await waitForStatus(created.documentId, 'done');
    expect((await app.sink.waitFor(1))[0].to).toEqual(['elise.s6@example.test']);
  });

  it('refuses a time in the past or without a time zone, and writes nothing', async () => {
    const household = await createHousehold(app, 'interne', 's7');
    const before = await app.strapi.db.query('plugin::mail-merge.batch').count();
    const body = (scheduledAt: string) => ({ page: 'beneficiaries', template: templateId, selection: { ids: [household.insured.documentId] }, scheduledAt });
    const past = await admin('post', '/batches').send(body(new Date(Date.now() - 3600_000).toISOString())).expect(400);
    expect(past.body.error.message).toBe('La date d’envoi programmée est passée.');
    const local = await admin('post', '/batches').send(body('2030-01-15T09:30')).expect(400);
    expect(local.body.error.message).toContain('fuseau');
    const far = await admin('post', '/batches').send(body(new Date(Date.now() + 400 * 24 * 3600_000).toISOString())).expect(400);
    expect(far.body.error.message).toBe('Un envoi se programme au plus un an à l’avance.');
    expect(await app.strapi.db.query('plugin::mail-merge.batch').count()).toBe(before);
  });
});
