/**
 * Static rules for the SQL of an extraction, checked on save and again before every run.
 *
 * The query is parsed with node-sql-parser for the active dialect (never with regular
 * expressions): it must be exactly one SELECT (or WITH … SELECT), without INTO or locking
 * clauses, and must not read credential or internal tables nor call functions that escape the
 * rules (running SQL from a string, changing settings, reading files). Anything the parser does
 * not understand is refused. Execution adds the second wall: a read-only transaction or
 * connection, a timeout and a row cap (see runner.ts).
 */
import { Parser, type AST, type Select } from 'node-sql-parser';
import { errorMessage } from '../../utils/errors';

export type Dialect = 'postgres' | 'sqlite';

export type SqlProblem = { code: string; fr: string; en: string; detail?: string };

export type GuardResult = { ok: true; sql: string; tables: string[] } | { ok: false; problem: SqlProblem };

const PARSER_DIALECT: Record<Dialect, string> = { postgres: 'postgresql', sqlite: 'sqlite' };

/** Functions that run SQL from text, change settings, touch files or other sessions. */
const FORBIDDEN_FUNCTIONS: RegExp[] = [
  /^pg_/, // pg_sleep is left to the timeout, but pg_read_file, pg_terminate_backend… are not ours
  /^lo_/,
  /^dblink/,
  /_to_xml/, // query_to_xml('select … from admin_users') would run SQL hidden in a string
  /_to_xmlschema/,
  /^set_config$/, // could lift the statement timeout
  /^current_setting$/,
  /^txid_/,
  /^nextval$|^setval$/,
  /^load_extension$/,
  /^readfile$|^writefile$|^edit$/,
  /^fts3_tokenizer$/,
];

const parser = new Parser();

/** Clauses the parser sets on a SELECT that its declared `Select` type leaves out. */
type SelectClauses = { into?: { expr?: unknown; position?: unknown } | null; locking_read?: unknown; for_update?: unknown };

/** A node of the tree as the walk reads it (the parser's node types do not cover every dialect's). */
type TreeNode = Record<string, unknown>;

const problem = (code: string, fr: string, en: string, detail?: string): GuardResult => ({
  ok: false,
  problem: { code, fr, en, detail },
});

/** A refusal naming what it found (tables, functions): « <fr> : a, b. », detail « a, b ». */
const namingProblem = (code: string, fr: string, en: string, names: readonly string[]): GuardResult => {
  const list = names.join(', ');
  return problem(code, `${fr} : ${list}.`, `${en}: ${list}.`, list);
};

/** `admin_*` style patterns; case-insensitive, schema prefix ignored. */
const matchesPattern = (table: string, pattern: string) => {
  const regex = new RegExp(`^${pattern.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return regex.test(table.toLowerCase());
};

/** Every function name called anywhere in the tree (select list, joins, subqueries, CTEs). */
const collectFunctionNames = (node: unknown, names: Set<string>, seen = new Set<unknown>()) => {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  const record = node as TreeNode;
  if ((record.type === 'function' || record.type === 'aggr_func') && record.name) {
    const inner = (record.name as TreeNode).name;
    const parts: unknown[] = Array.isArray(inner) ? inner : [record.name];
    const last = parts[parts.length - 1];
    const name = typeof last === 'string' ? last : (last as TreeNode | null | undefined)?.value;
    if (typeof name === 'string') names.add(name.toLowerCase());
  }
  for (const value of Object.values(record)) collectFunctionNames(value, names, seen);
};

/** Removes trailing semicolons (one statement may end with one) so the query can be wrapped. */
const stripTrailingSemicolons = (sql: string) => sql.trim().replace(/(;\s*)+$/, '').trim();

export const checkExtractionSql = (sql: string, dialect: Dialect, forbiddenTables: string[]): GuardResult => {
  if (typeof sql !== 'string' || sql.trim() === '') {
    return problem('sql.empty', 'La requête est vide.', 'The query is empty.');
  }

  let ast: AST | AST[];
  let tables: string[];
  try {
    const options = { database: PARSER_DIALECT[dialect] };
    // One parse gives both the tree and the tables (astify + tableList would parse twice).
    ({ ast, tableList: tables } = parser.parse(sql, options));
  } catch (error) {
    return problem(
      'sql.unparsable',
      'Requête non reconnue : seule une instruction SELECT simple est acceptée.',
      'Query not understood: only a plain SELECT statement is accepted.',
      errorMessage(error).slice(0, 300)
    );
  }

  const statements = (Array.isArray(ast) ? ast : [ast]).filter(Boolean);
  if (statements.length !== 1) {
    return problem(
      'sql.multiple-statements',
      `La requête doit contenir une seule instruction (${statements.length} trouvées).`,
      `The query must hold exactly one statement (${statements.length} found).`
    );
  }

  const [statement] = statements;
  if (statement.type !== 'select') {
    return problem(
      'sql.not-select',
      `Seule une requête SELECT est autorisée (instruction « ${String(statement.type).toUpperCase()} » refusée).`,
      `Only a SELECT query is allowed (statement "${String(statement.type).toUpperCase()}" refused).`
    );
  }

  const select: Select & SelectClauses = statement;
  if (select.into && (select.into.expr || select.into.position)) {
    return problem('sql.select-into', 'SELECT … INTO est interdit : une extraction ne crée rien.', 'SELECT … INTO is forbidden: an extraction creates nothing.');
  }

  if (select.locking_read || select.for_update) {
    return problem('sql.locking', 'Les clauses de verrouillage (FOR UPDATE, FOR SHARE) sont interdites.', 'Locking clauses (FOR UPDATE, FOR SHARE) are forbidden.');
  }

  // tableList reports the operation on each table, including in CTEs and subqueries.
  const writes = tables.filter((entry) => !entry.toLowerCase().startsWith('select::'));
  if (writes.length > 0) {
    return problem(
      'sql.write',
      'La requête modifie des données, ce qui est interdit.',
      'The query writes data, which is forbidden.',
      writes.join(', ')
    );
  }

  // Entries read `select::schema::table`; a pattern may name a table or a whole schema.
  const references = tables.map((entry) => {
    const [, schema, table] = entry.split('::');
    return { schema: schema === 'null' ? null : schema, table };
  });
  const tableNames = [...new Set(references.map((ref) => ref.table).filter(Boolean))];
  const isForbidden = (name: string | null) => Boolean(name) && forbiddenTables.some((pattern) => matchesPattern(name!, pattern));
  const forbidden = [
    ...new Set(
      references
        .filter((ref) => isForbidden(ref.table) || isForbidden(ref.schema))
        .map((ref) => (ref.schema ? `${ref.schema}.${ref.table}` : ref.table))
    ),
  ];
  if (forbidden.length > 0) {
    return namingProblem('sql.forbidden-table', 'La requête lit une table interdite', 'The query reads a forbidden table', forbidden);
  }

  const functions = new Set<string>();
  collectFunctionNames(statement, functions);
  const forbiddenFunctions = [...functions].filter((name) => FORBIDDEN_FUNCTIONS.some((rule) => rule.test(name)) && name !== 'pg_sleep');
  if (forbiddenFunctions.length > 0) {
    return namingProblem('sql.forbidden-function', 'La requête appelle une fonction interdite', 'The query calls a forbidden function', forbiddenFunctions);
  }

  return { ok: true, sql: stripTrailingSemicolons(sql), tables: tableNames };
};
