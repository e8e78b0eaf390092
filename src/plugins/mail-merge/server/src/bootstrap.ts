import type { Core } from '@strapi/strapi';
import { ACTIONS, PLUGIN_ID } from './constants';
import { getService } from './utils';
import { registerRetentionJob } from './retention-job';
import { createLedgerIndexes } from './utils/indexes';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Shown in Settings › Roles › Plugins › « Mails de fusion ».
  await strapi.service('admin::permission').actionProvider.registerMany(
    ACTIONS.map(({ uid, displayName, subCategory }) => ({
      section: 'plugins',
      pluginName: PLUGIN_ID,
      uid,
      displayName,
      subCategory,
    }))
  );

  await getService('shipped', { strapi }).install();
  await createLedgerIndexes(strapi);
  // The extraction sandbox's database role and grants, re-done at each start (new content types).
  await getService('extractions', { strapi }).prepareSandbox();
  // Grouped sends hear of deliveries from the ledger's flushes (pause on errors, done).
  getService('batches', { strapi }).listen();
  await getService('dispatcher', { strapi }).start();
  registerRetentionJob(strapi);
  await getService('batch-preparation', { strapi }).resumeInterrupted();
  // Programmed grouped sends: their time is in the database, the timer is armed again here.
  getService('batch-schedule', { strapi }).start();
  // The SMTP listener of the bounce domain, when enabled (off by default).
  await getService('bounces', { strapi }).startListener();
};

export default bootstrap;
