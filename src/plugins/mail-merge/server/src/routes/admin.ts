import { ALL_ACTION_IDS, actionId, type ActionUid } from '../constants';

/** Every route checks its permission action on the server; the admin UI only mirrors it. */
const requires = (...uids: ActionUid[]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: uids.map(actionId) } }],
});

const requiresAny = (actions: readonly string[]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'plugin::mail-merge.has-any-action', config: { actions } }],
});

const READ_CONFIGURATION = [
  actionId('templates-read'),
  actionId('templates-manage'),
  actionId('extractions-read'),
  actionId('extractions-manage'),
  actionId('send-single'),
  actionId('send-bulk'),
];

const SENDERS = [actionId('send-single'), actionId('send-bulk')];
const BATCH_READERS = [actionId('send-bulk'), actionId('messages-read')];
const SEE_EVENTS = [actionId('send-single'), actionId('send-bulk'), actionId('messages-read')];

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/pages', handler: 'pages.find', config: requiresAny(ALL_ACTION_IDS) },
    { method: 'GET', path: '/pages/:key/records', handler: 'records.search', config: requiresAny(READ_CONFIGURATION) },

    { method: 'GET', path: '/extractions', handler: 'extractions.find', config: requires('extractions-read') },
    { method: 'POST', path: '/extractions', handler: 'extractions.create', config: requires('extractions-manage') },
    { method: 'POST', path: '/extractions/check', handler: 'extractions.check', config: requires('extractions-manage') },
    { method: 'POST', path: '/extractions/test', handler: 'extractions.testQuery', config: requires('extractions-manage') },
    { method: 'GET', path: '/extractions/:documentId', handler: 'extractions.findOne', config: requires('extractions-read') },
    { method: 'PUT', path: '/extractions/:documentId', handler: 'extractions.update', config: requires('extractions-manage') },
    { method: 'DELETE', path: '/extractions/:documentId', handler: 'extractions.delete', config: requires('extractions-manage') },
    { method: 'POST', path: '/extractions/:documentId/test', handler: 'extractions.testSaved', config: requires('extractions-read') },

    { method: 'GET', path: '/notification-types', handler: 'notifications.find', config: requiresAny([actionId('templates-read'), actionId('templates-manage')]) },
    { method: 'GET', path: '/templates', handler: 'templates.find', config: requires('templates-read') },
    { method: 'POST', path: '/templates', handler: 'templates.create', config: requires('templates-manage') },
    { method: 'POST', path: '/templates/preview', handler: 'templates.previewDraft', config: requires('templates-manage') },
    { method: 'GET', path: '/templates/:documentId', handler: 'templates.findOne', config: requires('templates-read') },
    { method: 'PUT', path: '/templates/:documentId', handler: 'templates.update', config: requires('templates-manage') },
    { method: 'DELETE', path: '/templates/:documentId', handler: 'templates.delete', config: requires('templates-manage') },
    { method: 'POST', path: '/templates/:documentId/duplicate', handler: 'templates.duplicate', config: requires('templates-manage') },
    { method: 'POST', path: '/templates/:documentId/preview', handler: 'templates.previewSaved', config: requires('templates-read') },

    // « Mise en page »: read with the templates, written by who manages them; the preview writes nothing and reads no record.
    { method: 'GET', path: '/layouts', handler: 'layouts.find', config: requires('templates-read') },
    { method: 'POST', path: '/layouts', handler: 'layouts.create', config: requires('templates-manage') },
    { method: 'POST', path: '/layouts/preview', handler: 'layouts.preview', config: requiresAny([actionId('templates-read'), actionId('templates-manage')]) },
    { method: 'GET', path: '/layouts/:documentId', handler: 'layouts.findOne', config: requires('templates-read') },
    { method: 'PUT', path: '/layouts/:documentId', handler: 'layouts.update', config: requires('templates-manage') },
    { method: 'DELETE', path: '/layouts/:documentId', handler: 'layouts.delete', config: requires('templates-manage') },

    { method: 'GET', path: '/records/:page/:documentId/choices', handler: 'sending.choices', config: requires('send-single') },
    { method: 'POST', path: '/compose', handler: 'sending.compose', config: requires('send-single') },
    { method: 'POST', path: '/send', handler: 'sending.send', config: requires('send-single') },
    { method: 'GET', path: '/records/:page/:documentId/events', handler: 'tracking.events', config: requiresAny(SEE_EVENTS) },

    // Reading needs a mail action; changing also needs the Content Manager right to update the membership (checked in the service).
    { method: 'GET', path: '/consent/:page/:documentId', handler: 'consent.get', config: requiresAny(SEE_EVENTS) },
    { method: 'PUT', path: '/consent/:page/:documentId', handler: 'consent.update', config: requiresAny(SEE_EVENTS) },

    { method: 'GET', path: '/profile', handler: 'profile.get', config: requiresAny(SENDERS) },
    { method: 'PUT', path: '/profile', handler: 'profile.update', config: requiresAny(SENDERS) },

    { method: 'POST', path: '/batches/preflight', handler: 'batches.preflight', config: requires('send-bulk') },
    { method: 'POST', path: '/batches', handler: 'batches.create', config: requires('send-bulk') },
    { method: 'GET', path: '/batches', handler: 'batches.find', config: requiresAny(BATCH_READERS) },
    { method: 'GET', path: '/batches/:documentId', handler: 'batches.findOne', config: requiresAny(BATCH_READERS) },
    { method: 'GET', path: '/batches/:documentId/report.csv', handler: 'batches.report', config: requiresAny(BATCH_READERS) },
    { method: 'POST', path: '/batches/:documentId/pause', handler: 'batches.pause', config: requires('send-bulk') },
    { method: 'POST', path: '/batches/:documentId/resume', handler: 'batches.resume', config: requires('send-bulk') },
    { method: 'POST', path: '/batches/:documentId/cancel', handler: 'batches.cancel', config: requires('send-bulk') },
    { method: 'POST', path: '/batches/:documentId/retry-failed', handler: 'batches.retryFailed', config: requires('send-bulk') },

    { method: 'GET', path: '/messages', handler: 'tracking.messages', config: requires('messages-read') },
    { method: 'GET', path: '/messages/:documentId', handler: 'tracking.message', config: requires('messages-read') },
    { method: 'POST', path: '/messages/:documentId/resend', handler: 'tracking.resend', config: requires('messages-read', 'send-single') },

    // « Adresses en échec »: read with the mails; « Lever » also needs a send action (the person
    // who clears an address is one who may write to it again).
    { method: 'GET', path: '/suppressions', handler: 'bounces.suppressions', config: requires('messages-read') },
    {
      method: 'POST',
      path: '/suppressions/:documentId/clear',
      handler: 'bounces.clearSuppression',
      config: { policies: [...requires('messages-read').policies, { name: 'plugin::mail-merge.has-any-action', config: { actions: SENDERS } }] },
    },
  ],
};
