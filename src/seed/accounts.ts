import type { Core } from '@strapi/strapi';

/**
 * The accounts a mutual starts with: a super admin, and a « Gestionnaire » role and user who can
 * read and edit the mutual's records and send mail (single and grouped) but not configure it.
 * Idempotent: existing users and roles are left as they are (an administrator may have edited them).
 */
export const GESTIONNAIRE_ROLE_CODE = 'mail-merge-gestionnaire';

const MUTUAL_CONTENT_TYPES = [
  'api::structure.structure',
  'api::health-professional.health-professional',
  'api::adhesion.adhesion',
  'api::beneficiary.beneficiary',
  'api::coverage-request.coverage-request',
  'api::simulation.simulation',
];

const RECORD_ACTIONS = [
  'plugin::content-manager.explorer.read',
  'plugin::content-manager.explorer.create',
  'plugin::content-manager.explorer.update',
];

const GESTIONNAIRE_PLUGIN_ACTIONS = [
  'plugin::mail-merge.send-single',
  'plugin::mail-merge.send-bulk',
  // Attachments are picked from or uploaded to the media library.
  'plugin::upload.read',
  'plugin::upload.assets.create',
  'plugin::upload.assets.download',
];

export type AccountSettings = {
  admin: { email: string; password: string; firstname: string; lastname: string };
  gestionnaire: { email: string; password: string; firstname: string; lastname: string };
};

export const accountSettingsFromEnv = (env = process.env): AccountSettings => ({
  admin: {
    email: env.ADMIN_EMAIL || 'admin@mutuelle.example.test',
    password: env.ADMIN_PASSWORD || 'Admin-Mutuelle-2026',
    firstname: env.ADMIN_FIRSTNAME || 'Admin',
    lastname: env.ADMIN_LASTNAME || 'Mutuelle',
  },
  gestionnaire: {
    email: env.GESTIONNAIRE_EMAIL || 'gestionnaire@mutuelle.example.test',
    password: env.GESTIONNAIRE_PASSWORD || 'Gestion-Mutuelle-2026',
    firstname: env.GESTIONNAIRE_FIRSTNAME || 'Claire',
    lastname: env.GESTIONNAIRE_LASTNAME || 'Gestionnaire',
  },
});

const findUserByEmail = (strapi: Core.Strapi, email: string) =>
  strapi.db.query('admin::user').findOne({ where: { email: email.toLowerCase() } });

const createUser = async (strapi: Core.Strapi, user: AccountSettings['admin'], roleId: number | string) =>
  strapi.service('admin::user').create({
    ...user,
    email: user.email.toLowerCase(),
    isActive: true,
    registrationToken: null,
    // The mutual works in French: the admin opens in French for these accounts.
    preferedLanguage: 'fr',
    roles: [roleId],
  });

export const ensureGestionnaireRole = async (strapi: Core.Strapi) => {
  const roles = strapi.service('admin::role');
  const existing = await strapi.db.query('admin::role').findOne({ where: { code: GESTIONNAIRE_ROLE_CODE } });
  if (existing) return { role: existing, created: false };

  const role = await roles.create({
    name: 'Gestionnaire',
    code: GESTIONNAIRE_ROLE_CODE,
    description: 'Lit et modifie les fiches de la mutuelle, envoie des mails (unitaires et groupés). Aucun droit de paramétrage.',
  });

  const contentTypeActions = strapi
    .service('admin::permission')
    .actionProvider.values()
    .filter((action: any) => RECORD_ACTIONS.includes(action.actionId));
  const recordPermissions = strapi
    .service('admin::content-type')
    .getPermissionsWithNestedFields(contentTypeActions)
    .filter((permission: any) => MUTUAL_CONTENT_TYPES.includes(permission.subject));

  await roles.assignPermissions(role.id, [
    ...recordPermissions,
    ...GESTIONNAIRE_PLUGIN_ACTIONS.map((action) => ({ action, subject: null, properties: {}, conditions: [] })),
  ]);
  return { role, created: true };
};

export const seedAccounts = async (strapi: Core.Strapi, settings = accountSettingsFromEnv()) => {
  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  const created: string[] = [];

  if (!(await findUserByEmail(strapi, settings.admin.email))) {
    await createUser(strapi, settings.admin, superAdminRole.id);
    created.push(settings.admin.email);
  }

  const { role } = await ensureGestionnaireRole(strapi);
  if (!(await findUserByEmail(strapi, settings.gestionnaire.email))) {
    await createUser(strapi, settings.gestionnaire, role.id);
    created.push(settings.gestionnaire.email);
  }

  return { created, gestionnaireRoleId: role.id };
};
