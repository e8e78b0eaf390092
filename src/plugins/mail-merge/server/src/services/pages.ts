import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { PageConfig } from '../config/schema';
import { getConfig } from '../utils/config';
import { choicesPathFor } from '../utils/paths';
import { componentOf, contentTypeOf, type ModelSchema } from '../utils/strapi-adapters';

/**
 * The page registry: the pages of the mutual's software (module + page) from which mail is sent,
 * each tied to the content type of its records. Read from the plugin configuration.
 */
const createPagesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const all = (): PageConfig[] => getConfig(strapi).pages;

  return {
    list(): PageConfig[] {
      return all();
    },

    find(key: string): PageConfig | undefined {
      return all().find((p) => p.key === key);
    },

    get(key: string): PageConfig {
      const page = this.find(key);
      if (!page) {
        throw new errors.NotFoundError(`Page inconnue : « ${key} » (unknown page)`);
      }
      return page;
    },

    forContentType(uid: string): PageConfig[] {
      return all().filter((p) => p.contentType === uid);
    },

    /**
     * Checks what the config validator cannot know: that each page's content type exists and
     * that its default recipient and consent fields are reachable from it.
     */
    assertConsistentWithSchema() {
      const problems: string[] = [];
      const notifications = getConfig(strapi).notifications;
      if (notifications) {
        const types = contentTypeOf(strapi, notifications.contentType);
        if (!types) problems.push(`notifications: content type "${notifications.contentType}" does not exist`);
        else {
          for (const field of ['code', 'label', 'active', 'channels']) {
            if (!types.attributes?.[field]) problems.push(`notifications: field "${field}" does not exist on ${notifications.contentType}`);
          }
        }
      }
      for (const page of all()) {
        const contentType = contentTypeOf(strapi, page.contentType);
        if (!contentType) {
          problems.push(`page "${page.key}": content type "${page.contentType}" does not exist`);
          continue;
        }
        const paths = [
          ...page.defaultRecipients.map((r) => r.field),
          ...page.labelFields,
          ...(page.consent ? [page.consent.path] : []),
        ];
        const choices = choicesPathFor(page, notifications?.choicesAttribute);
        if (choices) paths.push(choices);
        for (const path of paths) {
          const problem = checkAttributePath(strapi, page.contentType, path);
          if (problem) problems.push(`page "${page.key}": ${problem}`);
        }
      }
      if (problems.length > 0) {
        throw new Error(`Error regarding mail-merge config: invalid pages:\n  - ${problems.join('\n  - ')}`);
      }
    },
  };
};

/** Follows `a.b.c` through relations and components; returns a problem or null. */
const checkAttributePath = (strapi: Core.Strapi, uid: string, path: string): string | null => {
  let schema: ModelSchema | undefined = contentTypeOf(strapi, uid);
  const segments = path.split('.');
  for (let i = 0; i < segments.length; i += 1) {
    const attribute = schema?.attributes?.[segments[i]];
    if (!attribute) return `field "${path}" does not exist on ${uid} ("${segments[i]}" is unknown)`;
    const last = i === segments.length - 1;
    if (last) return null;
    if (attribute.type === 'relation') schema = attribute.target ? contentTypeOf(strapi, attribute.target) : undefined;
    else if (attribute.type === 'component') schema = attribute.component ? componentOf(strapi, attribute.component) : undefined;
    else return `field "${path}": "${segments[i]}" is neither a relation nor a component`;
  }
  return null;
};

export type PagesService = ReturnType<typeof createPagesService>;
export default createPagesService;
