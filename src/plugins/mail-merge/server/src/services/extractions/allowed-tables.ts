/**
 * The tables an extraction may read: an allow-list, enforced by the database on both dialects
 * (the PostgreSQL role's grants, the SQLite program check).
 *
 * - the tables of the app's own content types (`api::*`);
 * - the tables of their components, transitively;
 * - the join tables between two of those (relations, component links `<table>_cmps`);
 * - tables named in `extractions.allowTables`.
 *
 * Strapi's own models (admin users, API tokens, sessions, core store…), users-permissions and this
 * plugin are never in it, even when a relation leads there (every content type has `created_by`
 * pointing at admin_users: the id column is readable, the admin_users table is not) or when the
 * config names them.
 */
import type { Core } from '@strapi/strapi';
import { modelOf, metaOf } from '../../utils/strapi-adapters';

const NEVER_MODELS = [/^admin::/, /^strapi::/, /^plugin::users-permissions\./, /^plugin::mail-merge\./];
/** Strapi's internal tables (migrations, schema, history…) and the databases' catalogs. */
const NEVER_TABLE_NAMES = [/^strapi_/, /^sqlite_/, /^pg_/];

export type AllowedTables = {
  /** Sorted, unique. */
  tables: string[];
  /** Tables of `allowTables` refused because they belong to Strapi or to this plugin. */
  refused: string[];
};

type Attribute = { type: string; component?: string; components?: string[] };

/** Components used by these models, and by those components, and so on. */
const withComponents = (strapi: Core.Strapi, uids: string[]) => {
  const models = new Set(uids);
  const queue = [...uids];
  while (queue.length > 0) {
    const schema = modelOf(strapi, queue.pop()!) as { attributes?: Record<string, Attribute> } | undefined;
    for (const attribute of Object.values(schema?.attributes ?? {})) {
      const used = attribute.type === 'component' ? [attribute.component] : attribute.type === 'dynamiczone' ? attribute.components : [];
      for (const uid of used ?? []) {
        if (uid && !models.has(uid)) {
          models.add(uid);
          queue.push(uid);
        }
      }
    }
  }
  return models;
};

/** The model's table and the join tables whose other end is also in `models`. */
const tablesOf = (strapi: Core.Strapi, uid: string, models: Set<string>, joins: 'inside' | 'all') => {
  const meta = metaOf(strapi, uid);
  if (!meta) return [];
  const schema = modelOf(strapi, uid) as { attributes?: Record<string, Attribute> } | undefined;
  const tables: string[] = [meta.tableName];
  for (const [name, attribute] of Object.entries(meta.attributes ?? {})) {
    if (!attribute.joinTable?.name) continue;
    const declared = schema?.attributes?.[name]?.type;
    // Components and dynamic zones: their components were all added to `models`.
    const inside = declared === 'component' || declared === 'dynamiczone' || (attribute.target && models.has(attribute.target));
    if (joins === 'all' || inside) tables.push(attribute.joinTable.name);
  }
  return tables;
};

export const computeAllowedTables = (strapi: Core.Strapi, allowTables: string[] = []): AllowedTables => {
  const uids = [...strapi.db.metadata.keys()] as string[];
  const models = withComponents(
    strapi,
    uids.filter((uid) => uid.startsWith('api::'))
  );

  // Every table a forbidden model owns or links to, whoever else it links to.
  const never = new Set<string>();
  for (const uid of uids.filter((candidate) => NEVER_MODELS.some((rule) => rule.test(candidate)))) {
    for (const table of tablesOf(strapi, uid, new Set(), 'all')) never.add(table);
  }
  const isNever = (table: string) => never.has(table) || NEVER_TABLE_NAMES.some((rule) => rule.test(table));

  const allowed = new Set<string>();
  for (const uid of models) {
    for (const table of tablesOf(strapi, uid, models, 'inside')) if (!isNever(table)) allowed.add(table);
  }
  const refused: string[] = [];
  for (const table of allowTables) {
    if (isNever(table)) refused.push(table);
    else allowed.add(table);
  }
  return { tables: [...allowed].sort(), refused };
};
