import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { MESSAGE_STATUS, type MessageStatus } from '../../constants';
import { getConfig } from '../../utils/config';
import { ledgerTable } from './table';
import { yieldToEventLoop } from '../../utils/event-loop';

/**
 * Retention of the message ledger (issue 11). After `retention.days` days the content of a mail
 * whose outcome is final is erased: its bodies, its attachments' references and the provider's
 * answer. What proves the mail stays: who sent it, which template and version, to which addresses,
 * its subject, dates, consent levels, status, error code and message id. Events on records
 * (`plugin::mail-merge.event`) are never touched: they are the record's history.
 */

/**
 * Outcomes that will not change any more. `uncertain` waits for a person and `queued`, `sending`,
 * `held` still have to leave: their bodies are needed.
 */
export const PURGEABLE_STATUSES = [
  MESSAGE_STATUS.sent,
  MESSAGE_STATUS.failed,
  MESSAGE_STATUS.cancelled,
  MESSAGE_STATUS.skipped,
] as const satisfies readonly MessageStatus[];

/** The content erased; every other attribute is proof and stays. */
export const PURGED_ATTRIBUTES = ['html', 'text', 'attachments', 'providerResponse'] as const;

/**
 * `error` can hold a provider's whole answer (up to 1000 characters, with addresses or quoted
 * content); its start is the reason, which is proof, so it is cut to this length.
 */
export const KEPT_ERROR_LENGTH = 200;

export const DEFAULT_PURGE_CHUNK = 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

export type PurgeOptions = {
  /** The reference time (tests); the purge marks rows with it too. */
  now?: Date;
  /** Consecutive ids per UPDATE: each chunk is its own short statement, so no long lock on the ledger. */
  chunkSize?: number;
  /** Overrides `retention.days` of the configuration; 0 keeps everything. */
  days?: number;
};

export const createRetention = (strapi: Core.Strapi) => {
  const ledger = ledgerTable(strapi);
  const { column } = ledger;

  return {
    async purge(options: PurgeOptions = {}): Promise<{ purged: number }> {
      const days = options.days ?? getConfig(strapi).retention?.days ?? 0;
      if (!Number.isInteger(days) || days < 0) throw new Error(`mail-merge retention: days must be an integer ≥ 0 (got ${days})`);
      if (days === 0) return { purged: 0 };
      const chunkSize = options.chunkSize ?? DEFAULT_PURGE_CHUNK;
      if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`mail-merge retention: chunkSize must be an integer ≥ 1 (got ${chunkSize})`);

      const now = options.now ?? new Date();
      const cutoff = ledger.time(new Date(now.getTime() - days * DAY_MS));
      const knex = ledger.knex();
      const table = ledger.name();
      const [status, purgedAt, sentAt, updatedAt, error] = ['status', 'purgedAt', 'sentAt', 'updatedAt', 'error'].map(column);

      // The outcome's time is sentAt; failed, cancelled and skipped mails have none, their last
      // change (updatedAt) is when their outcome was written.
      const eligible = (query: Knex.QueryBuilder) =>
        query
          .whereIn(status, [...PURGEABLE_STATUSES])
          .whereNull(purgedAt)
          .andWhere((q) =>
            q.where((old) => old.whereNotNull(sentAt).andWhere(sentAt, '<', cutoff)).orWhere((old) => old.whereNull(sentAt).andWhere(updatedAt, '<', cutoff))
          );

      const cleared = Object.fromEntries(PURGED_ATTRIBUTES.map((attribute) => [column(attribute), null]));
      // Windows of `chunkSize` consecutive ids, one UPDATE each: every statement reads at most
      // that many rows by primary key whatever the table holds (already purged or recent rows
      // cost a short range scan, never a long one), and no id is ever loaded into memory. The
      // conditions are checked inside the statement itself, so a failed mail re-queued
      // (« Renvoyer ») at that moment keeps its body. Rows written after the walk began are
      // recent: the walk stops at the highest id it saw first.
      const bounds = (await knex(table).min({ low: 'id' }).max({ high: 'id' }).first()) as { low: unknown; high: unknown } | undefined;
      if (bounds?.low == null || bounds.high == null) return { purged: 0 };
      const high = Number(bounds.high);
      let purged = 0;
      for (let low = Number(bounds.low); low <= high; low += chunkSize) {
        const count = await eligible(knex(table).where('id', '>=', low).andWhere('id', '<', low + chunkSize)).update({
          ...cleared,
          // The cut is written as a constant length: no binding for the dialects to type.
          [error]: knex.raw(`substr(??, 1, ${KEPT_ERROR_LENGTH})`, [error]),
          // updatedAt is left as it is: it is the outcome's date of unsent mails.
          [purgedAt]: ledger.time(now),
        });
        purged += Number(count) || 0;
        // Lets other statements in between windows (SQLite has one connection).
        await yieldToEventLoop();
      }
      return { purged };
    },
  };
};

export type Retention = ReturnType<typeof createRetention>;
