/**
 * Adapters to Strapi's internals, typed once here.
 *
 * The plugin works on content types it only knows by UID at run time: the app's record types come
 * from the plugin's config (pages, notification types, consent history), and even its own types
 * (`plugin::mail-merge.*`) are not in the app's generated `UID.ContentType` union the plugin is
 * compiled without. Strapi's Document Service and `contentType()` are typed by those literal UIDs;
 * its Query Engine takes any string but answers `any`. These wrappers take a plain string and give
 * results typed by the caller (`Row` by default: fields read are `unknown` until narrowed).
 */
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';

/** A record as read from a content type known by UID only. */
export type Row = Record<string, unknown>;

/** A document of the app's content types (a page's record): its ids, its other fields unknown. */
export type DocumentRow = Row & { id?: number; documentId: string };

/** What the plugin passes to the Document Service (filters and populate as Strapi reads them). */
export type DocumentParams = {
  documentId?: string;
  filters?: Record<string, unknown>;
  populate?: unknown;
  fields?: readonly string[];
  sort?: unknown;
  limit?: number;
  start?: number;
  status?: 'draft' | 'published';
  locale?: string;
};

export interface Documents<T extends object = Row> {
  findMany(params?: DocumentParams): Promise<T[]>;
  findFirst(params?: DocumentParams): Promise<T | null>;
  findOne(params: DocumentParams & { documentId: string }): Promise<T | null>;
  count(params?: DocumentParams): Promise<number>;
  create(params: DocumentParams & { data: object }): Promise<T>;
  update(params: DocumentParams & { documentId: string; data: object }): Promise<T | null>;
  delete(params: DocumentParams & { documentId: string }): Promise<unknown>;
}

/**
 * The Document Service of a content type known by UID only (see the module's comment).
 * `uid as UID.ContentType`: the app's UIDs are not in the union the plugin is compiled with;
 * `as unknown as Documents<T>`: Strapi types each result by the UID's schema, unknown here.
 */
export const documentsOf = <T extends object = Row>(strapi: Core.Strapi, uid: string): Documents<T> =>
  strapi.documents(uid as UID.ContentType) as unknown as Documents<T>;

/** What the plugin passes to the Query Engine. */
export type QueryParams = {
  where?: Record<string, unknown>;
  select?: readonly string[];
  populate?: unknown;
  orderBy?: unknown;
  limit?: number;
  offset?: number;
};

export interface Query<T extends object = Row> {
  findOne(params?: QueryParams): Promise<T | null>;
  findMany(params?: QueryParams): Promise<T[]>;
  count(params?: QueryParams): Promise<number>;
  create(params: QueryParams & { data: object }): Promise<T>;
  createMany(params: { data: object[] }): Promise<{ count: number }>;
  update(params: QueryParams & { data: object }): Promise<T | null>;
  updateMany(params: QueryParams & { data: object }): Promise<{ count: number }>;
  delete(params: QueryParams): Promise<T | null>;
  deleteMany(params?: QueryParams): Promise<{ count: number }>;
}

/**
 * The Query Engine of a content type known by UID only. Strapi's Repository answers `any`; the
 * caller says what it reads (`T`). `as unknown as`: its params are typed `any`, ours narrower.
 */
export const queryOf = <T extends object = Row>(strapi: Core.Strapi, uid: string): Query<T> =>
  strapi.db.query(uid) as unknown as Query<T>;

/** An attribute of a schema as the plugin reads it (the fields it looks at, all optional). */
export type AttributeSchema = {
  type: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
  relation?: string;
  [key: string]: unknown;
};

/** A content type's or a component's schema as the plugin reads it. */
export type ModelSchema = {
  uid: string;
  modelType?: string;
  collectionName?: string;
  info?: { displayName?: string; singularName?: string; pluralName?: string; [key: string]: unknown };
  options?: Record<string, unknown>;
  attributes: Record<string, AttributeSchema>;
};

/**
 * The schema of a content type known by UID only, undefined when the app has none.
 * Strapi's `Schema.ContentType<uid>` needs the literal UID; its attributes are then a union the
 * plugin cannot narrow by name.
 */
export const contentTypeOf = (strapi: Core.Strapi, uid: string): ModelSchema | undefined =>
  strapi.contentType(uid as UID.ContentType) as unknown as ModelSchema | undefined;

/** A content type's or a component's schema (`strapi.getModel`), undefined when there is none. */
export const modelOf = (strapi: Core.Strapi, uid: string): ModelSchema | undefined =>
  strapi.getModel(uid as UID.Schema) as unknown as ModelSchema | undefined;

/** A component's schema, undefined when there is none. */
export const componentOf = (strapi: Core.Strapi, uid: string): ModelSchema | undefined =>
  (strapi.components as unknown as Record<string, ModelSchema | undefined>)[uid];

/**
 * A model's database metadata as the plugin reads it: its table, its attributes' columns, and the
 * join table of a relation or component link (with the model a relation leads to).
 */
export type TableMeta = {
  uid: string;
  tableName: string;
  attributes: Record<string, { type: string; columnName?: string; target?: string; joinTable?: { name: string }; [key: string]: unknown }>;
};

/**
 * The database metadata of a model. Strapi's `Meta` types relation attributes without
 * `columnName`, which the plugin reads on any attribute (absent: the attribute's name).
 */
export const metaOf = (strapi: Core.Strapi, uid: string): TableMeta => strapi.db.metadata.get(uid) as unknown as TableMeta;

/** The app's Knex instance. */
export const knexOf = (strapi: Core.Strapi): Knex => strapi.db.connection;

/** The Knex connection settings the app was started with (`config/database.ts`). */
export const connectionSettingsOf = (strapi: Core.Strapi) =>
  (strapi.db.config.connection as { connection?: Record<string, unknown> }).connection ?? {};

/**
 * A CASL ability of an admin user (ctx.state.userAbility). The plugin only hands it to Strapi's
 * permission checker and permissions manager, and checks it is one (`can`).
 */
export interface UserAbility {
  can(action: string, subject?: unknown, field?: string): boolean;
}
