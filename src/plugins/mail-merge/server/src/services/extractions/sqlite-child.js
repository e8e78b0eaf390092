'use strict';

/**
 * Runs extraction queries for SQLite in a child process, on its own read-only connection.
 *
 * A process, not a worker thread: better-sqlite3 cannot interrupt a running statement, and a
 * thread cannot be stopped while native code runs, so a query past its timeout kept its read
 * lock. The parent kills this process (SIGKILL) instead: the OS drops its file locks at once.
 *
 * Each run, inside one read transaction (the schema cannot change under it):
 * 1. the statement must compile as ONE statement that returns rows and writes nothing;
 * 2. it must be a query SQLite accepts as a sub-select (no PRAGMA, EXPLAIN…);
 * 3. SQLite's compiled program may only open allowed tables (sqlite-program.js);
 * then the rows are read, at most maxRows + 1. A statement that passed is kept for its next run
 * while the schema stays the same.
 */
const Database = require('better-sqlite3');
const { assertReadsAllowedTables } = require('./sqlite-program');

const filename = process.argv[2];
const db = new Database(filename, { readonly: true, fileMustExist: true });

const refusal = (code, message) => Object.assign(new Error(message), { code });

const snapshot = db.prepare('select count(*) from main.sqlite_schema').pluck();
const schemaVersion = db.prepare('pragma schema_version').pluck();

/**
 * Statements that passed the three checks, by schema version, allowed tables and text: a grouped
 * send or a compose runs the same query again and again, and the checks compile it three times.
 * A schema change (a new version) checks everything again. Bounded, oldest dropped first.
 */
const checked = new Map();
const CHECKED_MAX = 100;

const checkedStatement = (sql, params, allowedTables) => {
  const key = `${schemaVersion.get()}\u0000${allowedTables.join(',')}\u0000${sql}`;
  const known = checked.get(key);
  if (known) return known;
  const statement = db.prepare(sql);
  if (!statement.reader || !statement.readonly) throw refusal('MM_NOT_SELECT', 'statement is not a read-only query');
  try {
    db.prepare(`select * from (\n${sql}\n)`);
  } catch {
    throw refusal('MM_NOT_SELECT', 'statement is not a SELECT');
  }
  assertReadsAllowedTables(db, sql, params, allowedTables);
  if (checked.size >= CHECKED_MAX) checked.delete(checked.keys().next().value);
  checked.set(key, statement);
  return statement;
};

const run = ({ sql, params, maxRows, allowedTables }) => {
  db.exec('begin');
  try {
    // The first read fixes the transaction's snapshot: everything below sees the same schema.
    snapshot.get();
    const statement = checkedStatement(sql, params || [], allowedTables || []);
    const described = statement.columns();
    const rows = [];
    for (const row of statement.iterate(...(params || []))) {
      rows.push(row);
      if (rows.length > maxRows) break;
    }
    // Declared types (null for expressions): the parent reads datetimes, booleans, decimals with them.
    return { columns: described.map((column) => column.name), types: described.map((column) => column.type), rows };
  } finally {
    db.exec('rollback');
  }
};

process.on('message', (message) => {
  try {
    process.send({ id: message.id, ...run(message) });
  } catch (error) {
    process.send({ id: message.id, error: { message: error.message, code: error.code, table: error.table } });
  }
});

// The parent is gone (or closed the channel): nothing more will come.
process.on('disconnect', () => process.exit(0));
