import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { gestionnaireToken, superAdminToken, userWithActions } from './helpers/admin';

const PLUGIN_ACTIONS = [
  ['plugin::mail-merge.send-single', 'Envoyer un mail unitaire'],
  ['plugin::mail-merge.send-bulk', 'Envoyer un mail groupé'],
  ['plugin::mail-merge.messages-read', 'Suivi des mails envoyés'],
  ['plugin::mail-merge.extractions-read', 'Consulter les extractions pour mails'],
  ['plugin::mail-merge.extractions-manage', 'Gérer les extractions pour mails'],
  ['plugin::mail-merge.templates-read', 'Consulter les modèles de mail'],
  ['plugin::mail-merge.templates-manage', 'Gérer les modèles de mail'],
];

describe('the application', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await setupStrapi();
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('boots on the configured database and answers its health check', async () => {
    expect(app.strapi.db.dialect.client).toBe(app.client === 'postgres' ? 'postgres' : 'sqlite');
    await app.request().get('/_health').expect(204);
  });

  it('loads the mail-merge plugin', () => {
    expect(app.strapi.plugin('mail-merge')).toBeDefined();
    expect(app.strapi.plugin('mail-merge').service('pages')).toBeDefined();
  });

  it('shows the seven permission actions in the role editor, section plugins, in French', async () => {
    const token = await superAdminToken(app);
    const res = await app.request().get('/admin/permissions').set('Authorization', `Bearer ${token}`).expect(200);
    const plugins = res.body.data.sections.plugins as Array<{ action: string; displayName: string; plugin: string }>;
    const ours = plugins.filter((p) => p.plugin === 'mail-merge').map((p) => [p.action, p.displayName]);
    expect(ours).toEqual(expect.arrayContaining(PLUGIN_ACTIONS));
    expect(ours).toHaveLength(7);
  });

  it('lists the five configured pages to a user holding a plugin action', async () => {
    const { token } = await userWithActions(app, ['plugin::mail-merge.templates-read']);
    const res = await app.request().get('/mail-merge/pages').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.body.data.map((p: any) => [p.key, p.module, p.page, p.contentType])).toEqual([
      ['structures', 'Fichier', 'Gestion des structures', 'api::structure.structure'],
      ['health-professionals', 'Fichier', 'Gestion des professionnels de santé', 'api::health-professional.health-professional'],
      ['beneficiaries', 'Fichier', 'Gestion des bénéficiaires', 'api::beneficiary.beneficiary'],
      ['coverage-requests', 'Prestation en Santé', 'Prises en charge', 'api::coverage-request.coverage-request'],
      ['simulations', 'Prestation en Santé', 'Simulations', 'api::simulation.simulation'],
    ]);
    const professionals = res.body.data.find((p: any) => p.key === 'health-professionals');
    expect(professionals.defaultRecipients.map((r: any) => r.field)).toEqual(['email', 'accountingEmail']);
    expect(res.body.data.find((p: any) => p.key === 'beneficiaries').consentGated).toBe(true);
    expect(res.body.data.find((p: any) => p.key === 'structures').consentGated).toBe(false);
  });

  it('refuses the page registry to an admin without any mail-merge action, and to anonymous calls', async () => {
    const { token } = await userWithActions(app, [
      { action: 'plugin::content-manager.explorer.read', subject: 'api::structure.structure' },
    ]);
    await app.request().get('/mail-merge/pages').set('Authorization', `Bearer ${token}`).expect(403);
    await app.request().get('/mail-merge/pages').expect(401);
  });

  it('creates the Gestionnaire role: records and sending, but no configuration right', async () => {
    const token = await gestionnaireToken(app);
    const res = await app.request().get('/admin/users/me/permissions').set('Authorization', `Bearer ${token}`).expect(200);
    const actions = new Set(res.body.data.map((p: any) => p.action));
    expect(actions.has('plugin::mail-merge.send-single')).toBe(true);
    expect(actions.has('plugin::mail-merge.send-bulk')).toBe(true);
    for (const forbidden of ['extractions-manage', 'templates-manage', 'extractions-read', 'templates-read', 'messages-read']) {
      expect(actions.has(`plugin::mail-merge.${forbidden}`)).toBe(false);
    }
    const readable = res.body.data
      .filter((p: any) => p.action === 'plugin::content-manager.explorer.update')
      .map((p: any) => p.subject)
      .sort();
    expect(readable).toEqual([
      'api::adhesion.adhesion',
      'api::beneficiary.beneficiary',
      'api::coverage-request.coverage-request',
      'api::health-professional.health-professional',
      'api::simulation.simulation',
      'api::structure.structure',
    ]);
    // The Gestionnaire reaches the plugin's page registry (menu « Mails de fusion »).
    await app.request().get('/mail-merge/pages').set('Authorization', `Bearer ${token}`).expect(200);
  });
});
