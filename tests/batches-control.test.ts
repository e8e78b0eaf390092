import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { superAdminToken } from './helpers/admin';
import { createPopulation } from './helpers/population';
import { eventually } from './helpers/wait';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pause, resume, cancel, the error ratio and the slow-down, on a dispatcher paced at 40 mails/s. */
describe('controlling a grouped send', () => {
  let app: TestApp;
  let token: string;
  let templateId: string;
  const admin = (method: 'get' | 'post' | 'put', url: string) => app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const batchOf = async (documentId: string) => (await admin('get', `/batches/${documentId}`).expect(200)).body.data;
  const waitFor = (documentId: string, check: (batch: any) => boolean, timeoutMs = 30_000) =>
    eventually(async () => {
      const batch = await batchOf(documentId);
      return check(batch) ? batch : null;
    }, timeoutMs);
  const start = async (ids: string[]) =>
    (await admin('post', '/batches').send({ page: 'beneficiaries', template: templateId, selection: { ids } }).expect(202)).body.data.documentId as string;
  const beneficiaries = async (tag: string, emails: string[]) => {
    const docs = app.strapi.documents as any;
    const adhesion = await docs('api::adhesion.adhesion').create({ data: { number: `ADH-${tag}`, startDate: '2024-01-01' } });
    const ids: string[] = [];
    for (const [n, email] of emails.entries()) {
      ids.push((await docs('api::beneficiary.beneficiary').create({ data: { lastName: 'Rejet', firstName: `${n}`, email, role: n === 0 ? 'assure' : 'ayant_droit', adhesion: adhesion.documentId } })).documentId);
    }
    return ids;
  };

  beforeAll(async () => {
    app = await setupStrapi({
      env: { MAIL_RATE_PER_SECOND: '40', MAIL_POLL_INTERVAL_MS: '100', MAIL_RETRY_DELAY_MS: '60000' },
      // Small chunks: a batch of 120 is prepared in 6 transactions, long enough to act during it.
      pluginConfig: { extractions: { chunkSize: 20 } },
    });
    token = await superAdminToken(app);
    await admin('put', '/profile').send({ email: 'gestion@mutuelle.example.test' }).expect(200);
    templateId = (await admin('get', '/templates?page=beneficiaries').expect(200)).body.data[0].documentId;
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('pauses (nothing more leaves), resumes to the end, each recipient once', async () => {
    const population = await createPopulation(app, 'p', { consenting: 60, refused: 0, noEmail: 0, invalid: 0, sharedAddress: 0, orphans: 0 });
    app.sink.clear();
    const batchId = await start(population.ids);
    await eventually(async () => app.sink.messages.length >= 10);
    const beforePause = app.sink.messages.length;
    const paused = (await admin('post', `/batches/${batchId}/pause`).expect(200)).body.data;
    expect(paused.status).toBe('paused');
    // Mails already with the SMTP server finish; then nothing more.
    await sleep(500);
    const atPause = app.sink.messages.length;
    await sleep(1000);
    expect(app.sink.messages.length).toBe(atPause);
    // At 40 mails/s a claimed group is 40 mails: the pause lands within it (here the instance
    // that paused releases what it holds, so only the mails with the SMTP server leave).
    console.log(`[pause] ${atPause - beforePause} mails left after « Pause »`);
    expect(atPause - beforePause).toBeLessThanOrEqual(40);
    const during = await batchOf(batchId);
    expect(during.counts.held).toBe(120 - during.counts.sent);
    expect(during.counts.held).toBeGreaterThan(0);

    await admin('post', `/batches/${batchId}/resume`).expect(200);
    const done = await waitFor(batchId, (batch) => batch.status === 'done');
    expect(done.counts).toMatchObject({ total: 120, sent: 120, held: 0, queued: 0 });
    const received = app.sink.messages.flatMap((mail) => mail.envelope.to);
    expect(received.sort()).toEqual([...population.addresses].sort());
  });

  it('cancels: the mails not yet sent never leave and their events are removed', async () => {
    const population = await createPopulation(app, 'c', { consenting: 60, refused: 0, noEmail: 0, invalid: 0, sharedAddress: 0, orphans: 0 });
    app.sink.clear();
    const batchId = await start(population.ids);
    // Once every recipient has its row (cancelling during preparation is the next test's case).
    await waitFor(batchId, (batch) => batch.prepared);
    await eventually(async () => app.sink.messages.length >= 10);
    const cancelled = (await admin('post', `/batches/${batchId}/cancel`).expect(200)).body.data;
    expect(cancelled.status).toBe('cancelled');
    // Mails already with the provider finish (their outcome is written behind): then nothing moves.
    const final = await waitFor(batchId, (batch) => batch.counts.sending === 0 && batch.counts.queued === 0);
    expect(final.counts.cancelled).toBeGreaterThan(0);
    expect(final.counts.sent + final.counts.cancelled).toBe(120);
    expect(app.sink.messages).toHaveLength(final.counts.sent);
    const events = await app.strapi.db.query('plugin::mail-merge.event').count({ where: { recordId: { $in: population.ids } } });
    expect(events).toBe(final.counts.sent);
    await admin('post', `/batches/${batchId}/resume`).expect(400);
  });

  it('cancelled while still being prepared: preparation stops, and only what was already sent left', async () => {
    const population = await createPopulation(app, 'x', { consenting: 60, refused: 0, noEmail: 0, invalid: 0, sharedAddress: 0, orphans: 0 });
    app.sink.clear();
    const batchId = await start(population.ids);
    await admin('post', `/batches/${batchId}/cancel`).expect(200);
    await sleep(1000);
    const final = await batchOf(batchId);
    expect(final.status).toBe('cancelled');
    expect(final.counts.queued + final.counts.held + final.counts.sending).toBe(0);
    expect(final.counts.sent + final.counts.cancelled).toBe(final.counts.total);
    expect(app.sink.messages).toHaveLength(final.counts.sent);
    const events = await app.strapi.db.query('plugin::mail-merge.event').count({ where: { recordId: { $in: population.ids } } });
    expect(events).toBe(final.counts.sent);
  });

  it('a « Pause » racing an « Annuler »: the send ends cancelled, never revived as paused', async () => {
    const population = await createPopulation(app, 'race', { consenting: 60, refused: 0, noEmail: 0, invalid: 0, sharedAddress: 0, orphans: 0 });
    const batchId = await start(population.ids);
    await waitFor(batchId, (batch) => batch.status === 'sending');
    // Both read the send as running. A pause that comes second finds it cancelled and is refused;
    // one that comes first is then cancelled (« Annuler » applies to a paused send).
    const [cancel, pause] = await Promise.all([admin('post', `/batches/${batchId}/cancel`), admin('post', `/batches/${batchId}/pause`)]);
    expect(cancel.status).toBe(200);
    expect([200, 400]).toContain(pause.status);
    if (pause.status === 400) expect(pause.body.error.message).toBe('Cet envoi n’est pas en cours.');
    expect((await batchOf(batchId)).status).toBe('cancelled');
    // Once cancelled, neither a pause nor a resume moves it.
    await admin('post', `/batches/${batchId}/pause`).expect(400);
    await admin('post', `/batches/${batchId}/resume`).expect(400);
    // Mails already with the SMTP server finish before the next test listens to it.
    const settled = await waitFor(batchId, (batch) => batch.counts.sending === 0 && batch.counts.queued === 0);
    expect(settled.status).toBe('cancelled');
  });

  it('pauses itself when too many attempts fail, within one claimed group, and retries the failed ones on demand', async () => {
    const ids = await beneficiaries('r', Array.from({ length: 100 }, (_, n) => `reject-550@n${n}.example.test`));
    app.sink.clear();
    const batchId = await start(ids);
    const paused = await waitFor(batchId, (batch) => batch.status === 'paused');
    expect(paused.pausedReason).toBe('error-ratio');
    // Mails already with the provider finish; the others wait.
    const settled = await waitFor(batchId, (batch) => batch.counts.sending === 0 && batch.counts.queued === 0);
    expect(settled.status).toBe('paused');
    // 20 attempts are the minimum sample; at 40 mails/s a claimed group is 40 mails: at most
    // that many more attempts after the ratio was crossed.
    expect(settled.counts.failed).toBeGreaterThanOrEqual(20);
    expect(settled.counts.failed).toBeLessThanOrEqual(20 + 40);
    expect(settled.counts.held).toBe(100 - settled.counts.failed);
    expect(app.sink.messages).toHaveLength(0);

    // A person looked and goes on: the ratio counts afresh, the rest fails too, and the send ends.
    await admin('post', `/batches/${batchId}/resume`).expect(200);
    await waitFor(batchId, (batch) => batch.status === 'paused' || batch.status === 'done');
    let state = await waitFor(batchId, (batch) => batch.counts.sending === 0 && batch.counts.queued === 0);
    // Each « Reprendre » gives the send a fresh sample; it pauses again until nothing is left.
    while (state.status === 'paused') {
      await admin('post', `/batches/${batchId}/resume`).expect(200);
      state = await waitFor(batchId, (batch) => batch.status !== 'sending' && batch.counts.sending === 0 && batch.counts.queued === 0);
    }
    expect(state.status).toBe('done');
    expect(state.counts.failed).toBe(100);
    const retried = (await admin('post', `/batches/${batchId}/retry-failed`).expect(200)).body.data;
    expect(retried.status).toBe('sending');
    expect(retried.counts.failed + retried.counts.queued + retried.counts.sending).toBe(100);
    await admin('post', `/batches/${batchId}/cancel`).expect(200);
  });

  it('slows down when the SMTP server answers 421 (busy)', async () => {
    const dispatcher = app.strapi.plugin('mail-merge').service('dispatcher');
    const before = dispatcher.expectedRate();
    expect(before).toBeLessThanOrEqual(40);
    const ids = await beneficiaries('b', ['reject-421@busy.example.test']);
    const batchId = await start(ids);
    await eventually(async () => (await app.strapi.db.query('plugin::mail-merge.message').findOne({ where: { batchId, errorCode: 'transient' } })) as any);
    expect(dispatcher.expectedRate()).toBeLessThanOrEqual(20);
    await admin('post', `/batches/${batchId}/cancel`).expect(200);
  });
});
