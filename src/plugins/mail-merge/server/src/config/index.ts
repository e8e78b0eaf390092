import { configSchema } from './schema';
import { errorMessage, errorProperty } from '../utils/errors';

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
    } catch (error) {
      const problems: string[] = (errorProperty(error, 'errors') as string[] | undefined) ?? [errorMessage(error)];
      throw new Error(`invalid configuration (config/plugins.ts, key "mail-merge"):\n  - ${problems.join('\n  - ')}`);
    }
  },
};
