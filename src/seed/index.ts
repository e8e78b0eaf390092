import type { Core } from '@strapi/strapi';
import { accountSettingsFromEnv, seedAccounts } from './accounts';
import { seedDemo } from './demo';
import { closeRegistrationOnce, grantMemberActions, memberSettingsFromEnv, seedDemoMember } from './members';
import { seedNotificationTypes } from './notification-types';

const isProduction = () => process.env.NODE_ENV === 'production';

/**
 * Run at every start-up (idempotent):
 * - accounts: always outside production; in production only when ADMIN_EMAIL and ADMIN_PASSWORD
 *   are set explicitly (never a default password on a live system);
 * - notification types, registration closed once, the members' routes for « Authenticated »: always;
 * - demo records: unless SEED_DEMO=false (in production only with SEED_DEMO=true);
 * - the demo member: with the demo records (in production only when MEMBER_PASSWORD is set).
 */
export const seedOnBoot = async (strapi: Core.Strapi) => {
  const env = process.env;
  await seedNotificationTypes(strapi);
  await closeRegistrationOnce(strapi);
  await grantMemberActions(strapi);

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
    if (!isProduction() || env.MEMBER_PASSWORD) {
      const settings = memberSettingsFromEnv(env);
      const member = await seedDemoMember(strapi, settings);
      if (member && !isProduction()) {
        strapi.log.info(`Espace adhérent / member account: ${member.email} / ${settings.password} (adhésion ${member.adhesion})`);
      }
    }
  }
};
