import { configSchema } from './schema';

/**
 * Plugin configuration, from the `mail-merge.config` key of the app's config/plugins.ts.
 * Strapi merges it with these defaults (array defaults stay empty: defaultsDeep merges arrays
 * index by index) and calls the validator; a thrown error stops start-up with
 * « Error regarding mail-merge config: … ».
 */
export default {
  default: {
    pages: [],
  },
  validator(config: unknown) {
    try {
      configSchema.validateSync(config, { abortEarly: false, strict: false });
    } catch (error: any) {
      const problems: string[] = error?.errors ?? [String(error?.message ?? error)];
      throw new Error(`invalid configuration (config/plugins.ts, key "mail-merge"):\n  - ${problems.join('\n  - ')}`);
    }
  },
};
