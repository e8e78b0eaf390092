import type { Core } from '@strapi/strapi';
import { configSchema, type PluginConfig } from '../config/schema';

const cache = new WeakMap<Core.Strapi, PluginConfig>();

/** The plugin configuration with its defaults applied (validated at start-up by config/index.ts). */
export const getConfig = (strapi: Core.Strapi): PluginConfig => {
  let config = cache.get(strapi);
  if (!config) {
    config = configSchema.cast(strapi.config.get('plugin::mail-merge')) as unknown as PluginConfig;
    cache.set(strapi, config);
  }
  return config;
};
