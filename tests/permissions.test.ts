import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import adminRoutes from '../src/plugins/mail-merge/server/src/routes/admin';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { userWithActions } from './helpers/admin';

/**
 * Every admin route of the plugin, read from its router so that none can be forgotten: a user
 * without the route's action gets 403, a user holding it gets through, an anonymous call 401.
 */
type Route = { method: string; path: string; config: { policies: any[] } };

const requiredActions = (route: Route): { all: string[]; any: string[] } => {
  const all: string[] = [];
  const any: string[] = [];
  for (const policy of route.config.policies) {
    if (typeof policy !== 'object') continue;
    if (policy.name === 'admin::hasPermissions') all.push(...policy.config.actions);
    if (policy.name === 'plugin::mail-merge.has-any-action') any.push(...policy.config.actions);
  }
  return { all, any };
};

const PLUGIN_ACTIONS = [
  'send-single',
  'send-bulk',
  'messages-read',
  'extractions-read',
  'extractions-manage',
  'templates-read',
  'templates-manage',
].map((uid) => `plugin::mail-merge.${uid}`);

describe('permission matrix of the admin routes', () => {
  let app: TestApp;
  const tokens = new Map<string, string>();
  const routes = (adminRoutes as { routes: Route[] }).routes;

  const tokenFor = async (actions: string[]) => {
    const key = [...actions].sort().join('|');
    if (!tokens.has(key)) tokens.set(key, (await userWithActions(app, actions)).token);
    return tokens.get(key)!;
  };

  const call = (route: Route, token?: string) => {
    const url = `/mail-merge${route.path.replace(/:[A-Za-z]+/g, (param) => (param === ':page' || param === ':key' ? 'beneficiaries' : 'inexistant0000000000000'))}`;
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    const req = app.request()[method](url);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return method === 'get' || method === 'delete' ? req : req.send({});
  };

  beforeAll(async () => {
    app = await setupStrapi();
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('declares a permission action on every route', () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const { all, any } = requiredActions(route);
      expect(route.config.policies[0], `${route.method} ${route.path}`).toBe('admin::isAuthenticatedAdmin');
      expect(all.length + any.length, `${route.method} ${route.path}`).toBeGreaterThan(0);
    }
  });

  it('refuses anonymous calls with 401', async () => {
    for (const route of routes) {
      const res = await call(route);
      expect(res.status, `${route.method} ${route.path}`).toBe(401);
    }
  });

  it('refuses each route to a role lacking its action, and lets a role holding it through', async () => {
    const problems: string[] = [];
    for (const route of routes) {
      const { all, any } = requiredActions(route);
      const label = `${route.method} ${route.path}`;
      const granted = all.length > 0 ? all : [any[0]];
      // Every plugin action except what this route needs (for « any » routes: none of them).
      const lacking = PLUGIN_ACTIONS.filter((action) => !all.includes(action) && !any.includes(action));
      // For routes needing several actions, holding all but one is not enough either.
      const partial = all.length > 1 ? [...lacking, ...all.slice(1)] : lacking;

      const denied = await call(route, await tokenFor(partial));
      if (denied.status !== 403) problems.push(`${label} without its action: ${denied.status}`);

      const allowed = await call(route, await tokenFor(granted));
      if ([401, 403].includes(allowed.status)) problems.push(`${label} with ${granted.join(', ')}: ${allowed.status}`);
    }
    expect(problems).toEqual([]);
  });
});
