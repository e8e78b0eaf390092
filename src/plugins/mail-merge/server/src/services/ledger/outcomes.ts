/**
 * Outcomes written behind, in bulk. A worker hands the outcome of a delivery over and goes on to
 * its next mail at once; the rows are written by one statement per flush, when `flushSize`
 * outcomes are waiting or `flushMs` after the first of them. Until its flush a delivered row
 * stays `sending`: a crash in between leaves it to become `uncertain`, never `queued`, so nothing
 * is sent twice without a person deciding it.
 *
 * Only rows still `sending` and claimed by this instance are written: a row another process
 * declared `uncertain` meanwhile keeps that status (a person will look at it).
 */
import { MESSAGE_STATUS, type OutcomeStatus } from '../../constants';
import type { LedgerTable } from './table';
import { assertTransition } from './transitions';

export type Outcome = {
  id: number;
  documentId: string;
  batchId: string | null;
  status: OutcomeStatus;
  sentAt?: Date | null;
  messageId?: string | null;
  providerResponse?: string | null;
  errorCode?: string | null;
  error?: string | null;
  nextAttemptAt?: Date | null;
};

/** The written columns, with the type PostgreSQL needs to read an untyped VALUES parameter. */
const COLUMNS = [
  ['status', 'varchar'],
  ['sentAt', 'timestamp'],
  ['messageId', 'varchar'],
  ['providerResponse', 'text'],
  ['errorCode', 'varchar'],
  ['error', 'text'],
  ['nextAttemptAt', 'timestamp'],
] as const;

/** Rows per statement: well under SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS_PER_STATEMENT = 250;

export type OutcomeWriterOptions = {
  instanceId: string;
  flushSize: number;
  flushMs: number;
  /** Called after each committed flush with what it wrote (batches learn of deliveries here). */
  onFlushed: (outcomes: Outcome[]) => void;
  onError: (error: unknown) => void;
};

export const createOutcomeWriter = (table: LedgerTable, options: OutcomeWriterOptions) => {
  let buffer: Outcome[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  const statement = (rows: Outcome[]) => {
    const knex = table.knex();
    const cast = (type: string) => (table.isPostgres ? `::${type}` : '');
    const tuple = `(?${cast('integer')}, ${COLUMNS.map(([, type]) => `?${cast(type)}`).join(', ')})`;
    const bindings: unknown[] = [];
    for (const row of rows) {
      bindings.push(row.id);
      for (const [attribute] of COLUMNS) {
        const value = row[attribute] ?? null;
        bindings.push(value instanceof Date ? table.time(value) : value);
      }
    }
    const names = ['id', ...COLUMNS.map(([attribute]) => table.column(attribute))];
    const sets = COLUMNS.map(() => `?? = v.??`);
    const setBindings = COLUMNS.flatMap(([attribute]) => [table.column(attribute), table.column(attribute)]);
    // `WITH v(…) AS (VALUES …) UPDATE … FROM v`: one statement on both SQLite (≥ 3.33) and PostgreSQL.
    return knex.raw(
      `with v(${names.map(() => '??').join(', ')}) as (values ${rows.map(() => tuple).join(', ')})
       update ?? set ${sets.join(', ')}, ?? = ? from v
       where ??.?? = v.?? and ??.?? = ? and ??.?? = ?`,
      [
        ...names,
        ...bindings,
        table.name(),
        ...setBindings,
        table.column('updatedAt'),
        table.time(new Date()),
        table.name(), 'id', 'id',
        table.name(), table.column('status'), MESSAGE_STATUS.sending,
        table.name(), table.column('claimedBy'), options.instanceId,
      ]
    );
  };

  const write = async (outcomes: Outcome[]) => {
    // One statement is atomic by itself: no BEGIN/COMMIT round trips around it.
    if (outcomes.length <= ROWS_PER_STATEMENT) {
      await statement(outcomes);
      return;
    }
    await table.knex().transaction(async (trx) => {
      for (let start = 0; start < outcomes.length; start += ROWS_PER_STATEMENT) {
        await statement(outcomes.slice(start, start + ROWS_PER_STATEMENT)).transacting(trx);
      }
    });
  };

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (buffer.length === 0) return writing;
    const outcomes = buffer;
    buffer = [];
    // One flush at a time, in order: a retry's `queued` never overtakes an earlier write.
    writing = writing.then(async () => {
      try {
        await write(outcomes);
        options.onFlushed(outcomes);
      } catch (error) {
        // The rows stay `sending` and become `uncertain`: lost bookkeeping, never a double send.
        options.onError(error);
      }
    });
    return writing;
  };

  return {
    record(outcome: Outcome) {
      assertTransition(MESSAGE_STATUS.sending, outcome.status);
      buffer.push(outcome);
      if (buffer.length >= options.flushSize) void flush();
      else if (!timer) timer = setTimeout(() => void flush(), options.flushMs);
    },
    flush,
    /** Outcomes handed over and not yet committed. */
    get pending() {
      return buffer.length;
    },
  };
};

export type OutcomeWriter = ReturnType<typeof createOutcomeWriter>;
