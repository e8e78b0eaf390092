'use strict';

/**
 * Which tables a statement reads, as SQLite itself compiled it: `EXPLAIN <sql>` lists the
 * program, whose Open* opcodes name each b-tree by its root page (p2) in database p3. No parser
 * of ours is involved, so no quoting or comment trick can hide a table.
 *
 * Refused: any b-tree that is not an allowed table or an index of one (root page 1 is
 * sqlite_schema), any other database than `main` (temp, attached), any opcode that writes, and
 * any virtual table other than json_each / json_tree (pragma_* functions, dbstat…).
 */

/** Opcodes that open a cursor on a b-tree of the database file (p2: root page, p3: database). */
const OPEN_OPCODES = new Set(['OpenRead', 'OpenWrite', 'ReopenIdx']);
/**
 * Opcodes that change the database or its schema: never in a read-only statement. (Insert,
 * IdxInsert… are not here: a SELECT uses them on its own ephemeral tables; a write to a real
 * table needs an OpenWrite cursor.)
 */
const WRITE_OPCODES = new Set([
  'OpenWrite',
  'VUpdate',
  'VCreate',
  'VDestroy',
  'CreateBtree',
  'Destroy',
  'Clear',
  'ParseSchema',
  'SqlExec',
  'Vacuum',
  'IntegrityCk',
  'LoadAnalysis',
  'DropTable',
  'DropIndex',
  'DropTrigger',
]);
/** OPFLAG_P2ISREG: p2 is a register holding the root page, unknown before running. */
const P2_IS_REGISTER = 0x10;
/** Virtual tables an extraction may use: reading JSON given as a value (our own key filter uses json_each). */
const ALLOWED_VIRTUAL_TABLES = ["json_each('[]')", "json_tree('[]')"];

class ForbiddenRead extends Error {
  constructor(table, message) {
    super(message);
    this.code = 'MM_FORBIDDEN_TABLE';
    this.table = table;
  }
}

// better-sqlite3 wants every parameter bound, even to list the program.
const program = (db, sql, params = []) => db.prepare(`EXPLAIN ${sql}`).all(...params);

/**
 * The vtab pointers (`vtab:…` in p4 of VOpen) of json_each and json_tree on this connection.
 * An eponymous virtual table has one instance per connection, so its pointer identifies the
 * module; an alias (`pragma_table_info('x') as json_each`) cannot borrow it. Read again at each
 * check, while the checked program still holds its own virtual tables.
 */
const allowedVirtualTables = (db) => {
  const pointers = new Set();
  for (const source of ALLOWED_VIRTUAL_TABLES) {
    for (const op of program(db, `select * from ${source}`)) if (op.opcode === 'VOpen') pointers.add(op.p4);
  }
  return pointers;
};

/** root page → { name, table } from sqlite_schema (tables, indexes), read by us, not by the query. */
const rootPages = (db) => {
  const pages = new Map();
  for (const row of db.prepare("select type, name, tbl_name, rootpage from main.sqlite_schema where rootpage > 0").all()) {
    pages.set(row.rootpage, { type: row.type, name: row.name, table: row.tbl_name });
  }
  return pages;
};

/**
 * Throws ForbiddenRead unless the statement only reads allowed tables. Call it inside the read
 * transaction that runs the statement, so that the schema cannot change in between.
 */
const assertReadsAllowedTables = (db, sql, params, allowedTables) => {
  const allowed = new Set(allowedTables);
  const pages = rootPages(db);
  const ops = program(db, sql, params);
  let virtualTables = null;
  for (const op of ops) {
    if (WRITE_OPCODES.has(op.opcode)) {
      throw new ForbiddenRead(null, `statement writes (${op.opcode})`);
    }
    if (OPEN_OPCODES.has(op.opcode)) {
      if (op.p3 !== 0) throw new ForbiddenRead(op.p3 === 1 ? 'temp' : 'attached database', 'statement reads another database than main');
      if ((op.p5 & P2_IS_REGISTER) !== 0) throw new ForbiddenRead(null, 'statement opens a b-tree chosen at run time');
      const page = pages.get(op.p2);
      if (!page || !allowed.has(page.table) || page.table.startsWith('sqlite_')) {
        const table = page ? page.table : op.p2 === 1 ? 'sqlite_schema' : `root page ${op.p2}`;
        throw new ForbiddenRead(table, `statement reads a forbidden table: ${table}`);
      }
    }
    if (op.opcode === 'VOpen') {
      virtualTables ??= allowedVirtualTables(db);
      if (!virtualTables.has(op.p4)) {
        throw new ForbiddenRead('virtual table', 'statement reads a virtual table other than json_each / json_tree');
      }
    }
  }
};

module.exports = { assertReadsAllowedTables };
