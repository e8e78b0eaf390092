import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { chunks, insertRows, maxInverseOrders, type Dialect } from './bulk-sql';

/**
 * Fast bulk writer for content types (and components) WITHOUT draft & publish.
 *
 * The Document Service writes one row at a time (several queries per record): fine for a demo,
 * far too slow for 100 000+ rows. This writes straight through knex in multi-row INSERTs (bulk-sql.ts), laid out
 * exactly as Strapi lays rows out (read from `strapi.db.metadata`), so the Document Service reads
 * them back as if it had written them.
 *
 * Row values are keyed by attribute name:
 * - scalars as Strapi takes them (`date` as 'YYYY-MM-DD' or Date, `datetime` as Date);
 *   schema defaults are applied to missing values, enums and required fields are checked;
 * - owning-side relations as the target's database id (xToOne) or an array of ids (xToMany);
 * - components as an object (or an array for repeatable ones), written recursively.
 *
 * Bypassed on purpose: lifecycles, webhooks, Document Service middlewares, full validation.
 * Within one transaction, links to rows bulkInsert created are assumed to be written by bulkInsert
 * only (see TransactionState). Rows are assumed new: a bidirectional oneToOne/oneToMany owner (which would have to detach the
 * target from a previous owner) is refused rather than half-handled.
 */

export type BulkRow = Record<string, unknown>;

export type BulkInsertOptions = {
  /** Transaction to write in; without it, this call opens (and commits) its own. */
  trx?: Knex.Transaction;
  /** Timestamp for created_at / updated_at / published_at. */
  now?: Date;
  /** Incremented by every table row written (entities, links, components): for throughput reports. */
  stats?: { rows: number };
};

type Id = number;

// Entities handled per round (insert, then their links and components). Statement sizes are
// bulk-sql.ts's business; this only bounds memory and the inverse-order lookups.
const ROWS_PER_ROUND = 2_000;

const SYSTEM_ATTRIBUTES = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale', 'localizations']);

type ScalarPlan = { name: string; column: string; attribute: any };
type JoinColumnPlan = { name: string; column: string };
type JoinTablePlan = {
  name: string;
  toMany: boolean;
  table: string;
  column: string;
  inverseColumn: string;
  orderColumn?: string;
  inverseOrderColumn?: string;
  targetTable: string;
  on: Record<string, unknown>;
};
type ComponentPlan = {
  name: string;
  uid: string;
  repeatable: boolean;
  table: string;
  column: string;
  inverseColumn: string;
  orderColumn?: string;
  field: string;
};
type Plan = {
  uid: string;
  table: string;
  system: Partial<Record<'documentId' | 'createdAt' | 'updatedAt' | 'publishedAt' | 'locale', string>>;
  scalars: ScalarPlan[];
  joinColumns: JoinColumnPlan[];
  joinTables: JoinTablePlan[];
  components: ComponentPlan[];
  known: Set<string>;
};

// ---------------------------------------------------------------------------------------------
// document ids

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
let pool = Buffer.alloc(0);
let poolOffset = 0;

const randomByte = () => {
  if (poolOffset >= pool.length) {
    pool = crypto.randomBytes(8192);
    poolOffset = 0;
  }
  return pool[poolOffset++];
};

/** 24 lowercase alphanumerics starting with a letter, the shape of Strapi's cuid2 document ids. */
export const createDocumentId = () => {
  let id = '';
  while (id.length < 24) {
    const byte = randomByte();
    // Rejection sampling keeps every character equally likely (252 = 7 × 36).
    if (byte >= 252) continue;
    const char = ALPHABET[byte % 36];
    if (id.length === 0 && byte % 36 >= 26) continue;
    id += char;
  }
  return id;
};

// ---------------------------------------------------------------------------------------------
// plan: where each attribute goes, read once per uid from Strapi's metadata

const planCache = new WeakMap<object, Map<string, Plan>>();

const buildPlan = (strapi: Core.Strapi, uid: string): Plan => {
  const schema: any = strapi.getModel(uid as any);
  const meta: any = strapi.db.metadata.get(uid);
  if (!schema || !meta) throw new Error(`bulkInsert: unknown model "${uid}"`);
  if (schema.options?.draftAndPublish) {
    throw new Error(`bulkInsert: "${uid}" has draft & publish; only types without it are supported`);
  }

  const plan: Plan = {
    uid,
    table: meta.tableName,
    system: {},
    scalars: [],
    joinColumns: [],
    joinTables: [],
    components: [],
    known: new Set(),
  };

  for (const [name, attribute] of Object.entries<any>(meta.attributes)) {
    const schemaType = schema.attributes?.[name]?.type;
    if (SYSTEM_ATTRIBUTES.has(name)) {
      if (attribute.columnName && name !== 'id') (plan.system as any)[name] = attribute.columnName;
      continue;
    }
    if (schemaType === 'dynamiczone') continue; // not supported; refused below if a row uses it

    if (schemaType === 'component') {
      const jt = attribute.joinTable;
      plan.components.push({
        name,
        uid: schema.attributes[name].component,
        repeatable: Boolean(schema.attributes[name].repeatable),
        table: jt.name,
        column: jt.joinColumn.name,
        inverseColumn: jt.inverseJoinColumn.name,
        orderColumn: jt.orderColumnName,
        field: jt.on?.field ?? name,
      });
      plan.known.add(name);
      continue;
    }

    if (attribute.type === 'relation') {
      if (attribute.mappedBy || attribute.relation?.startsWith('morph')) continue; // inverse side: write from the owner
      if (attribute.joinColumn && !attribute.joinTable) {
        plan.joinColumns.push({ name, column: attribute.joinColumn.name });
        plan.known.add(name);
        continue;
      }
      const jt = attribute.joinTable;
      if (!jt) continue;
      const toMany = /ToMany$/.test(attribute.relation);
      const bidirectionalOneToAny = Boolean(attribute.inversedBy) && /^oneTo/.test(attribute.relation);
      // Strapi detaches the target from its previous owner first; not done here, so such an
      // attribute stays unknown and a row using it is refused.
      if (bidirectionalOneToAny) continue;
      plan.joinTables.push({
        name,
        toMany,
        table: jt.name,
        column: jt.joinColumn.name,
        inverseColumn: jt.inverseJoinColumn.name,
        orderColumn: toMany ? jt.orderColumnName : undefined,
        inverseOrderColumn: jt.inverseOrderColumnName,
        targetTable: jt.inverseJoinColumn.referencedTable ?? strapi.db.metadata.get(attribute.target).tableName,
        on: jt.on ?? {},
      });
      plan.known.add(name);
      continue;
    }

    if (attribute.columnName) {
      plan.scalars.push({ name, column: attribute.columnName, attribute });
      plan.known.add(name);
    }
  }
  return plan;
};

const getPlan = (strapi: Core.Strapi, uid: string) => {
  let perStrapi = planCache.get(strapi);
  if (!perStrapi) planCache.set(strapi, (perStrapi = new Map()));
  let plan = perStrapi.get(uid);
  if (!plan) perStrapi.set(uid, (plan = buildPlan(strapi, uid)));
  return plan;
};

// ---------------------------------------------------------------------------------------------
// values

const toDateOnly = (value: unknown) => {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  throw new Error(`expected a date (YYYY-MM-DD or Date), got ${JSON.stringify(value)}`);
};

const toScalar = (uid: string, { name, attribute }: ScalarPlan, raw: unknown) => {
  let value = raw;
  if (value === undefined && attribute.default !== undefined) {
    value = typeof attribute.default === 'function' ? attribute.default() : attribute.default;
  }
  if (value === undefined || value === null) {
    if (attribute.required) throw new Error(`bulkInsert ${uid}: "${name}" is required`);
    return null;
  }
  try {
    switch (attribute.type) {
      case 'date':
        return toDateOnly(value);
      case 'datetime':
      case 'timestamp':
        // knex turns a Date into what Strapi stores: ms since epoch on SQLite, timestamptz on PG.
        return value instanceof Date ? value : new Date(value as string);
      case 'json':
        return JSON.stringify(value);
      case 'enumeration':
        if (!attribute.enum.includes(value)) throw new Error(`"${value}" is not one of ${attribute.enum.join(', ')}`);
        return value;
      default:
        return value;
    }
  } catch (error) {
    throw new Error(`bulkInsert ${uid}: "${name}": ${(error as Error).message}`);
  }
};

const toIdList = (value: unknown): Id[] => {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => {
    const id = typeof v === 'object' && v !== null ? (v as any).id : v;
    if (!Number.isInteger(Number(id))) throw new Error(`expected a database id, got ${JSON.stringify(v)}`);
    return Number(id);
  });
};

// ---------------------------------------------------------------------------------------------
// insert

/**
 * What bulkInsert did in a transaction, kept across calls on the same transaction: ids it created
 * per table, and the last inverse order it handed out per link table and target. A target created
 * here can only be linked by links written here, so its next order needs no query (with a query
 * per batch of targets, PostgreSQL spent 40 µs per target: a third of the whole seed).
 */
type TransactionState = { created: Map<string, Set<Id>>; inverseOrders: Map<string, Map<Id, number>> };
const transactionStates = new WeakMap<Knex.Transaction, TransactionState>();

const stateOf = (trx: Knex.Transaction) => {
  let state = transactionStates.get(trx);
  if (!state) transactionStates.set(trx, (state = { created: new Map(), inverseOrders: new Map() }));
  return state;
};

type Context = {
  strapi: Core.Strapi;
  trx: Knex.Transaction;
  dialect: Dialect;
  now: Date;
  stats: { rows: number };
  state: TransactionState;
};

const write = async (ctx: Context, table: string, rows: Record<string, unknown>[], returning: boolean) => {
  const ids = await insertRows(ctx.trx, ctx.dialect, table, rows, returning);
  ctx.stats.rows += rows.length;
  if (returning) {
    let created = ctx.state.created.get(table);
    if (!created) ctx.state.created.set(table, (created = new Set()));
    for (const id of ids) created.add(id);
  }
  return ids;
};

/** Strapi appends a new owner at the end of each target's list: max(existing order) + 1. */
const nextInverseOrders = async (ctx: Context, jt: JoinTablePlan, targets: Id[]) => {
  const { inverseOrders, created } = ctx.state;
  let known = inverseOrders.get(jt.table);
  if (!known) inverseOrders.set(jt.table, (known = new Map()));
  const createdHere = created.get(jt.targetTable);
  const unknown: Id[] = [];
  for (const id of new Set(targets)) {
    if (known.has(id)) continue;
    if (createdHere?.has(id)) known.set(id, 0);
    else unknown.push(id);
  }
  if (unknown.length > 0) {
    const found = await maxInverseOrders(
      ctx.trx,
      { table: jt.table, inverseColumn: jt.inverseColumn, inverseOrderColumn: jt.inverseOrderColumn!, on: jt.on },
      unknown
    );
    for (const [id, max] of found) known.set(id, max);
  }
  return known;
};

const insertChunk = async (ctx: Context, plan: Plan, rows: BulkRow[]): Promise<Id[]> => {
  const { now } = ctx;
  const dbRows = rows.map((row) => {
    const out: Record<string, unknown> = {};
    const { system } = plan;
    if (system.documentId) out[system.documentId] = createDocumentId();
    for (const scalar of plan.scalars) out[scalar.column] = toScalar(plan.uid, scalar, row[scalar.name]);
    for (const jc of plan.joinColumns) out[jc.column] = toIdList(row[jc.name])[0] ?? null;
    if (system.createdAt) out[system.createdAt] = (row.createdAt as Date) ?? now;
    if (system.updatedAt) out[system.updatedAt] = (row.updatedAt as Date) ?? now;
    // Without draft & publish Strapi stores every entry as published, at creation time.
    if (system.publishedAt) out[system.publishedAt] = (row.publishedAt as Date) ?? now;
    if (system.locale) out[system.locale] = null;
    return out;
  });
  const ids = await write(ctx, plan.table, dbRows, true);

  for (const jt of plan.joinTables) {
    const links: Record<string, unknown>[] = [];
    const perRowTargets = rows.map((row) => {
      const targets = toIdList(row[jt.name]);
      if (!jt.toMany && targets.length > 1) throw new Error(`bulkInsert ${plan.uid}: "${jt.name}" takes one id`);
      return [...new Set(targets)];
    });
    const orders = jt.inverseOrderColumn
      ? await nextInverseOrders(ctx, jt, perRowTargets.flat())
      : undefined;
    perRowTargets.forEach((targets, i) => {
      targets.forEach((target, position) => {
        const link: Record<string, unknown> = { [jt.column]: ids[i], [jt.inverseColumn]: target, ...jt.on };
        if (jt.orderColumn) link[jt.orderColumn] = position + 1;
        if (orders) {
          const order = orders.get(target)! + 1;
          orders.set(target, order);
          link[jt.inverseOrderColumn!] = order;
        }
        links.push(link);
      });
    });
    await write(ctx, jt.table, links, false);
  }

  for (const cp of plan.components) {
    const owners: Id[] = [];
    const positions: number[] = [];
    const values: BulkRow[] = [];
    rows.forEach((row, i) => {
      const value = row[cp.name];
      if (value === undefined || value === null) return;
      const list = cp.repeatable ? (value as BulkRow[]) : [value as BulkRow];
      if (cp.repeatable && !Array.isArray(value)) throw new Error(`bulkInsert ${plan.uid}: "${cp.name}" takes an array`);
      list.forEach((item, position) => {
        owners.push(ids[i]);
        positions.push(position + 1);
        values.push(item);
      });
    });
    if (values.length === 0) continue;
    const componentIds = await insertAll(ctx, cp.uid, values);
    await write(
      ctx,
      cp.table,
      componentIds.map((componentId, k) => {
        const link: Record<string, unknown> = {
          [cp.column]: owners[k],
          [cp.inverseColumn]: componentId,
          component_type: cp.uid,
          field: cp.field,
        };
        // Strapi leaves the order empty for a single component and numbers repeatable ones 1..n.
        if (cp.orderColumn) link[cp.orderColumn] = cp.repeatable ? positions[k] : null;
        return link;
      }),
      false
    );
  }
  return ids;
};

const insertAll = async (ctx: Context, uid: string, rows: BulkRow[]): Promise<Id[]> => {
  const plan = getPlan(ctx.strapi, uid);
  const unknownKeys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (!plan.known.has(key)) unknownKeys.add(key);
  for (const key of ['createdAt', 'updatedAt', 'publishedAt']) unknownKeys.delete(key);
  if (unknownKeys.size > 0) {
    throw new Error(`bulkInsert ${uid}: unsupported or unknown attributes: ${[...unknownKeys].join(', ')}`);
  }

  const ids: Id[] = [];
  for (const part of chunks(rows, ROWS_PER_ROUND)) {
    ids.push(...(await insertChunk(ctx, plan, part)));
  }
  return ids;
};

/** Inserts rows of `uid`; returns their database ids in the order of `rows`. */
export const bulkInsert = async (
  strapi: Core.Strapi,
  uid: string,
  rows: BulkRow[],
  options: BulkInsertOptions = {}
): Promise<Id[]> => {
  if (rows.length === 0) return [];
  const now = options.now ?? new Date();
  const stats = options.stats ?? { rows: 0 };
  const dialect = strapi.db.dialect.client as string;
  if (dialect !== 'sqlite' && dialect !== 'postgres') {
    throw new Error(`bulkInsert: ${dialect} is not supported (SQLite and PostgreSQL only: INSERT … RETURNING)`);
  }
  const run = (trx: Knex.Transaction) => insertAll({ strapi, trx, dialect, now, stats, state: stateOf(trx) }, uid, rows);
  return options.trx ? run(options.trx) : strapi.db.connection.transaction(run);
};
