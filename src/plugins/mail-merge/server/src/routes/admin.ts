import { ALL_ACTION_IDS } from '../constants';

export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/pages',
      handler: 'pages.find',
      config: {
        policies: ['admin::isAuthenticatedAdmin', { name: 'plugin::mail-merge.has-any-action', config: { actions: ALL_ACTION_IDS } }],
      },
    },
  ],
};
