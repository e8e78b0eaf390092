import type { Core } from '@strapi/strapi';
import isEqual from 'lodash/isEqual';
import labels from './labels.json';

/**
 * The Content Manager views of the mutual's records as they ship: French field labels, the list
 * columns a gestionnaire needs, a sensible sort and the record's title (mainField).
 *
 * Written at every start-up through the Content Manager's own service, one setting at a time, and
 * only where nobody changed it since: what was last written is remembered in the core store
 * (key `app_content_manager_defaults::<uid>` of `strapi.store({ type: 'core', name: 'app' })`); a setting whose current value is no longer that
 * (an administrator's « Configurer la vue ») is left alone. On a fresh database nothing is
 * remembered yet and Strapi's generated defaults are replaced.
 */
type Labels = { fr: string; en: string };
type View = { mainField: string; list: string[]; sort: string; order?: 'ASC' | 'DESC' };

const CONTENT_TYPES = labels.contentTypes as Record<string, Record<string, Labels>>;
const VIEWS = labels.views as Record<string, View>;
/** Fields maintained by the app (document middleware), shown but never edited. */
export const COMPUTED_FIELDS = new Set(['title']);

const MARK_PREFIX = 'app_content_manager_defaults::';

type Setting = { path: string[]; value: unknown };

const desiredSettings = (uid: string): Setting[] => {
  const view = VIEWS[uid];
  const fields = CONTENT_TYPES[uid] ?? {};
  const settings: Setting[] = [];
  for (const [field, label] of Object.entries(fields)) {
    // The stored label is the one « Configurer la vue » shows and edits (French: the mutual's
    // language); each user's language is then served by the admin translations (src/admin/app.tsx).
    settings.push({ path: ['metadatas', field, 'edit', 'label'], value: label.fr });
    settings.push({ path: ['metadatas', field, 'list', 'label'], value: label.fr });
    if (COMPUTED_FIELDS.has(field)) {
      settings.push({ path: ['metadatas', field, 'edit', 'visible'], value: false });
      settings.push({ path: ['metadatas', field, 'edit', 'editable'], value: false });
    }
  }
  if (view) {
    settings.push({ path: ['settings', 'mainField'], value: view.mainField });
    settings.push({ path: ['settings', 'defaultSortBy'], value: view.sort });
    settings.push({ path: ['settings', 'defaultSortOrder'], value: view.order ?? 'ASC' });
    settings.push({ path: ['layouts', 'list'], value: view.list });
  }
  return settings;
};

const getPath = (object: any, path: string[]) => path.reduce((node, key) => (node == null ? undefined : node[key]), object);
const setPath = (object: any, path: string[], value: unknown) => {
  let node = object;
  for (const key of path.slice(0, -1)) node = node[key] ??= {};
  node[path[path.length - 1]] = value;
};

export const applyContentManagerDefaults = async (strapi: Core.Strapi) => {
  const service = strapi.plugin('content-manager').service('content-types');
  const store = strapi.store({ type: 'core', name: 'app' });
  for (const uid of Object.keys({ ...CONTENT_TYPES, ...VIEWS })) {
    const contentType = service.findContentType(uid);
    if (!contentType) continue;
    const { uid: _uid, ...current } = await service.findConfiguration(contentType);
    const written = ((await store.get({ key: `${MARK_PREFIX}${uid}` })) ?? {}) as Record<string, unknown>;
    const next = structuredClone(current);
    const remembered: Record<string, unknown> = {};
    let changed = false;
    for (const { path, value } of desiredSettings(uid)) {
      // A field the schema no longer has: the Content Manager would refuse its metadata.
      if (path[0] === 'metadatas' && !contentType.attributes[path[1]]) continue;
      const key = path.join('.');
      const now = getPath(current, path);
      const untouched = !(key in written) || isEqual(now, written[key]);
      if (untouched) {
        if (!isEqual(now, value)) {
          setPath(next, path, value);
          changed = true;
        }
        remembered[key] = value;
      } else {
        // Customised by an administrator: theirs stays, and stays theirs.
        remembered[key] = written[key];
      }
    }
    if (changed) await service.updateConfiguration(contentType, next);
    await store.set({ key: `${MARK_PREFIX}${uid}`, value: remembered });
  }
};
