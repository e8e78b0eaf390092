/**
 * Installs the extractions and templates the app ships (plugin config `shipped`), and the default
 * layout (services/layouts.ts), once. The keys already installed are kept in the plugin store, so
 * that what an administrator deletes is not recreated at the next start.
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { getConfig } from '../utils/config';
import { errorMessage } from '../utils/errors';

const STORE_KEY = 'shipped';
const SHIPPED_LAYOUT_KEY = 'layout:default';

const createShippedService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: 'mail-merge', key: STORE_KEY });

  return {
    async install() {
      const { extractions: shippedExtractions, templates: shippedTemplates } = getConfig(strapi).shipped;
      const installed = new Set<string>(((await store().get()) as string[] | null) ?? []);
      const pages = getService('pages', { strapi });
      const extractions = getService('extractions', { strapi });
      const added: string[] = [];

      for (const definition of shippedExtractions) {
        const key = `extraction:${definition.key}`;
        if (installed.has(key) || !definition.pages.every((page) => pages.find(page))) continue;
        try {
          await extractions.create(
            { title: definition.title, description: definition.description, query: definition.query, pages: definition.pages },
            { shippedKey: definition.key }
          );
          installed.add(key);
          added.push(key);
        } catch (error) {
          strapi.log.warn(`[mail-merge] shipped extraction "${definition.key}" not installed: ${errorMessage(error)}`);
        }
      }

      for (const definition of shippedTemplates) {
        const key = `template:${definition.key}`;
        if (installed.has(key)) continue;
        const extraction = await extractions.findShipped(definition.extraction);
        if (!extraction || !pages.find(definition.page)) continue;
        try {
          const { key: _key, extraction: _extraction, ...fields } = definition;
          await getService('templates', { strapi }).create({ ...fields, extraction: extraction.documentId });
          installed.add(key);
          added.push(key);
        } catch (error) {
          strapi.log.warn(`[mail-merge] shipped template "${definition.key}" not installed: ${errorMessage(error)}`);
        }
      }

      // The letterhead (« Mise en page »), when no layout exists yet; one deleted is not recreated.
      if (!installed.has(SHIPPED_LAYOUT_KEY)) {
        try {
          await getService('layouts', { strapi }).installShipped();
          installed.add(SHIPPED_LAYOUT_KEY);
          added.push(SHIPPED_LAYOUT_KEY);
        } catch (error) {
          strapi.log.warn(`[mail-merge] shipped layout not installed: ${errorMessage(error)}`);
        }
      }

      if (added.length > 0) await store().set({ value: [...installed] });
      return added;
    },
  };
};

export default createShippedService;
