import type { Core } from '@strapi/strapi';
import { DEMO_ADHESION_PREFIX } from './demo';
import { pad } from './demo-data';

/**
 * What the members' web space needs, on every start (idempotent):
 * - registration closed once: accounts are created by staff (or the demo seed); if the mutual
 *   opens it later in Users & Permissions › Advanced settings, that choice is kept;
 * - the « Authenticated » role may call the two members' space routes, and nothing else new;
 * - with the demo data: one member account linked to the demo adhesion DEMO-000001.
 */
export const MEMBER_ACTIONS = ['api::member-space.member-space.getPreferences', 'api::member-space.member-space.updatePreferences'];

const upStore = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'users-permissions' });
const ourStore = (strapi: Core.Strapi) => strapi.store({ type: 'core', name: 'members-space' });

/** Closes public registration the first time this app runs with users-permissions. */
export const closeRegistrationOnce = async (strapi: Core.Strapi) => {
  if (await ourStore(strapi).get({ key: 'registration-closed' })) return false;
  const advanced = ((await upStore(strapi).get({ key: 'advanced' })) as Record<string, unknown>) ?? {};
  await upStore(strapi).set({ key: 'advanced', value: { ...advanced, allow_register: false } });
  await ourStore(strapi).set({ key: 'registration-closed', value: true });
  return true;
};

const authenticatedRole = (strapi: Core.Strapi) =>
  strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } }) as Promise<any>;

export const grantMemberActions = async (strapi: Core.Strapi) => {
  const role = await authenticatedRole(strapi);
  if (!role) return [];
  const granted: string[] = [];
  for (const action of MEMBER_ACTIONS) {
    const existing = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action, role: role.id } });
    if (existing) continue;
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    granted.push(action);
  }
  return granted;
};

export type MemberSettings = { email: string; password: string; adhesionNumber: string };

export const memberSettingsFromEnv = (env = process.env): MemberSettings => ({
  email: (env.MEMBER_EMAIL || 'adherent@mutuelle.example.test').toLowerCase(),
  password: env.MEMBER_PASSWORD || 'Adherent-Mutuelle-2026',
  adhesionNumber: `${DEMO_ADHESION_PREFIX}${pad(1)}`,
});

/** The demo member, linked to the demo adhesion (which chose mail for « remboursement Assuré », as in the document). */
export const seedDemoMember = async (strapi: Core.Strapi, settings = memberSettingsFromEnv()) => {
  const users = strapi.db.query('plugin::users-permissions.user');
  if (await users.findOne({ where: { email: settings.email } })) return null;
  const adhesion = (await strapi.db.query('api::adhesion.adhesion').findOne({ where: { number: settings.adhesionNumber } })) as any;
  if (!adhesion) return null;
  const role = await authenticatedRole(strapi);
  const user = await strapi.plugin('users-permissions').service('user').add({
    username: settings.email,
    email: settings.email,
    password: settings.password,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role?.id,
  });
  // Straight to the row: the demo's starting state, not a change by someone (no history entry).
  await strapi.db.query('api::adhesion.adhesion').update({
    where: { id: adhesion.id },
    data: { member: user.id, notificationChoices: { 'remboursement-assure': ['mail'] } },
  });
  return { email: settings.email, adhesion: settings.adhesionNumber };
};
