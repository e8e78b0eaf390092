/**
 * The public contract for front-offices, under /api/mail-merge. Strapi lists these actions in the
 * API-token editor (plugin::mail-merge.front-office.*): a custom token can hold only them.
 */
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/templates', handler: 'front-office.findTemplates' },
    { method: 'POST', path: '/messages', handler: 'front-office.send' },
    { method: 'GET', path: '/messages/:documentId', handler: 'front-office.findMessage' },
    // Bounces (RFC 3464 DSNs) from the organisation's MTA or provider: an API token holding
    // plugin::mail-merge.bounces.intake; the raw message is the body (utils/raw-body.ts).
    { method: 'POST', path: '/bounces', handler: 'bounces.intake' },
    // The one-click unsubscribe link of communication mails (RFC 8058): public, the signed token
    // in the URL is the credential (services/unsubscribe). GET only shows a confirmation page.
    { method: 'GET', path: '/unsubscribe/:token', handler: 'unsubscribe.show', config: { auth: false } },
    { method: 'POST', path: '/unsubscribe/:token', handler: 'unsubscribe.confirm', config: { auth: false } },
  ],
};
