import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedScale } from '../src/seed/scale';
import { superAdminToken } from './helpers/admin';
import { createHousehold } from './helpers/records';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { eventually } from './helpers/wait';

const FROM = 'gestion@mutuelle.example.test';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The ledger seen from the database: a trigger records every status change the application
 * makes, so the moves below are what really reached the table, through public paths only.
 */
/** One app for a describe block, with the helpers its tests share. */
const ledgerApp = (env: Record<string, string>) => {
  const t = {} as { app: TestApp; token: string; templateId: string } & ReturnType<typeof helpersFor>;
  beforeAll(async () => {
    t.app = await setupStrapi({
      env: { MAIL_POLL_INTERVAL_MS: '100', MAIL_RETRY_DELAY_MS: '100', MAIL_MAX_ATTEMPTS: '2', MAIL_STALE_AFTER_MS: '60000', ...env },
    });
    Object.assign(t, helpersFor(t));
    t.token = await superAdminToken(t.app);
    await t.admin('put', '/profile').send({ email: FROM }).expect(200);
    t.templateId = (await t.admin('get', '/templates?page=beneficiaries').expect(200)).body.data[0].documentId;
  });
  afterAll(async () => {
    await t.app?.teardown();
  });
  return t;
};

const helpersFor = (t: { app: TestApp; token: string; templateId: string }) => {
  const admin = (method: 'get' | 'post' | 'put', url: string) => t.app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${t.token}`);
  const knex = () => t.app.strapi.db.connection;
  const statusOf = (documentId: string, status: string) =>
    eventually(async () => {
      const row = (await t.app.strapi.db.query('plugin::mail-merge.message').findOne({ where: { documentId } })) as any;
      return row?.status === status ? row : null;
    }, 20_000);
  const batchOf = async (documentId: string) => (await admin('get', `/batches/${documentId}`).expect(200)).body.data;
  const waitBatch = (documentId: string, check: (batch: any) => boolean) =>
    eventually(async () => {
      const batch = await batchOf(documentId);
      return check(batch) ? batch : null;
    }, 30_000);
  const send = (record: string, to: string) =>
    admin('post', '/send').send({ page: 'beneficiaries', record, template: t.templateId, from: FROM, to: [to] }).expect(202);
  const beneficiaries = async (tag: string, emails: string[]) => {
    const docs = t.app.strapi.documents as any;
    const adhesion = await docs('api::adhesion.adhesion').create({ data: { number: `ADH-L-${tag}`, startDate: '2024-01-01' } });
    const ids: string[] = [];
    for (const [n, email] of emails.entries()) {
      ids.push((await docs('api::beneficiary.beneficiary').create({ data: { lastName: 'Registre', firstName: `${n}`, email, role: n === 0 ? 'assure' : 'ayant_droit', adhesion: adhesion.documentId } })).documentId);
    }
    return ids;
  };
  const startBatch = async (ids: string[]) =>
    (await admin('post', '/batches').send({ page: 'beneficiaries', template: t.templateId, selection: { ids } }).expect(202)).body.data.documentId as string;

  const recordMoves = async () => {
    await knex().raw('create table ledger_moves (old_status varchar(20), new_status varchar(20))');
    if (t.app.client === 'postgres') {
      await knex().raw(`create function ledger_moves_fn() returns trigger language plpgsql as $$
        begin
          if old.status is distinct from new.status then insert into ledger_moves values (old.status, new.status); end if;
          return new;
        end $$`);
      await knex().raw('create trigger ledger_moves_trg after update on mail_merge_messages for each row execute function ledger_moves_fn()');
    } else {
      await knex().raw(`create trigger ledger_moves_trg after update of status on mail_merge_messages
        when old.status is not new.status begin insert into ledger_moves values (old.status, new.status); end`);
    }
  };
  const moves = async () => {
    const rows = (await knex().raw('select distinct old_status as "from", new_status as "to" from ledger_moves')) as any;
    return new Set<string>((t.app.client === 'postgres' ? rows.rows : rows).map((row: any) => `${row.from}→${row.to}`));
  };

  return { admin, knex, statusOf, batchOf, waitBatch, send, beneficiaries, startBatch, recordMoves, moves };
};

describe('the message ledger, paced at 10 mails/s', () => {
  const t = ledgerApp({ MAIL_RATE_PER_SECOND: '10' });

  it('makes every allowed move, and only those, through the public paths', async () => {
    await t.recordMoves();
    const dispatcher = t.app.strapi.plugin('mail-merge').service('dispatcher') as any;
    const { insured } = await createHousehold(t.app, 'interne', 'ledger');

    // Single sends: delivered; refused for good (5xx) then « Renvoyer »; refused for now (4xx), retried.
    const sent = await t.send(insured.documentId, 'membre@example.test');
    const refused = await t.send(insured.documentId, 'reject-550@example.test');
    const busy = await t.send(insured.documentId, 'reject-451@example.test');
    await t.statusOf(sent.body.data.documentId, 'sent');
    await t.statusOf(refused.body.data.documentId, 'failed');
    await t.admin('post', `/messages/${refused.body.data.documentId}/resend`).expect(200);
    await t.statusOf(busy.body.data.documentId, 'failed');

    // A mail left « sending » by a process that died becomes « uncertain »; a person sends it again.
    await dispatcher.stop();
    const orphan = await t.send(insured.documentId, 'orphelin@example.test');
    await t.knex()('mail_merge_messages')
      .where('document_id', orphan.body.data.documentId)
      .update({ status: 'sending', claimed_by: 'other-host:1:dead', claimed_at: t.app.client === 'postgres' ? new Date(0) : 0 });
    await dispatcher.start();
    await t.statusOf(orphan.body.data.documentId, 'uncertain');
    await t.admin('post', `/messages/${orphan.body.data.documentId}/resend`).expect(200);
    await t.statusOf(orphan.body.data.documentId, 'sent');

    // Grouped sends, paced (10 mails/s) so that « Pause » and « Annuler » find mails queued,
    // and mails claimed and not yet sent.
    {
      const paused = await t.startBatch(await t.beneficiaries('p', Array.from({ length: 60 }, (_, n) => (n === 3 ? 'reject-550@p.example.test' : `pause.${n}@example.test`))));
      await eventually(async () => t.app.sink.messages.some((mail) => mail.envelope.to[0] === 'pause.2@example.test'));
      await t.admin('post', `/batches/${paused}/pause`).expect(200);
      await t.waitBatch(paused, (batch) => batch.counts.sending === 0 && batch.counts.failed === 1);
      await t.admin('post', `/batches/${paused}/retry-failed`).expect(200);
      await t.admin('post', `/batches/${paused}/resume`).expect(200);
      await eventually(async () => t.app.sink.messages.some((mail) => mail.envelope.to[0] === 'pause.8@example.test'));
      await t.admin('post', `/batches/${paused}/pause`).expect(200);
      await t.admin('post', `/batches/${paused}/cancel`).expect(200);

      const cancelled = await t.startBatch(await t.beneficiaries('c', Array.from({ length: 60 }, (_, n) => `annule.${n}@example.test`)));
      await eventually(async () => t.app.sink.messages.some((mail) => mail.envelope.to[0] === 'annule.2@example.test'));
      await t.admin('post', `/batches/${cancelled}/cancel`).expect(200);

      const retried = await t.startBatch(await t.beneficiaries('r', ['reject-550@r.example.test', 'relance.1@example.test']));
      await t.waitBatch(retried, (batch) => batch.status === 'done');
      await t.admin('post', `/batches/${retried}/retry-failed`).expect(200);
      await t.waitBatch(retried, (batch) => batch.status === 'done');
      await t.waitBatch(paused, (batch) => batch.counts.sending === 0);
      await t.waitBatch(cancelled, (batch) => batch.counts.sending === 0);
    }

    // Written out here, not read from constants.ts.
    console.log(`[ledger] moves seen: ${[...(await t.moves())].sort().join(', ')}`);
    expect([...(await t.moves())].sort()).toEqual(
      [
        'queued→sending', 'queued→held', 'queued→cancelled',
        'sending→sent', 'sending→failed', 'sending→queued', 'sending→uncertain', 'sending→held', 'sending→cancelled',
        'held→queued', 'held→cancelled',
        'failed→queued', 'failed→held',
        'uncertain→queued',
      ].sort()
    );
  });

});

describe('the message ledger at full speed', () => {
  // setupStrapi's environment outlives a boot: the rate is set back explicitly. The poll at its
  // default (2 s, not the other tests' 100 ms): the dispatcher is woken by each prepared chunk,
  // and an idle poll every 100 ms while the batch is prepared would be counted as the path's cost.
  const t = ledgerApp({ MAIL_RATE_PER_SECOND: '0', MAIL_POLL_INTERVAL_MS: '2000' });

  it('costs at most 0.15 SQL statements per mail on the grouped path', async () => {
    await seedScale(t.app.strapi, { adhesions: 700, coverageRequests: 0, simulations: 0, batchSize: 700, seed: 11, prefix: 'LEDG' });
    const people = (await t.knex()('beneficiaries').where('email', 'like', '%@%').whereNot('email', 'like', 'reject-%').select('document_id')).map(
      (row: any) => row.document_id
    );
    let statements = 0;
    const kinds = new Map<string, number>();
    const count = (query: any) => {
      statements += 1;
      const key = String(query.sql).replace(/\s+/g, ' ').slice(0, 70);
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
    };
    const body = { page: 'beneficiaries', template: t.templateId, selection: { ids: people } };
    const { eligible } = (await t.admin('post', '/batches/preflight').send(body).expect(200)).body.data;
    t.app.sink.clear();
    t.knex().on('query', count);
    let batchId: string;
    try {
      batchId = (await t.admin('post', '/batches').send(body).expect(202)).body.data.documentId;
      // Waiting on the sink, not on the API (whose reads would count), then for the last flush.
      await t.app.sink.waitFor(eligible, 120_000);
      await sleep(1000);
    } finally {
      t.knex().off('query', count);
    }
    const batch = await t.batchOf(batchId);
    expect(batch.status).toBe('done');
    expect(batch.counts.sent).toBeGreaterThan(800);
    expect(t.app.sink.messages).toHaveLength(batch.counts.sent);
    const perMail = statements / batch.counts.sent;
    if (process.env.LEDGER_DEBUG) console.log([...kinds].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, n]) => `${n} ${k}`).join('\n'));
    console.log(`[ledger] ${t.app.client}: ${statements} SQL statements for ${batch.counts.sent} mails = ${perMail.toFixed(3)} per mail`);
    expect(perMail).toBeLessThanOrEqual(0.15);
  }, 180_000);
});
