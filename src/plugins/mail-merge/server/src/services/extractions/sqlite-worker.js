'use strict';

/**
 * Runs extraction queries for SQLite in a worker thread, on its own read-only connection, so
 * that the main thread can give up on a query past its timeout (better-sqlite3 cannot interrupt
 * a statement; the caller gets the timeout error at once and the worker is terminated).
 */
const { parentPort, workerData } = require('worker_threads');
const Database = require('better-sqlite3');

const db = new Database(workerData.filename, { readonly: true, fileMustExist: true });

parentPort.on('message', ({ id, sql, params, maxRows }) => {
  try {
    const statement = db.prepare(sql);
    // A read-only connection refuses writes already; this refuses them before running.
    if (!statement.readonly || !statement.reader) {
      throw Object.assign(new Error('statement is not a read-only query'), { code: 'SQLITE_NOT_READONLY' });
    }
    const described = statement.columns();
    const columns = described.map((column) => column.name);
    // Declared types (null for expressions): the main thread reads datetimes, booleans, decimals with them.
    const types = described.map((column) => column.type);
    const rows = [];
    for (const row of statement.iterate(...(params || []))) {
      rows.push(row);
      if (rows.length > maxRows) break;
    }
    parentPort.postMessage({ id, columns, types, rows });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
  }
});
