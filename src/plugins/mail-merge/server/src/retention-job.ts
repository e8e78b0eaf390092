import type { Core } from '@strapi/strapi';
import { getService } from './utils';
import { getConfig } from './utils/config';
import { errorProperty } from './utils/errors';

export const RETENTION_JOB = 'mailMergeRetention';

/**
 * The daily purge of the message ledger (README « Conservation des mails »), through Strapi's
 * cron. Strapi starts `strapi.cron` jobs whatever `server.cron.enabled` says (that flag only
 * governs config/cron-tasks), so nothing is needed in config/server.ts. Called from bootstrap.
 *
 * Every instance schedules it: the purge is idempotent (rows already purged are skipped), so two
 * instances at the same minute only share the work.
 */
export const registerRetentionJob = (strapi: Core.Strapi) => {
  const { days, cron } = getConfig(strapi).retention;
  // Registering again (a second bootstrap in the same process) replaces the job, never doubles it.
  strapi.cron.remove(RETENTION_JOB);
  if (days === 0) return;

  // The ledger owns its retention, as every other write to its table.
  const retention = getService('ledger', { strapi }).retention;
  let running = false;
  strapi.cron.add({
    [RETENTION_JOB]: {
      task: async () => {
        // A purge still at work (a very large first run, a rule firing every minute) is not doubled.
        if (running) return;
        running = true;
        try {
          const { purged } = await retention.purge({ days });
          strapi.log.info(`[mail-merge] retention: ${purged} mail(s) older than ${days} days purged (bodies, attachments, provider answers)`);
        } catch (error) {
          strapi.log.error(`[mail-merge] retention: purge failed: ${errorProperty(error, 'stack') ?? error}`);
        } finally {
          running = false;
        }
      },
      options: { rule: cron },
    },
  });
  // Strapi only logs an unusable rule: say what it means here.
  if (!strapi.cron.jobs.some((job) => job.name === RETENTION_JOB)) {
    strapi.log.error(`[mail-merge] retention: the rule "${cron}" (MAIL_RETENTION_CRON) could not be scheduled; mails are not purged`);
  }
};
