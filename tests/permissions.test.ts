import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import adminRoutes from '../src/plugins/mail-merge/server/src/routes/admin';
import { ALL_ACTION_IDS } from '../src/plugins/mail-merge/server/src/constants';
import { setupStrapi, type TestApp } from './helpers/strapi';
import { apiToken, userWithActions } from './helpers/admin';
import { createHousehold } from './helpers/records';

/**
 * The permission matrix of the plugin's admin routes. What each route requires is WRITTEN HERE
 * (PINNED), not read from the router under test: the router must declare exactly these policies,
 * and every route of the router must have an entry (a new route without one fails). For each
 * route: anonymous → 401 (an API token too: admin routes are not the content API); a role lacking
 * the route's action → 403 from the route policy; a role holding exactly that action, and the
 * Content Manager rights the route needs on the record → through; the action without those CM
 * rights → a visible 403 from the access check. Each call is a real, valid request on real
 * records, so a missing check would show as a success (or a side effect) instead of a 403.
 */
type Route = { method: string; path: string; handler: string; config: { policies: any[] } };
type Action = string | { action: string; subject: string };
type Call = { url: string; body?: Record<string, unknown>; placeholder?: boolean };

// Content Manager rights a route needs on the matrix's records (beneficiaries, their adhesion).
const READ_RECORD = { action: 'plugin::content-manager.explorer.read', subject: 'api::beneficiary.beneficiary' };
const UPDATE_ADHESION = { action: 'plugin::content-manager.explorer.update', subject: 'api::adhesion.adhesion' };

const READ_CONFIGURATION = ['templates-read', 'templates-manage', 'extractions-read', 'extractions-manage', 'send-single', 'send-bulk'];
const EVERY_ACTION = ['send-single', 'send-bulk', 'messages-read', 'extractions-read', 'extractions-manage', 'templates-read', 'templates-manage'];
const SEE_EVENTS = ['send-single', 'send-bulk', 'messages-read'];
const SENDERS = ['send-single', 'send-bulk'];
const BATCH_READERS = ['send-bulk', 'messages-read'];

/**
 * Per route: `all` every plugin action needed (admin::hasPermissions), or `any` one of them
 * (has-any-action); `cm` the Content Manager rights needed on the record besides.
 */
type Pinned = { all?: string[]; any?: string[]; cm?: Action[] };
const PINNED: Record<string, Pinned> = {
  'GET /pages': { any: EVERY_ACTION },
  'GET /pages/:key/records': { any: READ_CONFIGURATION, cm: [READ_RECORD] },

  'GET /extractions': { all: ['extractions-read'] },
  'POST /extractions': { all: ['extractions-manage'] },
  'POST /extractions/check': { all: ['extractions-manage'] },
  'POST /extractions/test': { all: ['extractions-manage'] },
  'GET /extractions/:documentId': { all: ['extractions-read'] },
  'PUT /extractions/:documentId': { all: ['extractions-manage'] },
  'DELETE /extractions/:documentId': { all: ['extractions-manage'] },
  'POST /extractions/:documentId/test': { all: ['extractions-read'] },

  'GET /notification-types': { any: ['templates-read', 'templates-manage'] },
  'GET /templates': { all: ['templates-read'] },
  'POST /templates': { all: ['templates-manage'] },
  'POST /templates/preview': { all: ['templates-manage'], cm: [READ_RECORD] },
  'GET /templates/:documentId': { all: ['templates-read'] },
  'PUT /templates/:documentId': { all: ['templates-manage'] },
  'DELETE /templates/:documentId': { all: ['templates-manage'] },
  'POST /templates/:documentId/duplicate': { all: ['templates-manage'] },
  'POST /templates/:documentId/preview': { all: ['templates-read'], cm: [READ_RECORD] },

  'GET /layouts': { all: ['templates-read'] },
  'POST /layouts': { all: ['templates-manage'] },
  'POST /layouts/preview': { any: ['templates-read', 'templates-manage'] },
  'GET /layouts/:documentId': { all: ['templates-read'] },
  'PUT /layouts/:documentId': { all: ['templates-manage'] },
  'DELETE /layouts/:documentId': { all: ['templates-manage'] },

  'GET /records/:page/:documentId/choices': { all: ['send-single'], cm: [READ_RECORD] },
  'POST /compose': { all: ['send-single'], cm: [READ_RECORD] },
  'POST /send': { all: ['send-single'], cm: [READ_RECORD] },
  'GET /records/:page/:documentId/events': { any: SEE_EVENTS, cm: [READ_RECORD] },

  'GET /consent/:page/:documentId': { any: SEE_EVENTS, cm: [READ_RECORD] },
  'PUT /consent/:page/:documentId': { any: SEE_EVENTS, cm: [READ_RECORD, UPDATE_ADHESION] },

  'GET /profile': { any: SENDERS },
  'PUT /profile': { any: SENDERS },

  'POST /batches/preflight': { all: ['send-bulk'], cm: [READ_RECORD] },
  'POST /batches': { all: ['send-bulk'], cm: [READ_RECORD] },
  'GET /batches': { any: BATCH_READERS },
  'GET /batches/:documentId': { any: BATCH_READERS },
  'GET /batches/:documentId/report.csv': { any: BATCH_READERS },
  'POST /batches/:documentId/pause': { all: ['send-bulk'] },
  'POST /batches/:documentId/resume': { all: ['send-bulk'] },
  'POST /batches/:documentId/cancel': { all: ['send-bulk'] },
  'POST /batches/:documentId/retry-failed': { all: ['send-bulk'] },

  'GET /suppressions': { all: ['messages-read'] },
  // « Lever » an address: the one who clears it is one who may write to it again.
  'POST /suppressions/:documentId/clear': { all: ['messages-read'], any: SENDERS },

  'GET /messages': { all: ['messages-read'] },
  'GET /messages/:documentId': { all: ['messages-read'], cm: [READ_RECORD] },
  'POST /messages/:documentId/resend': { all: ['messages-read', 'send-single'], cm: [READ_RECORD] },
};

const routes = (adminRoutes as { routes: Route[] }).routes;
const label = (route: Route) => `${route.method} ${route.path}`;
const id = (uid: string) => `plugin::mail-merge.${uid}`;
const pinned = (route: Route) => {
  const entry = PINNED[label(route)];
  if (!entry) throw new Error(`${label(route)} has no entry in PINNED: write down what it requires`);
  return entry;
};
const cmFor = (route: Route) => pinned(route).cm ?? [];

/** What the router under test declares (compared with PINNED, never used to decide). */
const declaredActions = (route: Route) => {
  const all: string[] = [];
  const any: string[] = [];
  for (const policy of route.config.policies) {
    if (typeof policy !== 'object') continue;
    if (policy.name === 'admin::hasPermissions') all.push(...policy.config.actions);
    else if (policy.name === 'plugin::mail-merge.has-any-action') any.push(...policy.config.actions);
    else throw new Error(`${label(route)}: policy ${policy.name} is not known to this test`);
  }
  return { all, any };
};

/** From the table: `all` every one is needed; `any` one of them is enough. */
const requiredActions = (route: Route) => {
  const { all = [], any = [] } = pinned(route);
  return { all: all.map(id), any: any.map(id) };
};

/** What a role needs to pass the route's policy: one set per way of being allowed. */
const allowedSets = (route: Route): string[][] => {
  const { all, any } = requiredActions(route);
  return any.length > 0 ? any.map((action) => [...all, action]) : [all];
};

/** Roles that must be refused: every other plugin action, and for several needed actions, all but one. */
const deniedSets = (route: Route): string[][] => {
  const { all, any } = requiredActions(route);
  const others = ALL_ACTION_IDS.filter((action) => !all.includes(action) && !any.includes(action));
  if (all.length > 0 && any.length === 0) return all.map((missing) => [...others, ...all.filter((a) => a !== missing)]);
  return [others.length > 0 ? [...others] : []];
};

// Not a mail-merge action: a role holding only this is still a role without the route's action.
const UNRELATED = READ_RECORD;
const FROM = 'gestion@mutuelle.example.test';

describe('permission matrix of the admin routes', () => {
  let app: TestApp;
  const tokens = new Map<string, string>();
  const fixtures = {} as {
    record: string;
    otherRecord: string;
    extraction: string;
    template: string;
    message: string;
    draft: Record<string, unknown>;
  };
  let counter = 0;

  const tokenFor = async (actions: Action[]) => {
    const key = JSON.stringify(actions.map((a) => (typeof a === 'string' ? a : `${a.action}@${a.subject}`)).sort());
    if (!tokens.has(key)) tokens.set(key, (await userWithActions(app, actions)).token);
    return tokens.get(key)!;
  };

  const docs = (uid: string) => (app.strapi.documents as any)(uid);
  const service = (name: string) => app.strapi.plugin('mail-merge').service(name) as any;

  /** An extraction and a template of its own for one destructive call (then checked gone/changed). */
  const disposableExtraction = async () => {
    counter += 1;
    const { extraction } = await service('extractions').create({
      title: `Jetable ${counter}`,
      query: 'select document_id, last_name as nom_benef from beneficiaries',
      pages: ['beneficiaries'],
    });
    return extraction.documentId as string;
  };
  const disposableTemplate = async () => {
    counter += 1;
    const template = await service('templates').create({ ...fixtures.draft, title: `Jetable ${counter}` });
    return template.documentId as string;
  };
  const failedMessage = async () => {
    const message = await app.strapi.db.query('plugin::mail-merge.message' as any).create({
      data: { page: 'beneficiaries', recordId: fixtures.record, fromAddress: FROM, to: ['elise.perm@example.test'], subject: 'Échec', status: 'failed' },
    });
    return message.documentId as string;
  };

  /**
   * A valid request for each route, on real records. Routes not listed here (a route added
   * later) still go through the matrix, with placeholder ids and an empty body.
   */
  const requestFor = async (route: Route): Promise<Call> => {
    const { record, extraction, template, message, draft } = fixtures;
    const query = 'select document_id, last_name as nom_benef from beneficiaries';
    switch (label(route)) {
      case 'GET /pages': return { url: '/pages' };
      case 'GET /pages/:key/records': return { url: '/pages/beneficiaries/records?search=durand' };
      case 'GET /extractions': return { url: '/extractions?page=beneficiaries' };
      case 'POST /extractions': return { url: '/extractions', body: { title: 'Nouvelle', query, pages: ['beneficiaries'] } };
      case 'POST /extractions/check': return { url: `/extractions/check?documentId=${extraction}`, body: { query } };
      case 'POST /extractions/test': return { url: '/extractions/test', body: { query, page: 'beneficiaries', record } };
      case 'GET /extractions/:documentId': return { url: `/extractions/${extraction}` };
      case 'PUT /extractions/:documentId': return { url: `/extractions/${await disposableExtraction()}`, body: { title: 'Renommée' } };
      case 'DELETE /extractions/:documentId': return { url: `/extractions/${await disposableExtraction()}` };
      case 'POST /extractions/:documentId/test': return { url: `/extractions/${extraction}/test`, body: { limit: 2 } };
      case 'GET /templates': return { url: '/templates' };
      case 'POST /templates': return { url: '/templates', body: { ...draft, title: 'Créé' } };
      case 'POST /templates/preview': return { url: '/templates/preview', body: { ...draft, record } };
      case 'GET /templates/:documentId': return { url: `/templates/${template}` };
      case 'PUT /templates/:documentId': return { url: `/templates/${await disposableTemplate()}`, body: { subject: 'Modifié ${nom_benef}' } };
      case 'DELETE /templates/:documentId': return { url: `/templates/${await disposableTemplate()}` };
      case 'POST /templates/:documentId/duplicate': return { url: `/templates/${template}/duplicate`, body: { page: 'beneficiaries' } };
      case 'POST /templates/:documentId/preview': return { url: `/templates/${template}/preview`, body: { record } };
      case 'GET /records/:page/:documentId/choices': return { url: `/records/beneficiaries/${record}/choices` };
      case 'POST /compose': return { url: '/compose', body: { page: 'beneficiaries', record, template } };
      case 'POST /send':
        return { url: '/send', body: { page: 'beneficiaries', record, template, from: FROM, to: ['elise.perm@example.test'], logEvent: false } };
      case 'GET /records/:page/:documentId/events': return { url: `/records/beneficiaries/${record}/events` };
      case 'GET /consent/:page/:documentId': return { url: `/consent/beneficiaries/${record}` };
      case 'PUT /consent/:page/:documentId':
        return { url: `/consent/beneficiaries/${fixtures.otherRecord}`, body: { levels: { email: 'interne' } } };
      case 'GET /profile': return { url: '/profile' };
      case 'PUT /profile': return { url: '/profile', body: { email: FROM, signature: '<p>Le service adhésions</p>' } };
      case 'POST /batches/preflight': return { url: '/batches/preflight', body: { page: 'beneficiaries', template, selection: { ids: [record] } } };
      case 'GET /messages': return { url: '/messages' };
      case 'GET /messages/:documentId': return { url: `/messages/${message}` };
      case 'POST /messages/:documentId/resend': return { url: `/messages/${await failedMessage()}/resend` };
      default:
        return {
          url: route.path.replace(/:([A-Za-z]+)/g, (_, param) => (['page', 'key'].includes(param) ? 'beneficiaries' : 'inexistant000000000000000')),
          body: {},
          placeholder: true,
        };
    }
  };

  const send = (route: Route, call: Call, token?: string) => {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    const req = app.request()[method](`/mail-merge${call.url}`);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return call.body ? req.send(call.body) : req;
  };

  beforeAll(async () => {
    app = await setupStrapi();
    const { insured } = await createHousehold(app, 'interne', 'perm');
    const { insured: other } = await createHousehold(app, 'interne', 'perm2');
    const extraction = await docs('plugin::mail-merge.extraction').findFirst({ filters: { shippedKey: 'beneficiaries' } });
    const [template] = await service('templates').list({ page: 'beneficiaries' });
    fixtures.record = insured.documentId;
    fixtures.otherRecord = other.documentId;
    fixtures.extraction = extraction.documentId;
    fixtures.template = template.documentId;
    fixtures.message = await failedMessage();
    fixtures.draft = {
      title: 'Relance',
      description: 'Relance',
      recipient: '${mail_benef}',
      subject: 'Relance ${nom_benef}',
      body: '<p>Bonjour ${prenom_benef}</p>',
      page: 'beneficiaries',
      extraction: extraction.documentId,
    };
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('the router declares exactly the pinned actions for every route, and no route is missing from the table', () => {
    expect(routes.length).toBeGreaterThanOrEqual(29);
    expect(new Set(routes.map(label))).toEqual(new Set(Object.keys(PINNED)));
    for (const route of routes) {
      const declared = declaredActions(route);
      const expected = requiredActions(route);
      expect(route.config.policies[0], label(route)).toBe('admin::isAuthenticatedAdmin');
      expect([...expected.all, ...expected.any].length, label(route)).toBeGreaterThan(0);
      expect([...declared.all].sort(), label(route)).toEqual([...expected.all].sort());
      expect([...declared.any].sort(), label(route)).toEqual([...expected.any].sort());
      for (const action of [...expected.all, ...expected.any]) expect(ALL_ACTION_IDS, label(route)).toContain(action);
    }
  });

  it('answers 401 to anonymous calls and to content API tokens on every route', async () => {
    const token = await apiToken(app, 'full-access');
    const problems: string[] = [];
    for (const route of routes) {
      const call = await requestFor(route);
      const anonymous = await send(route, call);
      if (anonymous.status !== 401) problems.push(`${label(route)} anonymous: ${anonymous.status}`);
      const withApiToken = await send(route, call, token);
      if (withApiToken.status !== 401) problems.push(`${label(route)} with an API token: ${withApiToken.status}`);
    }
    expect(problems).toEqual([]);
  });

  it('answers 403 to a role lacking the route action and lets a role holding exactly it through', async () => {
    const problems: string[] = [];
    const outcomes: string[] = [];
    for (const route of routes) {
      const extra = cmFor(route);
      for (const denied of deniedSets(route)) {
        for (const allowed of allowedSets(route)) {
          // Same request, same fixture: a refused DELETE must leave the record for the allowed one.
          const call = await requestFor(route);
          const refused = await send(route, call, await tokenFor([...denied, UNRELATED, ...extra]));
          if (refused.status !== 403 || refused.body?.error?.details?.code) {
            problems.push(`${label(route)} without ${allowed.join(' + ')}: ${refused.status} ${JSON.stringify(refused.body?.error ?? {})}`);
          }
          const through = await send(route, call, await tokenFor([...allowed, ...extra]));
          outcomes.push(`${label(route)} with ${allowed.join(' + ')}: ${through.status}`);
          // Each request is valid, so the route must succeed, not merely avoid 401/403 (a route
          // added without a request here gets placeholders: a 400 or 404 is then accepted).
          if ([401, 403].includes(through.status) || (!call.placeholder && through.status >= 300)) {
            problems.push(`${label(route)} with ${allowed.join(' + ')}: ${through.status} ${JSON.stringify(through.body?.error ?? {})}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // Each route was tried at least once with its action(s).
    expect(new Set(outcomes.map((o) => o.split(' with ')[0]))).toEqual(new Set(routes.map(label)));
  });

  it('changing consent levels with the mail action alone is refused by the membership right, not the route', async () => {
    const route = routes.find((r) => label(r) === 'PUT /consent/:page/:documentId')!;
    const call = await requestFor(route);
    const res = await send(route, call, await tokenFor(['plugin::mail-merge.send-single', READ_RECORD]));
    expect(res.status).toBe(403);
    expect(res.body.error.details).toMatchObject({ code: 'consent.forbidden' });
  });

  it('the route action without the Content Manager rights on the record is a visible 403 from the access check', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const cm = cmFor(route);
      if (cm.length === 0) continue;
      for (const allowed of allowedSets(route)) {
        // Each CM right in turn is missing; the others are held.
        for (const missing of cm) {
          const call = await requestFor(route);
          const res = await send(route, call, await tokenFor([...allowed, ...cm.filter((c) => c !== missing)]));
          checked += 1;
          // A visible 403 (with a code), not the route policy's bare one; a placeholder call may stop earlier.
          const visible = res.status === 403 && typeof res.body?.error?.details?.code === 'string';
          if (!visible && !(call.placeholder && [400, 404].includes(res.status))) {
            problems.push(`${label(route)} with ${allowed.join(' + ')} without ${JSON.stringify(missing)}: ${res.status} ${JSON.stringify(res.body?.error ?? {})}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('a role holding every plugin action reaches every route; a role holding none reaches none', async () => {
    const everything = await tokenFor([...ALL_ACTION_IDS, READ_RECORD, UPDATE_ADHESION]);
    const nothing = await tokenFor([UNRELATED]);
    const problems: string[] = [];
    for (const route of routes) {
      const call = await requestFor(route);
      const none = await send(route, call, nothing);
      if (none.status !== 403) problems.push(`${label(route)} with no plugin action: ${none.status}`);
      const all = await send(route, call, everything);
      if (all.status >= 300 && !call.placeholder) problems.push(`${label(route)} with every action: ${all.status} ${JSON.stringify(all.body?.error ?? {})}`);
    }
    expect(problems).toEqual([]);
  });
});
