import { secretList } from '../src/utils/dev-secrets';

export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: {
    keys: secretList(env, 'APP_KEYS', 4),
  },
  // No network call at boot: Strapi's update notifier queries the npm registry.
  logger: {
    updates: { enabled: false },
  },
});
