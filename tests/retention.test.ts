import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { superAdminToken } from './helpers/admin';
import { createHousehold } from './helpers/records';
import { eventually } from './helpers/wait';
// The ledger's index is being rewritten: the retention is used from its own file.
import { createRetention } from '../src/plugins/mail-merge/server/src/services/ledger/retention';
import { registerRetentionJob, RETENTION_JOB } from '../src/plugins/mail-merge/server/src/retention-job';
import { getConfig } from '../src/plugins/mail-merge/server/src/utils/config';

const MESSAGE_UID = 'plugin::mail-merge.message';
const EVENT_UID = 'plugin::mail-merge.event';
const DAY = 24 * 60 * 60 * 1000;

/** Retention of the message ledger: old finished mails lose their content, never their proof. */
describe('ledger retention', () => {
  let app: TestApp;
  let token: string;
  const FROM = 'gestion@mutuelle.example.test';
  const admin = (method: 'get' | 'post', url: string) => app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);

  const meta = () => app.strapi.db.metadata.get(MESSAGE_UID as any) as any;
  const column = (attribute: string) => meta().attributes[attribute].columnName ?? attribute;
  const table = () => app.strapi.db.connection(meta().tableName);
  // SQLite keeps datetimes as epoch milliseconds, PostgreSQL as timestamps.
  const dbTime = (date: Date) => (app.client === 'postgres' ? date : date.getTime());
  const messages = () => app.strapi.db.query(MESSAGE_UID as any);
  const row = (id: number) => messages().findOne({ where: { id } }) as Promise<any>;
  const time = (value: unknown) => (value == null ? null : new Date(value as any).getTime());

  /** Writes the outcome's dates straight into the table, as if the mail were that old. */
  const age = async (id: number, dates: { sentAt?: Date | null; updatedAt: Date }) => {
    const data: Record<string, unknown> = { [column('updatedAt')]: dbTime(dates.updatedAt) };
    if (dates.sentAt !== undefined) data[column('sentAt')] = dates.sentAt === null ? null : dbTime(dates.sentAt);
    await table().where('id', id).update(data);
  };

  const LONG_ERROR = `550 5.1.1 <elise.r1@example.test>: Recipient address rejected: ${'x'.repeat(900)}`;
  const ledgerRow = (status: string, extra: Record<string, unknown> = {}) =>
    messages().create({
      data: {
        page: 'beneficiaries',
        recordId: 'rec-retention',
        templateId: 'tpl-retention',
        templateTitle: 'Relance de cotisation',
        templateVersion: 3,
        fromAddress: FROM,
        to: ['jean.retention@example.test'],
        cc: ['copie@mutuelle.example.test'],
        bcc: [],
        subject: 'Votre cotisation',
        html: '<p>Bonjour Jean, votre cotisation de 42 € est due.</p>',
        text: 'Bonjour Jean, votre cotisation de 42 € est due.',
        attachments: [{ id: 7, filename: 'echeancier.pdf', mime: 'application/pdf', size: 1234 }],
        providerResponse: '250 2.0.0 Ok: queued as ABC123',
        consentLevel: 'interne',
        minimumConsent: 'interne',
        status,
        attempts: 1,
        sentById: 1,
        sentByName: 'Gestionnaire Test',
        ...extra,
      } as any,
    }) as Promise<any>;

  beforeAll(async () => {
    app = await setupStrapi();
    token = await superAdminToken(app);
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('reads 365 days and a daily 03:00 rule from config/plugins.ts', () => {
    expect(getConfig(app.strapi).retention).toEqual({ days: 365, cron: '0 3 * * *' });
  });

  it('purges the content of old finished mails and keeps the proof, the events and everything else', async () => {
    // One real mail, queued from a record and delivered over SMTP: it has an event on the record.
    const { insured } = await createHousehold(app, 'interne', 'r1');
    const template = (await admin('get', '/templates?page=beneficiaries').expect(200)).body.data[0];
    const draft = await admin('post', '/compose').send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId }).expect(200);
    const queued = await admin('post', '/send')
      .send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId, from: FROM, to: draft.body.data.to, cc: ['conseiller@mutuelle.example.test'], html: draft.body.data.html })
      .expect(202);
    const delivered = await eventually(async () => {
      const found = (await messages().findOne({ where: { documentId: queued.body.data.documentId } })) as any;
      return found?.status === 'sent' ? found : null;
    });
    expect(delivered.html).toContain('ADH-r1');
    expect(delivered.providerResponse).toBeTruthy();
    // The ledger keeps attachments as references to Media Library files.
    await messages().update({ where: { id: delivered.id }, data: { attachments: [{ id: 3, filename: 'attestation.pdf', mime: 'application/pdf', size: 2048 }] } as any });

    const now = new Date();
    const old = new Date(now.getTime() - 400 * DAY);
    const recent = new Date(now.getTime() - 30 * DAY);
    await age(delivered.id, { sentAt: old, updatedAt: old });

    const oldFailed = await ledgerRow('failed', { errorCode: 'smtp.rejected', error: LONG_ERROR, providerResponse: null, sentAt: null });
    await age(oldFailed.id, { sentAt: null, updatedAt: old });
    const oldCancelled = await ledgerRow('cancelled', { providerResponse: null, sentAt: null });
    await age(oldCancelled.id, { sentAt: null, updatedAt: old });
    const oldSkipped = await ledgerRow('skipped', { errorCode: 'consent.refused', html: null, text: null, providerResponse: null, sentAt: null });
    await age(oldSkipped.id, { sentAt: null, updatedAt: old });
    const recentSent = await ledgerRow('sent', { messageId: '<recent@mutuelle.example.test>' });
    await age(recentSent.id, { sentAt: recent, updatedAt: recent });
    // sentAt is the outcome's time: a row touched long ago but sent recently stays.
    const recentSentOldUpdate = await ledgerRow('sent');
    await age(recentSentOldUpdate.id, { sentAt: recent, updatedAt: old });
    // Not finished: their bodies are still needed.
    // A retry waiting for its time: the dispatcher leaves it alone while the test looks at it.
    const oldQueued = await ledgerRow('queued', { providerResponse: null, nextAttemptAt: new Date(now.getTime() + 30 * DAY) });
    await age(oldQueued.id, { sentAt: null, updatedAt: old });
    const oldUncertain = await ledgerRow('uncertain', { providerResponse: null });
    await age(oldUncertain.id, { sentAt: null, updatedAt: old });
    const oldHeld = await ledgerRow('held', { providerResponse: null, attempts: 0 });
    await age(oldHeld.id, { sentAt: null, updatedAt: old });

    const untouchedIds = [recentSent.id, recentSentOldUpdate.id, oldQueued.id, oldUncertain.id, oldHeld.id];
    const untouchedBefore = await Promise.all(untouchedIds.map(row));
    const eventsBefore = await app.strapi.db.query(EVENT_UID as any).count();

    const retention = createRetention(app.strapi);
    const result = await retention.purge({ now, days: getConfig(app.strapi).retention.days });
    // The delivered mail, the old failed, cancelled and skipped rows.
    expect(result).toEqual({ purged: 4 });

    const sent = await row(delivered.id);
    expect(sent).toMatchObject({ html: null, text: null, attachments: null, providerResponse: null });
    expect(sent).toMatchObject({
      status: 'sent',
      page: 'beneficiaries',
      recordId: insured.documentId,
      to: ['elise.r1@example.test'],
      cc: ['conseiller@mutuelle.example.test'],
      subject: 'Demande de pièces justificatives — adhésion n° ADH-r1',
      // The sender's display name is kept with the address (« Prénom Nom <adresse> »).
      fromAddress: `"Admin Mutuelle" <${FROM}>`,
      templateId: template.documentId,
      templateTitle: template.title,
      templateVersion: 1,
      consentLevel: 'interne',
      minimumConsent: 'interne',
      messageId: delivered.messageId,
      sentById: delivered.sentById,
      sentByName: delivered.sentByName,
    });
    expect(sent.sentByName).toBeTruthy();
    expect(time(sent.sentAt)).toBe(old.getTime());
    // The outcome's date of unsent mails: the purge leaves it as it was.
    expect(time(sent.updatedAt)).toBe(old.getTime());
    expect(time(sent.purgedAt)).toBe(now.getTime());

    const failed = await row(oldFailed.id);
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'smtp.rejected', html: null, text: null, attachments: null, providerResponse: null });
    expect(failed.error).toBe(LONG_ERROR.slice(0, 200));
    expect(failed.error.startsWith('550 5.1.1 <elise.r1@example.test>: Recipient address rejected')).toBe(true);
    expect(failed).toMatchObject({ to: ['jean.retention@example.test'], subject: 'Votre cotisation', templateTitle: 'Relance de cotisation', templateVersion: 3, sentByName: 'Gestionnaire Test' });
    expect(time(failed.updatedAt)).toBe(old.getTime());
    expect(time(failed.purgedAt)).toBe(now.getTime());
    expect(await row(oldCancelled.id)).toMatchObject({ status: 'cancelled', html: null, attachments: null });
    expect(await row(oldSkipped.id)).toMatchObject({ status: 'skipped', errorCode: 'consent.refused', attachments: null });

    // Recent, queued, uncertain and held mails: exactly as they were.
    expect(await Promise.all(untouchedIds.map(row))).toEqual(untouchedBefore);
    for (const kept of untouchedBefore) {
      expect(kept.purgedAt).toBeNull();
      expect(kept.html).toBe('<p>Bonjour Jean, votre cotisation de 42 € est due.</p>');
      expect(kept.attachments).toEqual([{ id: 7, filename: 'echeancier.pdf', mime: 'application/pdf', size: 1234 }]);
    }

    // The record's event is still there, and no event went.
    expect(await app.strapi.db.query(EVENT_UID as any).count()).toBe(eventsBefore);
    const events = await admin('get', `/records/beneficiaries/${insured.documentId}/events`).expect(200);
    expect(events.body.data).toHaveLength(1);
    expect(events.body.data[0]).toMatchObject({ label: `[AUTO] Envoi de mail : ${template.title}` });

    // Purged rows are not purged again (their purgedAt stays the first one).
    expect(await retention.purge({ now: new Date(now.getTime() + DAY), days: 365 })).toEqual({ purged: 0 });
    expect(time((await row(oldFailed.id)).purgedAt)).toBe(now.getTime());
  });

  it('keeps everything with days = 0, and purges in chunks of chunkSize ids', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 2 * 365 * DAY);
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const created = await ledgerRow(i % 2 ? 'failed' : 'sent', { subject: `Lot ${i}`, errorCode: i % 2 ? 'smtp.timeout' : null });
      await age(created.id, { sentAt: i % 2 ? null : old, updatedAt: old });
      ids.push(created.id);
    }
    const retention = createRetention(app.strapi);

    expect(await retention.purge({ now, days: 0, chunkSize: 2 })).toEqual({ purged: 0 });
    for (const id of ids) expect(await row(id)).toMatchObject({ purgedAt: null, html: '<p>Bonjour Jean, votre cotisation de 42 € est due.</p>' });

    // Each UPDATE on the ledger covers at most 2 consecutive ids: 5 rows take at least 3 of them.
    const updated: number[] = [];
    const tableName = meta().tableName as string;
    const onResponse = (response: unknown, query: { sql: string }) => {
      // The purge's statements only (they write purgedAt), not the dispatcher's.
      if (/^\s*update\b/i.test(query.sql) && query.sql.includes(tableName) && query.sql.includes(column('purgedAt'))) updated.push(Number(response));
    };
    const knex = app.strapi.db.connection as any;
    knex.on('query-response', onResponse);
    try {
      expect(await retention.purge({ now, days: 365, chunkSize: 2 })).toEqual({ purged: 5 });
    } finally {
      knex.removeListener('query-response', onResponse);
    }
    expect(updated.reduce((sum, count) => sum + count, 0)).toBe(5);
    expect(Math.max(...updated)).toBeLessThanOrEqual(2);
    expect(updated.filter((count) => count > 0).length).toBeGreaterThanOrEqual(3);
    // One statement per window of 2 ids from the lowest id to the highest.
    const { low, high } = (await table().min({ low: 'id' }).max({ high: 'id' }).first()) as any;
    expect(updated).toHaveLength(Math.ceil((Number(high) - Number(low) + 1) / 2));
    for (const [i, id] of ids.entries()) {
      const purged = await row(id);
      expect(purged).toMatchObject({ subject: `Lot ${i}`, html: null, text: null, attachments: null, providerResponse: null, to: ['jean.retention@example.test'] });
      expect(purged.errorCode).toBe(i % 2 ? 'smtp.timeout' : null);
      expect(time(purged.purgedAt)).toBe(now.getTime());
    }
  });

  it('schedules one daily job on Strapi’s cron that purges with the configured days', async () => {
    registerRetentionJob(app.strapi);
    // Registered twice (a second bootstrap): still one job.
    registerRetentionJob(app.strapi);
    const jobs = app.strapi.cron.jobs.filter((spec: any) => spec.name === RETENTION_JOB);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].options).toEqual({ rule: '0 3 * * *' });
    const next = (jobs[0].job as any).nextInvocation() as Date;
    expect([next.getHours(), next.getMinutes()]).toEqual([3, 0]);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(DAY);

    const stale = await ledgerRow('sent');
    const old = new Date(Date.now() - 366 * DAY);
    await age(stale.id, { sentAt: old, updatedAt: old });
    await (jobs[0].job as any).invoke();
    expect(await row(stale.id)).toMatchObject({ status: 'sent', html: null, attachments: null, subject: 'Votre cotisation' });
    expect((await row(stale.id)).purgedAt).not.toBeNull();
    app.strapi.cron.remove(RETENTION_JOB);
  });

  it('compares against the dates as Strapi itself stores them (no aging by hand)', async () => {
    const sent = await ledgerRow('sent', { sentAt: new Date() });
    const failed = await ledgerRow('failed', { errorCode: 'smtp.rejected', error: 'Rejected' });
    const retention = createRetention(app.strapi);
    await retention.purge({ days: 365 });
    expect(await row(sent.id)).toMatchObject({ purgedAt: null, html: '<p>Bonjour Jean, votre cotisation de 42 € est due.</p>' });
    expect(await row(failed.id)).toMatchObject({ purgedAt: null });

    const later = new Date(Date.now() + 366 * DAY);
    await retention.purge({ now: later, days: 365 });
    expect(await row(sent.id)).toMatchObject({ status: 'sent', html: null, attachments: null });
    expect(await row(failed.id)).toMatchObject({ status: 'failed', errorCode: 'smtp.rejected', error: 'Rejected', html: null });
  });
});
