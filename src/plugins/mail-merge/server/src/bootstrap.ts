import type { Core } from '@strapi/strapi';
import { ACTIONS, PLUGIN_ID } from './constants';

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
};

export default bootstrap;
