import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { apiToken } from './helpers/admin';
import { createHousehold } from './helpers/records';
import { closeRegistrationOnce, grantMemberActions, MEMBER_ACTIONS } from '../src/seed/members';

/**
 * The members' web space (Users & Permissions): a member logs in, reads and changes the consent
 * levels and notification choices of their own adhesion, and of no other; each change is kept
 * with the member as its author. Booted with the demo data, so the demo member is seeded too.
 */
const MEMBER = { email: 'adherent@test.example.test', password: 'Adherent-Test-2026' };

describe("members' web space", () => {
  let app: TestApp;
  let memberJwt: string;
  let otherJwt: string;
  let other: { adhesion: any };
  const ADHESION = 'api::adhesion.adhesion';
  const docs = (uid: string) => (app.strapi.documents as any)(uid);
  const login = async (identifier: string, password: string) => {
    const res = await app.request().post('/api/auth/local').send({ identifier, password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.jwt as string;
  };
  const my = (method: 'get' | 'put', jwt?: string) => {
    const req = app.request()[method]('/api/my/adhesion/preferences');
    return jwt ? req.set('Authorization', `Bearer ${jwt}`) : req;
  };
  const memberChanges = async (adhesionId: string) =>
    (await docs('api::consent-change.consent-change').findMany({ filters: { adhesion: { documentId: adhesionId } }, sort: 'id:asc' })) as any[];

  /** A member account as staff create it: a users-permissions user linked to an adhesion. */
  const staffCreatedMember = async (email: string, adhesionId: string | null) => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const user = await app.strapi
      .plugin('users-permissions')
      .service('user')
      .add({ username: email, email, password: 'Membre-Test-2026', provider: 'local', confirmed: true, blocked: false, role: role.id });
    if (adhesionId) await docs(ADHESION).update({ documentId: adhesionId, data: { member: user.documentId } });
    return login(email, 'Membre-Test-2026');
  };

  beforeAll(async () => {
    app = await setupStrapi({ env: { SEED_DEMO: 'true', MEMBER_EMAIL: MEMBER.email, MEMBER_PASSWORD: MEMBER.password } });
    memberJwt = await login(MEMBER.email, MEMBER.password);
    other = await createHousehold(app, 'interne', 'm2');
    otherJwt = await staffCreatedMember('autre.adherent@test.example.test', other.adhesion.documentId);
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('lets the demo member log in and read their own adhesion’s preferences', async () => {
    const res = await my('get', memberJwt).expect(200);
    const demo = await docs(ADHESION).findFirst({ filters: { number: 'DEMO-000001' }, populate: ['consent'] });
    expect(res.body.data.adhesion).toEqual({ documentId: demo.documentId, number: 'DEMO-000001' });
    expect(res.body.data.consent).toEqual({
      postalAddress: demo.consent.postalAddress,
      landline: demo.consent.landline,
      mobile: demo.consent.mobile,
      email: demo.consent.email,
    });
    // As in MutualIT's screen: the member chose mail for « remboursement Assuré ».
    expect(res.body.data.notifications).toEqual([
      { code: 'rejet-virement-sante', label: 'Envoi des notifications de rejets de virements en santé pour les adhérents', active: false, channels: ['mail'], chosen: [] },
      { code: 'remboursement-assure', label: 'Envoi des notifications de remboursement Assuré', active: true, channels: ['mail'], chosen: ['mail'] },
      { code: 'rejet-prelevement-adherent', label: 'Rejet de prélèvement adhérent', active: true, channels: ['mail'], chosen: [] },
    ]);
  });

  it('lets a member change their consent and choices, recorded as made by the member', async () => {
    const before = await my('get', otherJwt).expect(200);
    expect(before.body.data.adhesion.number).toBe('ADH-m2');
    const res = await my('put', otherJwt)
      .send({ consent: { email: 'limite' }, notifications: { 'rejet-prelevement-adherent': ['mail'], 'remboursement-assure': ['mail'] } })
      .expect(200);
    expect(res.body.data.consent).toEqual({ postalAddress: 'interne', landline: 'interne', mobile: 'interne', email: 'limite' });
    expect(res.body.data.notifications.filter((n: any) => n.chosen.length).map((n: any) => [n.code, n.chosen])).toEqual([
      ['remboursement-assure', ['mail']],
      ['rejet-prelevement-adherent', ['mail']],
    ]);
    // Only what is given changes.
    const second = await my('put', otherJwt).send({ notifications: { 'remboursement-assure': [] } }).expect(200);
    expect(second.body.data.consent.email).toBe('limite');
    expect(second.body.data.notifications.find((n: any) => n.code === 'rejet-prelevement-adherent').chosen).toEqual(['mail']);

    const changes = await memberChanges(other.adhesion.documentId);
    expect(changes.map((c) => [c.subject, c.channel ?? c.notificationType, c.oldLevel ?? c.oldChannels, c.newLevel ?? c.newChannels])).toEqual(
      expect.arrayContaining([
        ['consent', 'email', 'interne', 'limite'],
        ['notification', 'rejet-prelevement-adherent', [], ['mail']],
        ['notification', 'remboursement-assure', [], ['mail']],
        ['notification', 'remboursement-assure', ['mail'], []],
      ])
    );
    expect(changes).toHaveLength(4);
    expect(changes.every((c) => c.changedByKind === 'member' && c.changedBy === 'autre.adherent@test.example.test')).toBe(true);
  });

  it('refuses invalid changes with a clear 400, changing nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ notifications: { 'rejet-virement-sante': ['mail'] } }, 'n’est pas activée par la mutuelle'],
      [{ notifications: { 'releve-inconnu': ['mail'] } }, 'Type de notification inconnu'],
      [{ notifications: { 'remboursement-assure': ['sms'] } }, 'ne propose pas le canal « sms »'],
      [{ notifications: { 'remboursement-assure': ['pigeon'] } }, 'canal inconnu « pigeon »'],
    ];
    const before = await my('get', memberJwt).expect(200);
    for (const [body, message] of cases) {
      const res = await my('put', memberJwt).send(body);
      expect(res.status, message).toBe(400);
      expect(res.body.error.message, message).toContain(message);
    }
    // Shapes: a level that does not exist, a field the member may not set, a list that is not one.
    await my('put', memberJwt).send({ consent: { email: 'total' } }).expect(400);
    await my('put', memberJwt).send({ number: 'ADH-0000' }).expect(400);
    await my('put', memberJwt).send({ notifications: { 'remboursement-assure': 'mail' } }).expect(400);
    expect((await my('get', memberJwt).expect(200)).body.data).toEqual(before.body.data);
  });

  it('never shows or changes another member’s adhesion', async () => {
    const mine = (await my('get', memberJwt).expect(200)).body.data.adhesion.documentId;
    const theirs = (await my('get', otherJwt).expect(200)).body.data.adhesion.documentId;
    expect(mine).not.toBe(theirs);
    // The adhesion is never taken from the request: no parameter reaches another one.
    const sneaky = await app
      .request()
      .put(`/api/my/adhesion/preferences?adhesion=${theirs}`)
      .set('Authorization', `Bearer ${memberJwt}`)
      .send({ consent: { email: 'refus' } })
      .expect(200);
    expect(sneaky.body.data.adhesion.documentId).toBe(mine);
    await my('put', memberJwt).send({ consent: { email: 'interne' } }).expect(200);
    expect((await my('get', otherJwt).expect(200)).body.data.consent.email).toBe('limite');
    // The generic routes stay closed to members.
    for (const [method, url] of [
      ['get', '/api/adhesions'],
      ['get', `/api/adhesions/${theirs}`],
      ['put', `/api/adhesions/${theirs}`],
      ['get', '/api/consent-changes'],
      ['get', '/api/beneficiaries'],
      ['get', '/api/notification-types'],
    ] as const) {
      const res = await app.request()[method](url).set('Authorization', `Bearer ${memberJwt}`).send({ data: { consent: { email: 'refus' } } });
      expect(res.status, `${method} ${url}`).toBe(403);
    }
    // One account, one adhesion: a second link is refused and nothing is written.
    const otherUser = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: 'autre.adherent@test.example.test' } });
    const { adhesion: third } = await createHousehold(app, 'interne', 'm3');
    await expect(docs(ADHESION).update({ documentId: third.documentId, data: { member: otherUser.documentId } })).rejects.toThrow(
      /déjà rattaché à l’adhésion ADH-m2/
    );
    expect((await docs(ADHESION).findOne({ documentId: third.documentId, populate: ['member'] })).member).toBeNull();
    expect((await my('get', otherJwt).expect(200)).body.data.adhesion.number).toBe('ADH-m2');
    // A member account linked to no adhesion: 404.
    const lonely = await staffCreatedMember('sans.adhesion@test.example.test', null);
    const none = await my('get', lonely).expect(404);
    expect(none.body.error.message).toBe('Aucune adhésion n’est rattachée à ce compte.');
  });

  it('refuses unauthenticated calls (403 from the Public role), bad tokens (401) and API tokens (403)', async () => {
    const anonymous = await my('get');
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.data).toBeNull();
    expect((await my('put').send({ consent: { email: 'refus' } })).status).toBe(403);
    expect((await my('get', 'not-a-jwt')).status).toBe(401);
    const token = await apiToken(app, 'full-access');
    const res = await my('get', token).expect(403);
    expect(res.body.error.message).toBe('Espace adhérent : connectez-vous avec votre compte adhérent.');
  });

  it('keeps registration closed and grants only the two routes to « Authenticated », nothing new to « Public »', async () => {
    const register = await app.request().post('/api/auth/local/register').send({ username: 'intrus', email: 'intrus@example.test', password: 'Intrus-2026-x' });
    expect(register.status).toBe(400);
    expect(register.body.error.message).toBe('Register action is currently disabled');

    const permissions = async (type: string) => {
      const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type }, populate: ['permissions'] });
      return (role.permissions as any[]).map((p) => p.action).sort();
    };
    expect((await permissions('authenticated')).filter((action) => action.startsWith('api::'))).toEqual([...MEMBER_ACTIONS].sort());
    expect((await permissions('public')).filter((action) => action.startsWith('api::'))).toEqual([]);

    // Idempotent; and a mutual that opens registration keeps it open across restarts.
    expect(await grantMemberActions(app.strapi)).toEqual([]);
    const store = app.strapi.store({ type: 'plugin', name: 'users-permissions' });
    const advanced = (await store.get({ key: 'advanced' })) as any;
    expect(advanced.allow_register).toBe(false);
    await store.set({ key: 'advanced', value: { ...advanced, allow_register: true } });
    expect(await closeRegistrationOnce(app.strapi)).toBe(false);
    expect(((await store.get({ key: 'advanced' })) as any).allow_register).toBe(true);
    await store.set({ key: 'advanced', value: advanced });
  });
});
