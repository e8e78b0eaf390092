/**
 * Preparation of a grouped send: walks the selection chunk by chunk; for each chunk one
 * extraction round-trip, then one transaction that inserts the chunk's ledger rows (skipped
 * recipients included, with their reason), their timeline events, and moves the batch's cursor.
 * A crash between chunks loses nothing and repeats nothing: the next start resumes at the cursor.
 * Queued rows are sent while later chunks are still being prepared.
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../../utils';
import { BATCH_STATUS, BATCH_UID, DEFAULT_CONSENT_LEVEL, MESSAGE_STATUS, RUNNING_BATCH_STATUSES } from '../../constants';
import { newDocumentId } from '../../utils/bulk';
import { getConfig } from '../../utils/config';
import { htmlToText } from '../render';
import { fillShell, type Shell } from '../layout-document';
import { senderMailbox } from '../../utils/mailbox';
import { createRecipientClassifier, SKIP_MESSAGES, type Recipient } from './recipients';
import { walkSelection } from './selection';
import { errorMessage, errorProperty } from '../../utils/errors';
import { queryOf } from '../../utils/strapi-adapters';
import { mapInSlices } from '../../utils/event-loop';
import type { BatchRow } from '../../content-types/rows';
import type { UsableTemplate } from '../templates';
import type { Cursor, Selection } from './selection';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What every mail of a batch shares: the letterhead around its body, and its sender. */
type MailFrame = { shell: Shell; fromAddress: string };

/** A batch row as preparation reads it: its json attributes in the shapes the batches service wrote. */
type PreparedBatch = BatchRow & {
  selection: Selection;
  cursor: Cursor | null;
  skippedByReason?: Record<string, number> | null;
  attachments?: unknown[] | null;
};

/** A ledger row as preparation writes it (ledger.enqueueMany). */
type PreparedRow = Record<string, unknown> & { recordId: string; status: string; documentId?: string };

/** A batch whose preparation may go on (a paused one goes on preparing, its mails held). */
const PREPARABLE = [BATCH_STATUS.preparing, BATCH_STATUS.paused];

/** Chunks preparation may run ahead of delivery (see waitForDelivery). */
const LEAD_CHUNKS = 4;

const createBatchPreparationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const running = new Set<string>();
  let stopping = false;
  const batches = () => queryOf<PreparedBatch>(strapi, BATCH_UID);
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  /** The row of one recipient; the letterhead (with the batch's signature) was composed once for the batch. */
  const ledgerRow = (batch: PreparedBatch, template: UsableTemplate, recipient: Recipient, mail: MailFrame): PreparedRow => {
    const common = {
      page: batch.page,
      recordId: recipient.recordId,
      templateId: batch.templateId,
      templateTitle: batch.templateTitle,
      templateVersion: batch.templateVersion,
      fromAddress: mail.fromAddress,
      to: recipient.to,
      cc: [],
      bcc: [],
      priority: Boolean(batch.priority),
      test: false,
      minimumConsent: template.minimumConsent ?? DEFAULT_CONSENT_LEVEL,
      notificationType: template.notificationType ?? null,
      attempts: 0,
      sentById: batch.requestedById,
      sentByName: batch.requestedByName,
      batchId: batch.documentId,
      origin: 'batch',
    };
    if (recipient.skipped) {
      return { ...common, subject: null, status: MESSAGE_STATUS.skipped, errorCode: recipient.reason, error: recipient.detail ?? SKIP_MESSAGES[recipient.reason] };
    }
    // Per mail only strings are joined: the body (sanitised by render) and its text into the shell.
    const { html, text } = fillShell(mail.shell, recipient.html, htmlToText, recipient.text);
    return {
      ...common,
      documentId: newDocumentId(),
      subject: recipient.subject,
      html,
      text,
      attachments: batch.attachments ?? [],
      consentLevel: recipient.consentLevel,
      status: MESSAGE_STATUS.queued,
    };
  };

  const held = (row: PreparedRow): PreparedRow => (row.status === MESSAGE_STATUS.queued ? { ...row, status: MESSAGE_STATUS.held } : row);

  const statusOf = async (id: number, { lock = false } = {}) => {
    const query = strapi.db.queryBuilder(BATCH_UID).select(['status']).where({ id });
    // SQLite has one writer at a time: only PostgreSQL needs (and knows) the row lock.
    const row = (await (lock && isPostgres() ? query.forUpdate() : query).first().execute()) as Pick<BatchRow, 'status'> | undefined;
    return row?.status;
  };

  const eventRows = (batch: PreparedBatch, rows: PreparedRow[]) =>
    rows
      .filter((row) => row.status !== MESSAGE_STATUS.skipped)
      .map((row) => ({
        page: batch.page,
        recordId: row.recordId,
        label: `[AUTO] Envoi de mail : ${batch.templateTitle}`,
        authorId: batch.requestedById ?? null,
        authorName: batch.requestedByName ?? '',
        messageId: row.documentId ?? null,
      }));

  /** Takes the batch for this instance unless a live one is preparing it. */
  const lock = async (documentId: string, instanceId: string, takeOver: boolean) => {
    const stale = new Date(Date.now() - getConfig(strapi).dispatcher.staleAfterMs);
    const free: Record<string, unknown>[] = [{ preparingBy: null }, { preparingBy: instanceId }, { preparingAt: { $lt: stale } }];
    if (takeOver) free.push({ preparingBy: { $notNull: true } });
    const { count } = await batches().updateMany({
      where: { documentId, preparedAt: null, status: { $in: [...PREPARABLE] }, $or: free },
      data: { preparingBy: instanceId, preparingAt: new Date() },
    });
    return count > 0;
  };

  /**
   * Back-pressure, as in Listmonk's bounded queue: preparation stays at most LEAD_CHUNKS chunks of
   * queued mail ahead of delivery. Rendering 100 000 mails in a burst only grew the heap (V8 keeps
   * what a burst needed); spread over the send, the same work fits in a small one. A paused batch
   * has no queued mail (they are held): its preparation goes on. The lock is kept fresh meanwhile
   * so that no other instance takes the preparation over.
   */
  const waitForDelivery = async (batch: PreparedBatch, instanceId: string, lead: number) => {
    let touched = Date.now();
    while (!stopping && (await getService('ledger', { strapi }).queuedCount(batch.documentId)) > lead) {
      await sleep(100);
      if (Date.now() - touched > 30_000) {
        touched = Date.now();
        await batches().updateMany({ where: { id: batch.id, preparingBy: instanceId }, data: { preparingAt: new Date() } });
      }
    }
  };

  const prepare = async (documentId: string) => {
    const dispatcher = getService('dispatcher', { strapi });
    const ledger = getService('ledger', { strapi });
    const batch = await batches().findOne({ where: { documentId } });
    if (!batch) return;
    const page = getService('pages', { strapi }).get(batch.page);
    const stored = await getService('templates', { strapi })
      .get(batch.templateId)
      .catch(() => null);
    if (!stored || !stored.extraction) {
      await getService('batches', { strapi }).cancel(documentId, 'template-deleted');
      return;
    }
    const template: UsableTemplate = { ...stored, extraction: stored.extraction };
    const classify = createRecipientClassifier(strapi);
    const context = { page, template, seen: await ledger.servedAddresses(batch.documentId) };
    // The template's layout with the batch's signature, composed (juice, html-to-text) once here.
    const layouts = getService('layouts', { strapi });
    const mail: MailFrame = {
      shell: layouts.shell(await layouts.forTemplate(template), batch.signature),
      // « Prénom Nom <adresse> »: the name of the person who asked for the send.
      fromAddress: senderMailbox(strapi, batch.fromAddress, batch.requestedByName),
    };
    let total = batch.total ?? 0;
    const skippedByReason: Record<string, number> = { ...(batch.skippedByReason ?? {}) };

    const { chunkSize } = getConfig(strapi).extractions;
    for await (const chunk of walkSelection(strapi, page, batch.selection, batch.cursor, chunkSize)) {
      if (stopping || (await statusOf(batch.id)) === BATCH_STATUS.cancelled) return;
      const recipients = await classify(context, chunk.keys, chunk.records);
      const now = new Date();
      total += recipients.length;
      for (const recipient of recipients) if (recipient.skipped) skippedByReason[recipient.reason] = (skippedByReason[recipient.reason] ?? 0) + 1;
      // The status is read again inside the transaction, the batch row locked (PostgreSQL): a
      // pause or a cancel lands either before these rows (which then follow it) or after them.
      // The rows are built before, so that the lock is held only for the writes.
      const prepared = await mapInSlices(recipients, (recipient) => ledgerRow(batch, template, recipient, mail));
      const status = await strapi.db.transaction(async () => {
        const current = await statusOf(batch.id, { lock: true });
        if (current === BATCH_STATUS.cancelled) return current;
        // Paused meanwhile: its new mails wait, held, for « Reprendre ».
        const rows = current === BATCH_STATUS.paused ? prepared.map(held) : prepared;
        await ledger.enqueueMany(rows, now);
        if (batch.logEvent) await ledger.events.createMany(eventRows(batch, rows), now);
        // updateMany: Strapi's update would read the row back, its large selection included.
        await batches().updateMany({ where: { id: batch.id }, data: { cursor: chunk.cursor, total, skippedByReason, preparingAt: now } });
        return current;
      });
      if (status === BATCH_STATUS.cancelled) return;
      if (status !== BATCH_STATUS.paused) dispatcher.wake();
      await waitForDelivery(batch, dispatcher.instanceId, LEAD_CHUNKS * chunkSize);
    }
    // Stopped while waiting: the next start resumes at the cursor.
    if (stopping) return;

    await batches().updateMany({ where: { id: batch.id }, data: { preparedAt: new Date(), preparingBy: null } });
    // Unless paused or cancelled meanwhile.
    await batches().updateMany({ where: { id: batch.id, status: BATCH_STATUS.preparing }, data: { status: BATCH_STATUS.sending } });
    await getService('batches', { strapi }).refresh(documentId);
  };

  return {
    /** Prepares (or resumes preparing) a batch in the background of this instance. */
    async run(documentId: string, { takeOver = false } = {}) {
      if (running.has(documentId)) return;
      const instanceId = getService('dispatcher', { strapi }).instanceId;
      running.add(documentId);
      try {
        if (!(await lock(documentId, instanceId, takeOver))) return;
        await prepare(documentId);
      } catch (error) {
        // The database closing under a preparation at shutdown is no fault of the batch.
        if (stopping) return;
        strapi.log.error(`[mail-merge] preparation of batch ${documentId}: ${errorProperty(error, 'stack') ?? error}`);
        await batches()
          .updateMany({
            where: { documentId, status: { $in: [...RUNNING_BATCH_STATUSES] } },
            data: { status: BATCH_STATUS.paused, pausedReason: `preparation-error: ${errorMessage(error)}`.slice(0, 250), preparingBy: null },
          })
          .catch(() => {});
      } finally {
        running.delete(documentId);
      }
    },

    /**
     * At start-up: batches whose preparation stopped with a process. On SQLite this process is
     * the only one, so every unfinished preparation is its own; on PostgreSQL only those whose
     * preparer has not moved for `staleAfterMs` are taken over.
     */
    async resumeInterrupted() {
      const pending = (await batches().findMany({
        where: { preparedAt: null, status: { $in: [...PREPARABLE] } },
        select: ['documentId', 'status', 'pausedReason', 'scheduledAt'],
      })) as Pick<BatchRow, 'documentId' | 'status' | 'pausedReason' | 'scheduledAt'>[];
      for (const batch of pending) {
        if (batch.status === BATCH_STATUS.paused && batch.pausedReason?.startsWith('preparation-error')) continue;
        // Paused before its programmed time: it has not started, and waits for « Reprendre ».
        if (batch.status === BATCH_STATUS.paused && batch.scheduledAt && new Date(batch.scheduledAt).getTime() > Date.now()) continue;
        void this.run(batch.documentId, { takeOver: !isPostgres() });
      }
    },

    isRunning: (documentId: string) => running.has(documentId),

    /** At shutdown: preparations stop between chunks; the next start resumes them at their cursor. */
    stop() {
      stopping = true;
    },
  };
};

export type BatchPreparationService = ReturnType<typeof createBatchPreparationService>;
export default createBatchPreparationService;
