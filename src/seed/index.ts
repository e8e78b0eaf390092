import type { Core } from '@strapi/strapi';
import { accountSettingsFromEnv, seedAccounts } from './accounts';
import { seedDemo } from './demo';
import { seedNotificationTypes } from './notification-types';

const isProduction = () => process.env.NODE_ENV === 'production';

/**
 * Run at every start-up (idempotent):
 * - accounts: always outside production; in production only when ADMIN_EMAIL and ADMIN_PASSWORD
 *   are set explicitly (never a default password on a live system);
 * - notification types: always;
 * - demo records: unless SEED_DEMO=false (in production only with SEED_DEMO=true).
 */
export const seedOnBoot = async (strapi: Core.Strapi) => {
  const env = process.env;
  await seedNotificationTypes(strapi);

  const wantAccounts = !isProduction() || Boolean(env.ADMIN_EMAIL && env.ADMIN_PASSWORD);
  if (wantAccounts) {
    const settings = accountSettingsFromEnv(env);
    const { created } = await seedAccounts(strapi, settings);
    if (!isProduction() && (created.length > 0 || env.SEED_PRINT_ACCOUNTS === 'true')) {
      strapi.log.info(
        [
          'Comptes d’administration / admin accounts:',
          `  super admin  : ${settings.admin.email} / ${settings.admin.password}`,
          `  gestionnaire : ${settings.gestionnaire.email} / ${settings.gestionnaire.password}`,
        ].join('\n')
      );
    }
  }

  const wantDemo = isProduction() ? env.SEED_DEMO === 'true' : env.SEED_DEMO !== 'false';
  if (wantDemo) {
    const { created, counts } = await seedDemo(strapi);
    if (created) {
      strapi.log.info(
        `Données de démonstration / demo data: ${Object.entries(counts)
          .map(([name, count]) => `${count} ${name}`)
          .join(', ')}`
      );
    }
  }
};
