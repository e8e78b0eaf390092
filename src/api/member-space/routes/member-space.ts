/**
 * The members' web space (content API, Users & Permissions): the authenticated member reads and
 * changes the consent levels and notification choices of their own adhesion. Both actions are
 * granted to the « Authenticated » role on boot (src/seed/members.ts); nothing to « Public ».
 */
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/my/adhesion/preferences', handler: 'member-space.getPreferences', config: { policies: [] } },
    { method: 'PUT', path: '/my/adhesion/preferences', handler: 'member-space.updatePreferences', config: { policies: [] } },
  ],
};
