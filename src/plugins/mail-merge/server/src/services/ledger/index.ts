/**
 * The message ledger (`plugin::mail-merge.message`): the only code that writes or reads its rows.
 * Single sends, grouped sends and front-offices enqueue here; the dispatcher claims and records
 * outcomes here; batches, « Suivi des mails » and the front-office read here. Every status change
 * is checked against the table of constants.ts (transitions.ts). Events of records (events.ts)
 * and retention (retention.ts) belong to the ledger too.
 *
 * Bounces (bounces.ts) move a mail that left to `bounced` when its DSN comes back.
 *
 * Batches learn of deliveries through `on('outcomes')` (after each bulk flush), and the
 * dispatcher of paused or cancelled batches through `on('halted')`: neither calls the other.
 */
import { EventEmitter } from 'events';
import type { Core } from '@strapi/strapi';
import {
  INITIAL_STATUSES,
  MESSAGE_STATUS,
  MESSAGE_STATUSES,
  MESSAGE_UID,
  PENDING_STATUSES,
  RESENDABLE_STATUSES,
  type HaltStatus,
  type MessageStatus,
  type ReleaseStatus,
} from '../../constants';
import { insertMany } from '../../utils/bulk';
import { notFoundError, validationError } from '../../utils/errors';
import { createLedgerBounces } from './bounces';
import { claimMails } from './claims';
import { createEvents } from './events';
import { createOutcomeWriter, type Outcome, type OutcomeWriterOptions } from './outcomes';
import { createRetention } from './retention';
import { ledgerTable } from './table';
import { assertTransition } from './transitions';
import type { Knex } from 'knex';
import type { MessageDetail, MessageSummary } from '../../../../shared/contracts/messages';
import type { MessageRow } from '../../content-types/rows';
import { documentsOf, queryOf } from '../../utils/strapi-adapters';

export type { ClaimedMail } from './claims';
export type { Outcome } from './outcomes';

export type MessageFilters = {
  status?: string;
  page?: string;
  template?: string;
  recipient?: string;
  from?: string; // ISO date
  until?: string; // ISO date
  record?: string;
  batch?: string;
  /** Only these pages (those whose records the user may read); all when absent. */
  readablePages?: string[];
  pageNumber?: number;
  pageSize?: number;
};

export type BatchCounts = Record<MessageStatus, number> & { total: number; byReason: Record<string, number> };

const LIST_FIELDS = [
  'documentId', 'page', 'recordId', 'templateId', 'templateTitle', 'fromAddress', 'to', 'cc', 'subject', 'priority',
  'test', 'status', 'attempts', 'errorCode', 'error', 'sentAt', 'sentByName', 'batchId', 'createdAt', 'updatedAt',
];
const REPORT_FIELDS = ['id', 'documentId', 'recordId', 'to', 'status', 'errorCode', 'error', 'sentAt'];
const REPORT_PAGE = 1000;
const UNFINISHED_STATUSES = MESSAGE_STATUSES.filter((status) => status !== MESSAGE_STATUS.sent && status !== MESSAGE_STATUS.skipped);

const UNCERTAIN = {
  status: MESSAGE_STATUS.uncertain,
  // The error code is named after the status.
  errorCode: MESSAGE_STATUS.uncertain,
  error: 'Envoi interrompu : le mail a pu partir ou non. Vérifiez avant de le renvoyer (delivery interrupted).',
};

type HaltedListener = (batchId: string, status: HaltStatus) => void;
type OutcomesListener = (outcomes: Outcome[]) => void;

/** What a mail of a cancelled grouped send says (its error code is named after the status). */
const BATCH_CANCELLED = { errorCode: MESSAGE_STATUS.cancelled, error: 'Envoi groupé annulé.' };

const createLedgerService = ({ strapi }: { strapi: Core.Strapi }) => {
  const table = ledgerTable(strapi);
  const rows = () => queryOf<MessageRow>(strapi, MESSAGE_UID);
  const emitter = new EventEmitter();
  emitter.setMaxListeners(50);
  const events = createEvents(strapi);

  const assertInitial = (status: unknown) => {
    if (!(INITIAL_STATUSES as readonly unknown[]).includes(status)) {
      throw new Error(`mail-merge ledger: a mail cannot be written with the status "${String(status)}"`);
    }
  };

  /** Moves the rows matching `where` whose status is one of `from` to `to`; returns how many. */
  const move = async (where: Record<string, unknown>, from: readonly MessageStatus[], to: MessageStatus, data: Record<string, unknown> = {}) => {
    assertTransition(from, to);
    const { count } = await rows().updateMany({ where: { ...where, status: { $in: [...from] } }, data: { ...data, status: to } });
    return count as number;
  };

  const documentIdsOf = async (where: Record<string, unknown>) =>
    (await rows().findMany({ where, select: ['documentId'] })).map((row) => row.documentId);

  return {
    events,
    retention: createRetention(strapi),
    /** Delivery status notifications: `bounced`, or a delay said on the row (bounces.ts). */
    bounces: createLedgerBounces(strapi, move),

    on(event: 'outcomes' | 'halted', listener: OutcomesListener | HaltedListener) {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },

    /** One mail (single or front-office send); joins the caller's transaction. */
    async enqueue(data: Record<string, unknown>) {
      assertInitial(data.status ?? MESSAGE_STATUS.queued);
      // The row as written: the caller's data (the contract's fields) over the defaults.
      return (await documentsOf<MessageRow>(strapi, MESSAGE_UID).create({ data: { status: MESSAGE_STATUS.queued, attempts: 0, ...data } })) as MessageRow & MessageDetail;
    },

    /** Many rows in multi-row INSERTs (a grouped send's chunk, skipped recipients included). */
    async enqueueMany(data: Record<string, unknown>[], now = new Date()) {
      for (const row of data) assertInitial(row.status);
      await insertMany(strapi, MESSAGE_UID, data, now);
    },

    /** Up to `limit` due mails, now `sending` for this instance (committed before any leaves). */
    claim: (instanceId: string, limit: number) => claimMails(table, instanceId, limit),

    /** The bulk writer of one dispatcher's outcomes; batches hear of each flush. */
    outcomeWriter(options: Omit<OutcomeWriterOptions, 'onFlushed'>) {
      return createOutcomeWriter(table, { ...options, onFlushed: (outcomes) => emitter.emit('outcomes', outcomes) });
    },

    /**
     * Claimed mails this instance will not deliver after all (their batch was paused or
     * cancelled meanwhile, or the dispatcher stops): back to `to`. Only rows it still holds.
     */
    async release(instanceId: string, ids: number[], to: ReleaseStatus) {
      if (ids.length === 0) return 0;
      const where = { id: { $in: ids }, claimedBy: instanceId };
      const cancelled = to === MESSAGE_STATUS.cancelled;
      const cancelledIds = cancelled ? await documentIdsOf({ ...where, status: MESSAGE_STATUS.sending }) : [];
      const data = cancelled ? BATCH_CANCELLED : { claimedBy: null, claimedAt: null };
      const count = await move(where, [MESSAGE_STATUS.sending], to, data);
      await events.removeForMessages(cancelledIds);
      return count;
    },

    /** « Pause »: a batch's mails not yet claimed wait. */
    holdBatch: (batchId: string) => move({ batchId }, [MESSAGE_STATUS.queued], MESSAGE_STATUS.held),

    /**
     * Tells this instance's dispatcher that a batch was paused or cancelled, so that it releases
     * the mails of that batch it claimed and has not handed over yet. Called once the pause or
     * cancel is committed (a listener must not run inside the caller's transaction).
     */
    announceHalt(batchId: string, status: HaltStatus) {
      emitter.emit('halted', batchId, status);
    },

    /** « Reprendre »: held mails of the batch are queued again. */
    resumeBatch: (batchId: string) => move({ batchId }, [MESSAGE_STATUS.held], MESSAGE_STATUS.queued),

    /** « Annuler »: mails not yet handed to the provider are cancelled and their events removed. */
    async cancelBatch(batchId: string) {
      await move({ batchId }, [MESSAGE_STATUS.queued, MESSAGE_STATUS.held], MESSAGE_STATUS.cancelled, BATCH_CANCELLED);
      await events.removeForMessages(await documentIdsOf({ batchId, status: MESSAGE_STATUS.cancelled }));
    },

    /** « Relancer les échecs »: failed mails of the batch queued again (held if it is paused). */
    retryBatchFailures: (batchId: string, paused: boolean) =>
      // A failure whose content retention erased has nothing left to send.
      move({ batchId, purgedAt: null }, [MESSAGE_STATUS.failed], paused ? MESSAGE_STATUS.held : MESSAGE_STATUS.queued, {
        attempts: 0, nextAttemptAt: null, errorCode: null, error: null, claimedBy: null, claimedAt: null,
      }),

    /** « Renvoyer » one failed or uncertain mail, as a new attempt. */
    async resend(documentId: string) {
      const row = await rows().findOne({ where: { documentId }, select: ['id', 'status', 'purgedAt'] });
      if (!row) throw notFoundError('message.not-found', 'Mail introuvable.', 'Mail not found.');
      if (row.purgedAt) {
        throw validationError(
          'message.purged',
          'Le contenu de ce mail a été effacé (durée de conservation dépassée) : il ne peut pas être renvoyé.',
          'This mail’s content was erased (retention period over): it cannot be sent again.'
        );
      }
      if (!(RESENDABLE_STATUSES as readonly string[]).includes(row.status)) {
        throw validationError(
          'message.not-resendable',
          'Seuls les mails en échec ou incertains peuvent être renvoyés.',
          'Only failed or uncertain mails can be sent again.'
        );
      }
      await move({ id: row.id }, [row.status], MESSAGE_STATUS.queued, {
        attempts: 0, nextAttemptAt: null, errorCode: null, error: null, claimedBy: null, claimedAt: null,
      });
      return (await rows().findOne({ where: { id: row.id } })) as MessageRow & MessageDetail;
    },

    /**
     * Rows another process left in `sending` become `uncertain`: those claimed longer than
     * `staleAfterMs` ago, or at start-up on SQLite (one process per database file) all of them.
     */
    recoverStale(instanceId: string, { startup, staleAfterMs }: { startup: boolean; staleAfterMs: number }) {
      const where: Record<string, unknown> = { claimedBy: { $ne: instanceId } };
      if (!(startup && !table.isPostgres)) where.claimedAt = { $lt: new Date(Date.now() - staleAfterMs) };
      return move(where, [MESSAGE_STATUS.sending], UNCERTAIN.status, { errorCode: UNCERTAIN.errorCode, error: UNCERTAIN.error });
    },

    /**
     * A batch's rows counted by status and reason: one GROUP BY answered from the index on
     * (batch, status, reason), never from the rows and their bodies. `unfinishedOnly`: all but the
     * sent and skipped rows (inside the caller's snapshot `trx`).
     */
    async counts(batchId: string, { unfinishedOnly = false, trx }: { unfinishedOnly?: boolean; trx?: Knex } = {}): Promise<BatchCounts> {
      const c = table.column;
      let query = (trx ?? table.knex())(table.name())
        .select({ status: c('status'), reason: c('errorCode') })
        .count({ n: '*' })
        .where(c('batchId'), batchId);
      // Sent and skipped rows are most of a batch: the caller knows their number otherwise. The
      // statuses are listed (not `NOT IN`) so that the index is read by ranges, not whole.
      if (unfinishedOnly) query = query.whereIn(c('status'), UNFINISHED_STATUSES);
      const found = (await query.groupBy(c('status'), c('errorCode'))) as { status: string; reason: string | null; n: number | string }[];
      const result = { total: 0, ...Object.fromEntries(MESSAGE_STATUSES.map((status) => [status, 0])), byReason: {} } as BatchCounts & Record<string, number>;
      for (const row of found) {
        const n = Number(row.n);
        result.total += n;
        if (row.status in result) result[row.status] += n;
        if (row.status === MESSAGE_STATUS.skipped && row.reason) result.byReason[row.reason] = (result.byReason[row.reason] ?? 0) + n;
      }
      return result as BatchCounts;
    },

    /** Mails of the batch waiting for a dispatcher (preparation's back-pressure). */
    queuedCount: (batchId: string) => rows().count({ where: { batchId, status: MESSAGE_STATUS.queued } }) as Promise<number>,

    /** Whether any mail of the batch is still to leave (one indexed row is enough to know). */
    async hasPending(batchId: string) {
      return Boolean(await rows().findOne({ where: { batchId, status: { $in: [...PENDING_STATUSES] } }, select: ['id'] }));
    },

    /** Addresses a batch already serves (a preparation resumed after a crash skips them). */
    async servedAddresses(batchId: string) {
      const served = new Set<string>();
      let lastId = 0;
      for (;;) {
        const page = (await rows().findMany({
          where: { batchId, status: { $ne: MESSAGE_STATUS.skipped }, id: { $gt: lastId } },
          select: ['id', 'to'],
          orderBy: { id: 'asc' },
          limit: REPORT_PAGE,
        })) as Pick<MessageRow, 'id' | 'to'>[];
        if (page.length === 0) return served;
        lastId = page[page.length - 1].id;
        for (const row of page) served.add((row.to ?? []).map((a: string) => a.toLowerCase()).sort().join(','));
      }
    },

    /** Every row of a batch, in pages of the ledger (the report). */
    async *batchRows(batchId: string) {
      let lastId = 0;
      for (;;) {
        const page = await rows().findMany({
          where: { batchId, id: { $gt: lastId } },
          select: REPORT_FIELDS,
          orderBy: { id: 'asc' },
          limit: REPORT_PAGE,
        });
        if (page.length === 0) return;
        lastId = page[page.length - 1].id;
        yield page;
      }
    },

    /** « Suivi des mails »: the ledger with filters, newest first. */
    async list(filters: MessageFilters) {
      const where: Record<string, unknown>[] = [];
      // Recipients a grouped send skipped were never mailed: listed only when asked for.
      where.push(filters.status ? { status: filters.status } : { status: { $ne: MESSAGE_STATUS.skipped } });
      if (filters.page) where.push({ page: filters.page });
      if (filters.readablePages) where.push({ page: { $in: filters.readablePages } });
      if (filters.template) where.push({ templateId: filters.template });
      if (filters.record) where.push({ recordId: filters.record });
      if (filters.batch) where.push({ batchId: filters.batch });
      // `to` is JSON: matching its text finds an address whatever its position in the list.
      if (filters.recipient) where.push({ to: { $containsi: filters.recipient } });
      if (filters.from) where.push({ createdAt: { $gte: new Date(filters.from) } });
      if (filters.until) where.push({ createdAt: { $lte: new Date(filters.until) } });
      const pageSize = Math.min(Math.max(Number(filters.pageSize) || 25, 1), 100);
      const pageNumber = Math.max(Number(filters.pageNumber) || 1, 1);
      const [results, total] = await Promise.all([
        rows().findMany({ where: { $and: where }, select: LIST_FIELDS, orderBy: { id: 'desc' }, limit: pageSize, offset: (pageNumber - 1) * pageSize }),
        rows().count({ where: { $and: where } }),
      ]);
      // LIST_FIELDS are the fields of the contract's summary.
      return { results: results as unknown as MessageSummary[], pagination: { page: pageNumber, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
    },

    /** One mail, or null; `where` narrows it (a front-office token reads only its own). */
    findOne: (documentId: string, where: Record<string, unknown> = {}, select?: string[]) =>
      rows().findOne({ where: { ...where, documentId }, ...(select ? { select } : {}) }) as Promise<(MessageRow & MessageDetail) | null>,

    /** The status of each of these mails (a record's timeline). */
    async statusesOf(documentIds: string[]) {
      if (documentIds.length === 0) return new Map<string, MessageStatus>();
      const found = (await rows().findMany({ where: { documentId: { $in: documentIds } }, select: ['documentId', 'status'] }));
      return new Map(found.map((row) => [row.documentId, row.status]));
    },
  };
};

export type LedgerService = ReturnType<typeof createLedgerService>;
export default createLedgerService;
