/**
 * Claiming queued mail: one statement moves up to `limit` due rows to `sending` for this instance
 * and returns them (UPDATE … RETURNING), priority first, oldest first. The move is committed before
 * any of them reaches the provider. On PostgreSQL the inner SELECT locks with SKIP LOCKED, so any
 * number of instances share the queue without waiting on each other or taking the same row.
 */
import { MESSAGE_STATUS } from '../../constants';
import type { StoredAttachment } from '../attachments';
import type { LedgerTable } from './table';

/** What delivery needs of a claimed row. */
export type ClaimedMail = {
  id: number;
  documentId: string;
  page: string;
  recordId: string;
  fromAddress: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string | null;
  text: string | null;
  attachments: StoredAttachment[];
  priority: boolean;
  test: boolean;
  minimumConsent: string | null;
  notificationType: string | null;
  attempts: number;
  batchId: string | null;
  /** Who asked for it (`admin`, `batch`, `api`): machine-sent mail says so (Auto-Submitted). */
  origin: string | null;
};

const ATTRIBUTES = [
  'id', 'documentId', 'page', 'recordId', 'fromAddress', 'to', 'cc', 'bcc', 'subject', 'html', 'text', 'attachments',
  'priority', 'test', 'minimumConsent', 'notificationType', 'attempts', 'batchId', 'origin',
] as const;
const JSON_ATTRIBUTES = new Set(['to', 'cc', 'bcc', 'attachments']);
const BOOLEAN_ATTRIBUTES = new Set(['priority', 'test']);

/** A raw row as the driver gives it (SQLite: JSON as text, booleans as 0/1) to a typed mail. */
const toMail = (table: LedgerTable, raw: Record<string, any>): ClaimedMail => {
  const mail: Record<string, unknown> = {};
  for (const attribute of ATTRIBUTES) {
    let value = raw[table.column(attribute)];
    if (JSON_ATTRIBUTES.has(attribute)) value = typeof value === 'string' ? JSON.parse(value) : (value ?? []);
    if (BOOLEAN_ATTRIBUTES.has(attribute)) value = Boolean(value);
    mail[attribute] = value ?? null;
  }
  return mail as ClaimedMail;
};

/**
 * PostgreSQL: the locked SELECT in a CTE, which runs once. Inside `WHERE id IN (…)` the planner may
 * run it again for each row it updates, and each run skips the rows the previous ones just
 * locked: a claim of 10 then took 60 rows.
 */
const claimOnPostgres = async (table: LedgerTable, instanceId: string, limit: number, now: Date) => {
  const c = table.column;
  const returned = ATTRIBUTES.map(() => 'm.??').join(', ');
  const result = await table.knex().raw(
    `with due as (
       select id from ?? where ?? = ? and (?? is null or ?? <= ?)
       order by ?? desc, id asc limit ? for update skip locked
     )
     update ?? as m set ?? = ?, ?? = ?, ?? = ?, ?? = m.?? + 1
     from due where m.id = due.id
     returning ${returned}`,
    [
      table.name(), c('status'), MESSAGE_STATUS.queued, c('nextAttemptAt'), c('nextAttemptAt'), now,
      c('priority'), limit,
      table.name(), c('status'), MESSAGE_STATUS.sending, c('claimedAt'), now, c('claimedBy'), instanceId, c('attempts'), c('attempts'),
      ...ATTRIBUTES.map(c),
    ]
  );
  return result.rows as Record<string, any>[];
};

/** SQLite: one writer at a time, and the IN subquery is evaluated once. */
const claimOnSqlite = async (table: LedgerTable, instanceId: string, limit: number, now: Date) => {
  const knex = table.knex();
  const c = table.column;
  const due = knex(table.name())
    .select('id')
    .where(c('status'), MESSAGE_STATUS.queued)
    .andWhere((q) => q.whereNull(c('nextAttemptAt')).orWhere(c('nextAttemptAt'), '<=', table.time(now)))
    .orderBy([{ column: c('priority'), order: 'desc' }, { column: 'id', order: 'asc' }])
    .limit(limit);
  return (await knex(table.name())
    .whereIn('id', due)
    .update({
      [c('status')]: MESSAGE_STATUS.sending,
      [c('claimedAt')]: table.time(now),
      [c('claimedBy')]: instanceId,
      [c('attempts')]: knex.raw('?? + 1', [c('attempts')]),
    })
    .returning(ATTRIBUTES.map(c))) as Record<string, any>[];
};

export const claimMails = async (table: LedgerTable, instanceId: string, limit: number, now = new Date()): Promise<ClaimedMail[]> => {
  const rows = await (table.isPostgres ? claimOnPostgres : claimOnSqlite)(table, instanceId, limit, now);
  const mails = rows.map((raw) => toMail(table, raw));
  // RETURNING keeps no order: the claim's order is restored here.
  return mails.sort((a, b) => Number(b.priority) - Number(a.priority) || a.id - b.id);
};
