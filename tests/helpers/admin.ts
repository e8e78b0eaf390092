/**
 * Admin-side helpers: log in, create a role holding chosen permission actions, create API tokens.
 */
import type { TestApp } from './strapi';
import { TEST_ACCOUNTS } from './strapi';

export const login = async (app: TestApp, email: string, password: string): Promise<string> => {
  const res = await app.request().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token;
};

export const superAdminToken = (app: TestApp) => login(app, TEST_ACCOUNTS.admin.email, TEST_ACCOUNTS.admin.password);

export const gestionnaireToken = (app: TestApp) =>
  login(app, TEST_ACCOUNTS.gestionnaire.email, TEST_ACCOUNTS.gestionnaire.password);

let counter = 0;

/**
 * A permission of a test role: a plugin action (no subject), or a content-type action with,
 * optionally, conditions (`admin::is-creator`) and field rights (`properties.fields`).
 */
export type TestPermission =
  | string
  | { action: string; subject: string; conditions?: string[]; properties?: { fields?: string[] } };

/** A role with exactly these actions (plugin actions have no subject), and a user holding it. */
export const userWithActions = async (
  app: TestApp,
  actions: TestPermission[]
): Promise<{ token: string; email: string; roleId: number; userId: number }> => {
  counter += 1;
  const { strapi } = app;
  const role = await strapi.service('admin::role').create({
    name: `Test role ${counter} ${Date.now()}`,
    // A varchar(255) on PostgreSQL.
    description: `Actions: ${actions.map((a) => (typeof a === 'string' ? a : a.action)).join(', ') || 'none'}`.slice(0, 255),
  });
  await strapi.service('admin::role').assignPermissions(
    role.id,
    actions.map((a) =>
      typeof a === 'string'
        ? { action: a, subject: null, properties: {}, conditions: [] }
        : { action: a.action, subject: a.subject, properties: a.properties ?? {}, conditions: a.conditions ?? [] }
    )
  );
  const email = `user${counter}.${Date.now()}@test.example.test`;
  const password = 'User-Test-2026';
  const user = await strapi.service('admin::user').create({
    email,
    password,
    firstname: 'Test',
    lastname: `User ${counter}`,
    isActive: true,
    registrationToken: null,
    preferedLanguage: 'fr',
    roles: [role.id],
  });
  return { token: await login(app, email, password), email, roleId: role.id, userId: user.id };
};

/** An API token as a front-office would hold one; `custom` tokens list content API actions. */
export const apiToken = async (
  app: TestApp,
  type: 'full-access' | 'read-only' | 'custom' = 'full-access',
  permissions: string[] = []
): Promise<string> => (await apiTokenWithId(app, type, permissions)).accessKey;

/** The same, with the token's id (a front-office reads back only the mails its own token sent). */
export const apiTokenWithId = async (
  app: TestApp,
  type: 'full-access' | 'read-only' | 'custom' = 'full-access',
  permissions: string[] = []
): Promise<{ accessKey: string; id: number }> => {
  counter += 1;
  const token = await app.strapi.service('admin::api-token').create({
    name: `front-office ${counter} ${Date.now()}`,
    description: 'test token',
    type,
    lifespan: null,
    permissions: type === 'custom' ? permissions : undefined,
  });
  return { accessKey: token.accessKey, id: token.id };
};
