/**
 * Installs the shipped extractions and templates once. The keys already installed are kept in
 * the plugin store, so that what an administrator deletes is not recreated at the next start.
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { SHIPPED_EXTRACTIONS } from '../shipped/extractions';
import { SHIPPED_TEMPLATES } from '../shipped/templates';
import { EXTRACTION_UID } from './extractions';

const STORE_KEY = 'shipped';

const createShippedService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: 'mail-merge', key: STORE_KEY });

  return {
    async install() {
      const installed = new Set<string>(((await store().get()) as string[] | null) ?? []);
      const pages = getService('pages', { strapi });
      const added: string[] = [];

      for (const definition of SHIPPED_EXTRACTIONS) {
        const key = `extraction:${definition.key}`;
        if (installed.has(key) || !definition.pages.every((page) => pages.find(page))) continue;
        try {
          await getService('extractions', { strapi }).create(
            { title: definition.title, description: definition.description, query: definition.query, pages: definition.pages },
            { shippedKey: definition.key }
          );
          installed.add(key);
          added.push(key);
        } catch (error: any) {
          strapi.log.warn(`[mail-merge] shipped extraction "${definition.key}" not installed: ${error.message}`);
        }
      }

      for (const definition of SHIPPED_TEMPLATES) {
        const key = `template:${definition.key}`;
        if (installed.has(key)) continue;
        const extraction = (await strapi.documents(EXTRACTION_UID as any).findFirst({
          filters: { shippedKey: definition.extraction },
        } as any)) as any;
        if (!extraction || !pages.find(definition.page)) continue;
        try {
          const { key: _key, extraction: _extraction, ...fields } = definition;
          await getService('templates', { strapi }).create({ ...fields, extraction: extraction.documentId });
          installed.add(key);
          added.push(key);
        } catch (error: any) {
          strapi.log.warn(`[mail-merge] shipped template "${definition.key}" not installed: ${error.message}`);
        }
      }

      if (added.length > 0) await store().set({ value: [...installed] });
      return added;
    },
  };
};

export default createShippedService;
