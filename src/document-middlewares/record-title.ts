import type { Core } from '@strapi/strapi';

/**
 * The title a gestionnaire calls a record by (« Mme Nathalie Simon », « Adhésion DEMO-000002 »,
 * « PEC n° … »), kept in a `title` column so the Content Manager can use it as the record's
 * mainField: in the edit view's header, in relation pickers and in the lists of other records.
 *
 * One SQL expression per content type is the single definition: the middleware runs it on the
 * written row after each create / update (so any partial update is covered), and start-up runs it
 * on rows written without the Document Service (bulk seeds). The attribute is private: the
 * content API, which front-offices read, does not change shape.
 */
type Uid = string;

// Columns are snake_case of the attributes (Strapi's naming); `||` and coalesce/trim/nullif mean
// the same in SQLite and PostgreSQL.
const person = `trim(coalesce(case civility when 'M' then 'M.' else civility end || ' ', '') || coalesce(first_name || ' ', '') || coalesce(last_name, ''))`;

export const TITLE_SQL: Record<Uid, string> = {
  'api::beneficiary.beneficiary': person,
  'api::health-professional.health-professional': `coalesce(nullif(${person}, ''), company_name)`,
  'api::adhesion.adhesion': `'Adhésion ' || number`,
  'api::coverage-request.coverage-request': `'PEC n° ' || number`,
  'api::simulation.simulation': `'Simulation n° ' || number`,
};

const WRITES = new Set(['create', 'update', 'clone']);

const tableOf = (strapi: Core.Strapi, uid: Uid) => strapi.db.metadata.get(uid as any).tableName;

export const recordTitle =
  (strapi: Core.Strapi): Parameters<Core.Strapi['documents']['use']>[0] =>
  async (ctx, next) => {
    const expression = TITLE_SQL[ctx.uid];
    if (!expression || !WRITES.has(ctx.action)) return next();
    // Whatever the client sent for the title is not theirs to decide.
    const params = ctx.params as { data?: Record<string, unknown> };
    if (params.data && 'title' in params.data) {
      const { title: _ignored, ...rest } = params.data;
      params.data = rest;
    }
    const result: any = await next();
    if (result?.documentId) {
      const table = tableOf(strapi, ctx.uid);
      // Inside the write's transaction when there is one (another middleware may hold it, and
      // SQLite has a single connection: a query beside it would wait for it forever).
      result.title = await strapi.db.transaction(async ({ trx }) => {
        await trx(table).where({ document_id: result.documentId }).update({ title: trx.raw(expression) });
        const row = await trx(table).where({ document_id: result.documentId }).first('title');
        return row?.title ?? null;
      });
    }
    return result;
  };

/** Titles of rows written without the Document Service (the bulk seeds), at start-up. */
export const backfillRecordTitles = async (strapi: Core.Strapi) => {
  const knex = strapi.db.connection;
  for (const [uid, expression] of Object.entries(TITLE_SQL)) {
    await knex(tableOf(strapi, uid)).whereNull('title').update({ title: knex.raw(expression) });
  }
};
