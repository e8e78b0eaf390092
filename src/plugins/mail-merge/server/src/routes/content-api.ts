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
  ],
};
