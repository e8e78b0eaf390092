import supertest from 'supertest';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../scripts/smtp-sink';
import { sharedDatabase, startStrapiProcess, type StrapiProcess } from './helpers/strapi-process';
import { TEST_ACCOUNTS } from './helpers/strapi';
import { eventually } from './helpers/wait';

/**
 * Grouped sends across real processes: one killed mid-batch (SIGKILL) and restarted; on
 * PostgreSQL, two instances dispatching one batch. Each runs on the demo data (412 beneficiaries).
 */
describe('grouped sending across processes', () => {
  let sink: SmtpSink;
  let database: Awaited<ReturnType<typeof sharedDatabase>>;
  const processes: StrapiProcess[] = [];

  const start = async (extra: Record<string, string> = {}) => {
    const started = await startStrapiProcess({
      ...database.env,
      SMTP_PORT: String(sink.port),
      SEED_DEMO: 'true',
      MAIL_RATE_PER_SECOND: '60',
      MAIL_POLL_INTERVAL_MS: '100',
      // Another instance's mail stuck in « sending » for this long is taken as interrupted.
      MAIL_STALE_AFTER_MS: '1500',
      ...extra,
    });
    processes.push(started);
    return started;
  };

  const client = async (instance: StrapiProcess) => {
    const login = await supertest(instance.url).post('/admin/login').send(TEST_ACCOUNTS.admin).expect(200);
    const token = login.body.data.token;
    return (method: 'get' | 'post' | 'put', url: string) => supertest(instance.url)[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  };

  /** Creates a grouped send of the shipped template to every beneficiary; returns its id and the eligible count. */
  const startBatch = async (admin: Awaited<ReturnType<typeof client>>) => {
    await admin('put', '/profile').send({ email: 'gestion@mutuelle.example.test' }).expect(200);
    const templates = (await admin('get', '/templates?page=beneficiaries').expect(200)).body.data;
    const template = templates.find((t: any) => t.title === 'Demande de pièces justificatives');
    const body = { page: 'beneficiaries', template: template.documentId, selection: { filters: {} } };
    const preflight = (await admin('post', '/batches/preflight').send(body).expect(200)).body.data;
    expect(preflight.eligible).toBeGreaterThan(300);
    const batchId = (await admin('post', '/batches').send(body).expect(202)).body.data.documentId as string;
    return { batchId, eligible: preflight.eligible as number };
  };

  const waitDone = (admin: Awaited<ReturnType<typeof client>>, batchId: string) =>
    eventually(async () => {
      const { body } = await admin('get', `/batches/${batchId}`).expect(200);
      return body.data.status === 'done' ? body.data : null;
    }, 60_000, 200);

  /** The report's lines: record, page, recipients, status, reason, detail, sent at, mail id. */
  const report = async (admin: Awaited<ReturnType<typeof client>>, batchId: string) => {
    const res = await admin('get', `/batches/${batchId}/report.csv`)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      })
      .expect(200);
    return (res.body as string).replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((line) => line.split(';'));
  };

  const receivedAddresses = () => sink.messages.flatMap((mail) => mail.envelope.to);

  beforeAll(async () => {
    sink = await startSmtpSink();
    database = await sharedDatabase();
  });

  afterAll(async () => {
    for (const instance of processes) await instance.kill();
    await sink?.close();
    await database?.drop();
  });

  it('killed mid-batch (SIGKILL) and restarted: nobody gets two mails, and every eligible recipient gets one', async () => {
    sink.clear();
    // Outcomes are written behind: here 5 s after the first (the kill comes before), so every mail the first
    // instance handed to the SMTP server is still « sending » in the ledger when it dies.
    const first = await start({ MAIL_FLUSH_MS: '5000', MAIL_FLUSH_SIZE: '1000' });
    const { batchId, eligible } = await startBatch(await client(first));
    await eventually(async () => sink.messages.length >= 60, 30_000);
    await first.kill();
    const atKill = new Set(receivedAddresses());
    expect(atKill.size).toBeLessThan(eligible);

    const second = await start();
    const admin = await client(second);
    await waitDone(admin, batchId);
    const lines = await report(admin, batchId);
    const uncertain = lines.filter((line) => line[3] === 'uncertain');
    // Every mail that left before the kill is « uncertain », none « sent » nor sent again.
    for (const address of atKill) expect(lines.find((line) => line[2] === address)?.[3]).toBe('uncertain');
    // Besides them, only mails the dead process had claimed (paced at 60/s: a claim of 60, the
    // next one made when 15 are left).
    expect(uncertain.length).toBeLessThanOrEqual(atKill.size + 60 + 15);
    expect(new Set(receivedAddresses()).size).toBe(receivedAddresses().length);

    // The gestionnaire checks the uncertain ones: those that never arrived are sent again, once.
    const arrived = new Set(receivedAddresses());
    const toResend = uncertain.filter((line) => !arrived.has(line[2]));
    for (const line of toResend) await admin('post', `/messages/${line[7]}/resend`).expect(200);
    await sink.waitFor(eligible, 30_000);
    const expected = lines.filter((line) => ['sent', 'uncertain'].includes(line[3])).map((line) => line[2]);
    expect(expected).toHaveLength(eligible);
    expect(receivedAddresses().sort()).toEqual(expected.sort());
    await second.kill();
  });

  it('a programmed send survives a restart: the process dies before its time, the next one sends it on time', async () => {
    sink.clear();
    const first = await start();
    const admin = await client(first);
    await admin('put', '/profile').send({ email: 'gestion@mutuelle.example.test' }).expect(200);
    const templates = (await admin('get', '/templates?page=beneficiaries').expect(200)).body.data;
    const template = templates.find((t: any) => t.title === 'Demande de pièces justificatives');
    const login = await supertest(first.url).post('/admin/login').send(TEST_ACCOUNTS.admin).expect(200);
    const list = await supertest(first.url)
      .get('/content-manager/collection-types/api::beneficiary.beneficiary?page=1&pageSize=3&sort=id:ASC')
      .set('Authorization', `Bearer ${login.body.data.token}`)
      .expect(200);
    const ids = (list.body.results as { documentId: string }[]).map((record) => record.documentId);
    expect(ids).toHaveLength(3);
    const scheduledAt = new Date(Date.now() + 6000).toISOString();
    const created = await admin('post', '/batches').send({ page: 'beneficiaries', template: template.documentId, selection: { ids }, scheduledAt }).expect(202);
    expect(created.body.data.status).toBe('scheduled');
    await first.kill();

    const second = await start();
    const batch = await waitDone(await client(second), created.body.data.documentId);
    expect(batch.counts.sent + batch.counts.skipped).toBe(3);
    expect(sink.messages.length).toBe(batch.counts.sent);
    for (const mail of sink.messages) expect(mail.receivedAt).toBeGreaterThanOrEqual(Date.parse(scheduledAt));
    await second.kill();
  });

  if (process.env.DATABASE_CLIENT === 'postgres') {
    // On SQLite one process dispatches (a single writer); sharing the queue is PostgreSQL's.
    it('two instances share one batch on PostgreSQL: both send, nobody gets two mails', async () => {
      sink.clear();
      const first = await start({ SEED_DEMO: 'false' });
      const second = await start({ SEED_DEMO: 'false' });
      const { batchId, eligible } = await startBatch(await client(first));
      await waitDone(await client(second), batchId);
      await sink.waitFor(eligible, 30_000);
      expect(sink.messages).toHaveLength(eligible);
      expect(new Set(receivedAddresses()).size).toBe(eligible);

      const pg = new Client({ connectionString: database.url });
      await pg.connect();
      try {
        const { rows } = await pg.query(
          `select claimed_by, count(*)::int as n from mail_merge_messages where batch_id = $1 and status = 'sent' group by claimed_by`,
          [batchId]
        );
        expect(rows).toHaveLength(2);
        for (const row of rows) expect(row.n).toBeGreaterThan(eligible / 10);
      } finally {
        await pg.end();
      }
    });
  }
});
