import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// mailauth's DKIM verifier: what a receiving server (Gmail, Outlook) checks.
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { superAdminToken } from './helpers/admin';
import { createHousehold } from './helpers/records';
import { eventually } from './helpers/wait';

const BOUNCE_DOMAIN = 'bounces.mutuelle.example.test';
const SELECTOR = 'mm2026';
const SIGNING_DOMAIN = 'mutuelle.example.test';

/** The headers every mail carries (Message-ID, Auto-Submitted, VERP return path) and DKIM. */
describe('standard headers, return path and DKIM', () => {
  let app: TestApp;
  let token: string;
  let publicKey: string;
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-merge-dkim-'));
  const FROM = 'gestion@mutuelle.example.test';
  const admin = (method: 'get' | 'post' | 'put', url: string) => app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const messageRow = (documentId: string) =>
    eventually(async () => {
      const row = await app.strapi.db.query('plugin::mail-merge.message').findOne({ where: { documentId } });
      return row?.status === 'sent' ? row : null;
    });
  const beneficiariesTemplate = async () => (await admin('get', '/templates?page=beneficiaries').expect(200)).body.data[0];

  beforeAll(async () => {
    const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = path.join(keyDir, 'dkim.pem');
    fs.writeFileSync(keyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    publicKey = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    app = await setupStrapi({
      pluginConfig: { bounces: { domain: BOUNCE_DOMAIN } },
      env: { SMTP_DKIM_DOMAIN: SIGNING_DOMAIN, SMTP_DKIM_SELECTOR: SELECTOR, SMTP_DKIM_PRIVATE_KEY_FILE: keyFile },
    });
    token = await superAdminToken(app);
    await admin('put', '/profile').send({ email: FROM, signature: '<p>Le service adhésions</p>' }).expect(200);
  });

  afterAll(async () => {
    await app?.teardown();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  it('a gestionnaire’s single mail: Message-ID from its ledger row, VERP return path, no Auto-Submitted, a valid DKIM signature', async () => {
    app.sink.clear();
    const { insured } = await createHousehold(app, 'interne', 'h1');
    const template = await beneficiariesTemplate();
    const draft = await admin('post', '/compose').send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId }).expect(200);
    const sent = await admin('post', '/send')
      .send({ page: 'beneficiaries', record: insured.documentId, template: template.documentId, from: FROM, to: draft.body.data.to, subject: draft.body.data.subject, html: draft.body.data.html })
      .expect(202);
    const documentId = sent.body.data.documentId;

    const [mail] = await app.sink.waitFor(1);
    const row = await messageRow(documentId);
    expect(mail.headers.get('message-id')).toBe(`<${documentId}@${BOUNCE_DOMAIN}>`);
    expect(row.messageId).toBe(`${documentId}@${BOUNCE_DOMAIN}`);
    expect(mail.envelope.from).toBe(`bounce+${documentId}@${BOUNCE_DOMAIN}`);
    expect(mail.envelope.to).toEqual(['elise.h1@example.test']);
    expect(mail.headers.has('auto-submitted')).toBe(false);

    const resolver = async (name: string, type: string) => {
      if (type === 'TXT' && name === `${SELECTOR}._domainkey.${SIGNING_DOMAIN}`) return [[`v=DKIM1; k=rsa; p=${publicKey}`]];
      throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
    };
    const verdict = await dkimVerify(Buffer.from(mail.raw), { resolver });
    expect(verdict.results).toHaveLength(1);
    expect(verdict.results[0].signingDomain).toBe(SIGNING_DOMAIN);
    expect(verdict.results[0].status.result).toBe('pass');

    // A mail altered on the way (one byte of the body) fails the check.
    const altered = mail.raw.replace('ADH-h1', 'ADH-h2');
    expect(altered).not.toBe(mail.raw);
    const tampered = await dkimVerify(Buffer.from(altered), { resolver });
    expect(tampered.results[0].status.result).toBe('fail');
  });

  it('a grouped send: every mail says Auto-Submitted: auto-generated and has its own Message-ID and return path', async () => {
    app.sink.clear();
    const households = [await createHousehold(app, 'interne', 'h2'), await createHousehold(app, 'interne', 'h3')];
    const template = await beneficiariesTemplate();
    const selection = { ids: households.map(({ insured }) => insured.documentId) };
    const created = await admin('post', '/batches').send({ page: 'beneficiaries', template: template.documentId, selection }).expect(202);
    const mails = await app.sink.waitFor(2, 30_000);

    const rows = await eventually(async () => {
      const found = await app.strapi.db.query('plugin::mail-merge.message').findMany({ where: { batchId: created.body.data.documentId, status: 'sent' } });
      return found.length === 2 ? found : null;
    });
    for (const mail of mails) {
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      const row = rows.find((candidate: { documentId: string }) => mail.envelope.from === `bounce+${candidate.documentId}@${BOUNCE_DOMAIN}`);
      expect(row).toBeTruthy();
      expect(mail.headers.get('message-id')).toBe(`<${row.documentId}@${BOUNCE_DOMAIN}>`);
    }
  });
});
