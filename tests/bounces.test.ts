import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, superAdminToken, userWithActions } from './helpers/admin';
import { buildDsn, splitMessage } from './helpers/dsn';
import { createHousehold } from './helpers/records';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { eventually } from './helpers/wait';

const DOMAIN = 'bounces.mutuelle.example.test';
const FROM = 'gestion@mutuelle.example.test';
const INTAKE = 'plugin::mail-merge.bounces.intake';

/** A mail that comes back: VERP, DSN intake (route and SMTP listener), ledger, event, suppression list. */
describe('bounces', () => {
  let app: TestApp;
  let admin: string;
  let intake: string;
  let templateId: string;

  const as = (token: string, method: 'get' | 'post' | 'put', url: string) => app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const post = (raw: Buffer, { token = intake, type = 'message/rfc822', query = '' }: { token?: string | null; type?: string; query?: string } = {}) => {
    const request = app.request().post(`/api/mail-merge/bounces${query}`).set('Content-Type', type);
    return (token ? request.set('Authorization', `Bearer ${token}`) : request).send(raw);
  };
  const db = (uid: string) => app.strapi.db.query(`plugin::mail-merge.${uid}` as any);
  const messageRow = (documentId: string) => db('message').findOne({ where: { documentId } }) as Promise<any>;
  const verp = (documentId: string) => `bounce+${documentId}@${DOMAIN}`;
  /** What a DSN could change: every mail's status and error, the events, the suppression list. */
  const snapshot = async () => ({
    messages: ((await db('message').findMany({ select: ['documentId', 'status', 'errorCode', 'error'], orderBy: { id: 'asc' } })) as any[]).map((m) => JSON.stringify(m)),
    events: await db('event').count(),
    suppressions: await db('suppression').count(),
  });

  /** « Envoyer » from the record to `to`, then the mail as the SMTP server received it and its sent row. */
  const sendFrom = async (record: string, to: string[], extra: Record<string, unknown> = {}) => {
    const before = app.sink.messages.length;
    const queued = await as(admin, 'post', '/send').send({ page: 'beneficiaries', record, template: templateId, from: FROM, to, ...extra }).expect(202);
    const documentId = queued.body.data.documentId as string;
    const [mail] = (await app.sink.waitFor(before + 1)).slice(before);
    const row = await eventually(async () => {
      const found = await messageRow(documentId);
      return found?.status === 'sent' ? found : null;
    });
    return { documentId, mail, row };
  };

  beforeAll(async () => {
    app = await setupStrapi({ pluginConfig: { bounces: { domain: DOMAIN, listener: { enabled: true, host: '127.0.0.1', port: 0 } } } });
    admin = await superAdminToken(app);
    intake = await apiToken(app, 'custom', [INTAKE]);
    await as(admin, 'put', '/profile').send({ email: FROM }).expect(200);
    const templates = (await as(admin, 'get', '/templates?page=beneficiaries').expect(200)).body.data;
    templateId = templates.find((t: any) => t.title === 'Demande de pièces justificatives').documentId;
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('sends with the VERP return path; a hard bounce makes the mail « bounced », writes the event and suppresses the address, once', async () => {
    const { insured } = await createHousehold(app, 'interne', 'bh1');
    const { documentId, mail, row } = await sendFrom(insured.documentId, [insured.email]);
    expect(mail.envelope.from).toBe(verp(documentId));
    expect(row.messageId).toBe(`${documentId}@${DOMAIN}`);

    const dsn = await buildDsn({ to: verp(documentId), recipient: insured.email, returned: { messageId: row.messageId, mailMergeId: documentId } });
    const { body } = await post(dsn).expect(200);
    expect(body.data).toMatchObject({ message: documentId, outcome: 'bounced', status: 'bounced', suppressed: [insured.email] });
    expect(body.data.recipients).toEqual([
      { address: insured.email, action: 'failed', status: '5.1.1', diagnostic: `550 5.1.1 <${insured.email}>: Recipient address rejected: User unknown in virtual mailbox table` },
    ]);

    const bounced = await messageRow(documentId);
    expect(bounced.status).toBe('bounced');
    expect(bounced.errorCode).toBe('hard-bounce');
    expect(bounced.error).toContain('adresse inconnue (5.1.1)');
    expect(bounced.error).toContain('Recipient address rejected: User unknown');

    const events = (await db('event').findMany({ where: { recordId: insured.documentId }, orderBy: { id: 'asc' } })) as any[];
    expect(events.map((e) => e.label)).toEqual([
      '[AUTO] Envoi de mail : Demande de pièces justificatives',
      '[AUTO] Mail non distribué : Demande de pièces justificatives — adresse inconnue (5.1.1)',
    ]);
    expect(events[1]).toMatchObject({ page: 'beneficiaries', messageId: documentId });

    const suppressions = (await db('suppression').findMany({ where: { address: insured.email } })) as any[];
    expect(suppressions).toHaveLength(1);
    expect(suppressions[0]).toMatchObject({ statusCode: '5.1.1', messageId: documentId, reason: 'adresse inconnue (5.1.1)', recordId: insured.documentId, clearedAt: null });

    // The same DSN again: nothing new.
    const again = await post(dsn).expect(200);
    expect(again.body.data).toMatchObject({ outcome: 'unchanged', status: 'bounced', suppressed: [] });
    expect(await db('event').count({ where: { recordId: insured.documentId } })).toBe(2);
    expect(await db('suppression').count({ where: { address: insured.email } })).toBe(1);

    // « Suivi des mails » filters by the new status; the timeline shows it.
    const listed = await as(admin, 'get', '/messages?status=bounced').expect(200);
    expect(listed.body.data.map((m: any) => m.documentId)).toEqual([documentId]);
    const detail = await as(admin, 'get', `/messages/${documentId}`).expect(200);
    expect(detail.body.data.error).toContain('User unknown');
    const timeline = await as(admin, 'get', `/records/beneficiaries/${insured.documentId}/events`).expect(200);
    expect(timeline.body.data[0]).toMatchObject({ label: events[1].label, status: 'bounced' });
  });

  it('refuses a later single or front-office send to a suppressed address (To, Cc or Bcc), skips it in a grouped send, and lets it through once cleared', async () => {
    const { insured, dependant } = await createHousehold(app, 'interne', 'bh2');
    const first = await sendFrom(insured.documentId, [insured.email]);
    await post(await buildDsn({ to: verp(first.documentId), recipient: insured.email })).expect(200);

    const before = await snapshot();
    const sent = app.sink.messages.length;
    const refused = await as(admin, 'post', '/send').send({ page: 'beneficiaries', record: insured.documentId, template: templateId, from: FROM, to: [insured.email] }).expect(400);
    const today = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    expect(refused.body.error.message).toContain(`L’adresse ${insured.email} est en échec depuis le ${today} (adresse inconnue (5.1.1))`);
    expect(refused.body.error.details).toMatchObject({ code: 'address.bounced', address: insured.email, statusCode: '5.1.1', message: first.documentId });
    expect(refused.body.error.details.en).toContain(`The address ${insured.email} has been bouncing since`);
    // Cc and Bcc too, whatever the case of the address.
    for (const field of ['cc', 'bcc']) {
      await as(admin, 'post', '/send')
        .send({ page: 'beneficiaries', record: dependant.documentId, template: templateId, from: FROM, to: [dependant.email], [field]: [insured.email.toUpperCase()] })
        .expect(400);
    }
    // The content API applies the same rule.
    const frontOffice = await apiToken(app, 'full-access');
    const api = await app.request().post('/api/mail-merge/messages').set('Authorization', `Bearer ${frontOffice}`).send({ template: templateId, record: insured.documentId }).expect(400);
    expect(api.body.error.details.code).toBe('address.bounced');
    expect(await snapshot()).toEqual(before);
    expect(app.sink.messages).toHaveLength(sent);

    // A grouped send skips it with the reason `bounced`, in the pre-flight, the counts and the report.
    const selection = { ids: [insured.documentId, dependant.documentId] };
    const preflight = await as(admin, 'post', '/batches/preflight').send({ page: 'beneficiaries', template: templateId, selection }).expect(200);
    expect(preflight.body.data).toMatchObject({ total: 2, eligible: 1, skipped: { bounced: 1 } });
    const created = await as(admin, 'post', '/batches').send({ page: 'beneficiaries', template: templateId, selection }).expect(202);
    const batch = await eventually(async () => {
      const { body } = await as(admin, 'get', `/batches/${created.body.data.documentId}`).expect(200);
      return body.data.status === 'done' ? body.data : null;
    }, 30_000);
    expect(batch.counts).toMatchObject({ total: 2, sent: 1, skipped: 1, bounced: 0, skippedByReason: { bounced: 1 } });
    const skipped = (await db('message').findOne({ where: { batchId: batch.documentId, status: 'skipped' } })) as any;
    expect(skipped).toMatchObject({ recordId: insured.documentId, errorCode: 'bounced' });
    expect(skipped.error).toBe(`Adresse en échec depuis le ${today} (adresse inconnue (5.1.1)) : ${insured.email}.`);
    const report = await as(admin, 'get', `/batches/${batch.documentId}/report.csv`).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    const line = (report.body as string).split('\r\n').find((l) => l.startsWith(insured.documentId))!;
    expect(line.split(';').slice(3, 5)).toEqual(['skipped', 'bounced']);
    expect(line.split(';').slice(8)).toEqual(['non envoyé', 'Adresse en échec']);

    // « Adresses en échec »: listed with messages-read; « Lever » needs a send action as well.
    const reader = await userWithActions(app, ['plugin::mail-merge.messages-read', { action: 'plugin::content-manager.explorer.read', subject: 'api::beneficiary.beneficiary' }]);
    const manager = await userWithActions(app, [
      'plugin::mail-merge.messages-read',
      'plugin::mail-merge.send-single',
      { action: 'plugin::content-manager.explorer.read', subject: 'api::beneficiary.beneficiary' },
    ]);
    const list = await as(reader.token, 'get', `/suppressions?address=${encodeURIComponent(insured.email)}`).expect(200);
    expect(list.body.data).toHaveLength(1);
    const suppression = list.body.data[0];
    expect(suppression).toMatchObject({ address: insured.email, statusCode: '5.1.1', messageId: first.documentId, clearedAt: null, templateTitle: 'Demande de pièces justificatives' });
    await as(reader.token, 'post', `/suppressions/${suppression.documentId}/clear`).expect(403);
    const cleared = await as(manager.token, 'post', `/suppressions/${suppression.documentId}/clear`).expect(200);
    expect(cleared.body.data.clearedAt).not.toBeNull();
    expect(cleared.body.data.clearedByName).toBe(`Test User ${manager.email.match(/^user(\d+)\./)![1]}`);
    expect((await as(manager.token, 'get', '/suppressions').expect(200)).body.data.map((s: any) => s.documentId)).not.toContain(suppression.documentId);
    expect((await as(manager.token, 'get', '/suppressions?status=cleared').expect(200)).body.data.map((s: any) => s.documentId)).toContain(suppression.documentId);

    // Cleared: the address gets mail again.
    const again = await sendFrom(insured.documentId, [insured.email]);
    expect(again.mail.envelope.to).toEqual([insured.email]);
  });

  it('records a soft bounce (4.x.x, delayed) without changing the status, the list or the timeline', async () => {
    const { insured } = await createHousehold(app, 'interne', 'bs1');
    const { documentId } = await sendFrom(insured.documentId, [insured.email]);
    const events = await db('event').count();
    const { body } = await post(
      await buildDsn({ to: verp(documentId), recipient: insured.email, action: 'delayed', status: '4.4.1', diagnostic: 'smtp; 421 4.4.1 mx.example.test: Connection timed out' })
    ).expect(200);
    expect(body.data).toMatchObject({ outcome: 'delayed', status: 'sent', suppressed: [] });
    const row = await messageRow(documentId);
    expect(row.status).toBe('sent');
    expect(row.errorCode).toBe('soft-bounce');
    expect(row.error).toContain('Remise retardée');
    expect(row.error).toContain('4.4.1');
    expect(await db('suppression').count({ where: { address: insured.email } })).toBe(0);
    expect(await db('event').count()).toBe(events);
    // Mail to it still goes.
    await sendFrom(insured.documentId, [insured.email]);
  });

  it('finds the mail by its returned headers only without a VERP address, and takes a multipart/report body with the envelope recipient', async () => {
    const { insured, dependant } = await createHousehold(app, 'interne', 'bf1');
    const byHeaders = await sendFrom(insured.documentId, [insured.email]);
    // Delivered to the postmaster, not to the VERP address: the Message-ID of the returned headers names the mail.
    const dsn = await buildDsn({ to: 'postmaster@mutuelle.example.test', recipient: insured.email, returned: { messageId: byHeaders.row.messageId, as: 'message' } });
    await post(dsn, { type: 'text/plain' }).expect(200);
    expect((await messageRow(byHeaders.documentId)).status).toBe('bounced');

    // A provider's webhook posting the report's body, the boundary in its Content-Type, and the
    // envelope recipient in the query (the body has no To).
    const byEnvelope = await sendFrom(dependant.documentId, [dependant.email]);
    const { contentType, body } = splitMessage(await buildDsn({ to: 'nobody@example.test', recipient: dependant.email }));
    const res = await post(body, { type: contentType, query: `?recipient=${encodeURIComponent(verp(byEnvelope.documentId))}` }).expect(200);
    expect(res.body.data).toMatchObject({ message: byEnvelope.documentId, outcome: 'bounced', suppressed: [dependant.email] });
  });

  it('answers 400 and changes nothing for an unknown mail, a message that is no DSN or a malformed one; 401/403 without a valid token', async () => {
    const { insured } = await createHousehold(app, 'interne', 'bu1');
    const { documentId } = await sendFrom(insured.documentId, [insured.email]);
    const before = await snapshot();

    const unknown = await post(await buildDsn({ to: verp('zzzzzzzzzzzzzzzzzzzzzzzz'), recipient: insured.email })).expect(400);
    expect(unknown.body.error.message).toBe(`Aucun mail ne correspond à cet avis de non-remise (${verp('zzzzzzzzzzzzzzzzzzzzzzzz')}).`);
    expect(unknown.body.error.details).toMatchObject({ code: 'bounce.unknown-message', en: expect.stringContaining('No mail matches') });
    // A VERP address that names an unknown mail is not overruled by the returned headers.
    await post(await buildDsn({ to: verp('zzzzzzzzzzzzzzzzzzzzzzzz'), recipient: insured.email, returned: { mailMergeId: documentId } })).expect(400);

    const noStatus = await post(await buildDsn({ to: verp(documentId), recipient: insured.email, withoutStatus: true })).expect(400);
    expect(noStatus.body.error.details.code).toBe('bounce.no-delivery-status');
    expect(noStatus.body.error.message).toContain('message/delivery-status');
    const garbage = await post(Buffer.from('\u0000\u0001 ceci n’est pas un mail \r\n\r\n\u00ff')).expect(400);
    expect(garbage.body.error.details.code).toBe('bounce.no-delivery-status');
    const malformed = await post(await buildDsn({ to: verp(documentId), recipient: insured.email, withoutStatusField: true })).expect(400);
    expect(malformed.body.error.details).toMatchObject({ code: 'bounce.malformed', en: expect.stringContaining('Unreadable') });
    await post(Buffer.from('pas de champs ici'), { type: 'message/delivery-status', query: `?recipient=${verp(documentId)}` }).expect(400);
    // Neither a VERP address nor returned headers.
    const unidentified = await post(await buildDsn({ to: 'postmaster@mutuelle.example.test', recipient: insured.email })).expect(400);
    expect(unidentified.body.error.details.code).toBe('bounce.unidentified');
    // Not a type a DSN comes in.
    const json = await post(Buffer.from('{"a":1}'), { type: 'application/json' }).expect(415);
    expect(json.body.error.details.code).toBe('bounce.content-type');
    // Too large.
    await post(Buffer.alloc(1024 * 1024 + 1, 'a')).expect(413);

    const valid = await buildDsn({ to: verp(documentId), recipient: insured.email });
    await post(valid, { token: null }).expect(403);
    await post(valid, { token: 'not-a-token' }).expect(401);
    // A token without the action (the front-office's).
    await post(valid, { token: await apiToken(app, 'custom', ['plugin::mail-merge.front-office.send']) }).expect(403);
    expect(await snapshot()).toEqual(before);
    expect((await messageRow(documentId)).status).toBe('sent');
  });

  it('bounces a mail still `sending` (the DSN outran the outcome flush) or `uncertain`, and refuses one for a mail that never left', async () => {
    const { insured } = await createHousehold(app, 'interne', 'bq1');
    const row = (status: string, documentId: string) =>
      db('message').create({
        data: { documentId, page: 'beneficiaries', recordId: insured.documentId, templateTitle: 'Relance', fromAddress: FROM, to: [insured.email], subject: 'Relance', status, claimedBy: 'elsewhere', origin: 'admin' },
      });
    await row('sending', 'sendingsendingsendingsen1');
    await row('uncertain', 'uncertainuncertainuncer1');
    await row('failed', 'failedfailedfailedfailed1');
    for (const documentId of ['sendingsendingsendingsen1', 'uncertainuncertainuncer1']) {
      const { body } = await post(await buildDsn({ to: verp(documentId), recipient: insured.email })).expect(200);
      expect(body.data).toMatchObject({ outcome: 'bounced', status: 'bounced' });
      const bounced = await messageRow(documentId);
      expect(bounced.status).toBe('bounced');
      expect(bounced.sentAt).not.toBeNull();
    }
    const before = await snapshot();
    const refused = await post(await buildDsn({ to: verp('failedfailedfailedfailed1'), recipient: insured.email })).expect(400);
    expect(refused.body.error.details).toMatchObject({ code: 'bounce.not-sent', status: 'failed' });
    expect(await snapshot()).toEqual(before);
  });

  it('the SMTP listener of the bounce domain takes the DSN for a bounce address, and only for one', async () => {
    const port = app.strapi.plugin('mail-merge').service('bounces').listenerPort() as number;
    expect(port).toBeGreaterThan(0);
    const { insured } = await createHousehold(app, 'interne', 'bl1');
    const { documentId } = await sendFrom(insured.documentId, [insured.email]);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      const raw = await buildDsn({ to: verp(documentId), recipient: insured.email });
      await expect(transport.sendMail({ envelope: { from: 'mailer-daemon@mx.example.test', to: [`postmaster@${DOMAIN}`] }, raw })).rejects.toThrow(/550/);
      const info = await transport.sendMail({ envelope: { from: 'mailer-daemon@mx.example.test', to: [verp(documentId)] }, raw });
      expect(info.accepted).toEqual([verp(documentId)]);
      expect((await messageRow(documentId)).status).toBe('bounced');
      expect(await db('suppression').count({ where: { address: insured.email, messageId: documentId } })).toBe(1);
      expect(await db('event').count({ where: { recordId: insured.documentId, label: { $startsWith: '[AUTO] Mail non distribué' } } })).toBe(1);
      // A message that is no DSN is refused for good (550), and changes nothing.
      const { insured: second } = await createHousehold(app, 'interne', 'bl2');
      const other = await sendFrom(second.documentId, [second.email]);
      const notDsn = await buildDsn({ to: verp(other.documentId), recipient: second.email, withoutStatus: true });
      await expect(transport.sendMail({ envelope: { from: 'someone@example.test', to: [verp(other.documentId)] }, raw: notDsn })).rejects.toThrow(/550/);
      expect((await messageRow(other.documentId)).status).toBe('sent');
    } finally {
      transport.close();
    }
  });
});

/**
 * A bounce that comes back while a grouped send is still under way: the suppression list is one
 * of the gates read again right before delivery, so the queued mail to that address stays home.
 */
describe('a bounce arriving during a grouped send', () => {
  let app: TestApp;
  let admin: string;
  let intake: string;
  let templateId: string;
  const as = (method: 'get' | 'post' | 'put', url: string) => app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${admin}`);

  beforeAll(async () => {
    // One mail every two seconds: the later mails of the send wait for their slot.
    app = await setupStrapi({ pluginConfig: { bounces: { domain: DOMAIN }, dispatcher: { ratePerSecond: 0.5, pollIntervalMs: 100 } } });
    admin = await superAdminToken(app);
    intake = await apiToken(app, 'custom', [INTAKE]);
    await as('put', '/profile').send({ email: FROM }).expect(200);
    const templates = (await as('get', '/templates?page=beneficiaries').expect(200)).body.data;
    templateId = templates.find((t: any) => t.title === 'Demande de pièces justificatives').documentId;
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('does not send a queued mail to an address that bounced since: it fails « adresse en échec », the others leave', async () => {
    const people: { documentId: string; email: string }[] = [];
    for (const suffix of ['bg1', 'bg2', 'bg3']) people.push((await createHousehold(app, 'interne', suffix)).insured);
    const [first, second, last] = people;
    // An earlier mail to the last one, sent before the grouped send; its bounce comes back later.
    const earlier = await as('post', '/send').send({ page: 'beneficiaries', record: last.documentId, template: templateId, from: FROM, to: [last.email] }).expect(202);
    await app.sink.waitFor(1, 20_000);

    const selection = { ids: people.map((person) => person.documentId) };
    const created = await as('post', '/batches').send({ page: 'beneficiaries', template: templateId, selection }).expect(202);
    // The first mail of the send has left; the two others wait for their slot.
    const [atFirst] = (await app.sink.waitFor(2, 20_000)).slice(1);
    expect(atFirst.envelope.to).toEqual([first.email]);
    const dsn = await buildDsn({ to: `bounce+${earlier.body.data.documentId}@${DOMAIN}`, recipient: last.email });
    await app.request().post('/api/mail-merge/bounces').set('Content-Type', 'message/rfc822').set('Authorization', `Bearer ${intake}`).send(dsn).expect(200);

    const batch = await eventually(async () => {
      const { body } = await as('get', `/batches/${created.body.data.documentId}`).expect(200);
      return body.data.status === 'done' ? body.data : null;
    }, 30_000);
    expect(batch.counts).toMatchObject({ total: 3, sent: 2, failed: 1 });
    const row = (await app.strapi.db.query('plugin::mail-merge.message' as any).findOne({ where: { batchId: batch.documentId, recordId: last.documentId } })) as any;
    const today = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    expect(row).toMatchObject({ status: 'failed', errorCode: 'bounced' });
    expect(row.error).toBe(`Avant l’envoi : Adresse en échec depuis le ${today} (adresse inconnue (5.1.1)) : ${last.email} (mail non envoyé).`);
    // At the sink: the earlier mail to the last one, then the send's first two, nothing more.
    expect(app.sink.messages.map((mail) => mail.envelope.to)).toEqual([[last.email], [first.email], [second.email]]);
  }, 60_000);
});
