/**
 * Grouped sends (« envoi de mails groupés »): the pre-flight, the batch's life (pause, resume,
 * cancel, retry of failures), its counts read from the ledger, and its report.
 *
 * Counts are never kept as counters: they are read from the ledger rows of the batch, grouped by
 * status and reason, so two dispatching instances never contend on one row.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Batch, BatchInput, Preflight } from '../../../../shared/contracts/batches';
import type { PageConfig } from '../../config/schema';
import type { BatchRow } from '../../content-types/rows';
import type { Ability } from '../access';
import { getService } from '../../utils';
import { getConfig } from '../../utils/config';
import { errorMessage, forbiddenError, notFoundError, validationError } from '../../utils/errors';
import { toCsv } from '../../utils/csv';
import { sanitizeMailHtml } from '../../utils/html';
import {
  BATCH_STATUS,
  BATCH_UID,
  MESSAGE_STATUS,
  PAUSABLE_BATCH_STATUSES,
  RUNNING_BATCH_STATUSES,
  SKIP_REASONS,
  UNFINISHED_BATCH_STATUSES,
  type BatchStatus,
  type SkipReason,
} from '../../constants';
import type { Outcome } from '../ledger';
import type { Sender } from '../sending';
import { createRecipientClassifier, emptySkipCounts } from './recipients';
import { isIdSelection, walkSelection, type Selection } from './selection';
import { reportReasonLabel, reportStatusLabel } from '../../utils/report-labels';
import { documentsOf, queryOf, metaOf } from '../../utils/strapi-adapters';

export type { BatchInput } from '../../../../shared/contracts/batches';

const SAMPLE_SIZE = 3;
const MAX_IDS = 100_000;
const RATE_WINDOW_MS = 15_000;
/** Used for the estimate before this instance has measured anything. */
const ASSUMED_RATE = 20;

type AdminUser = Sender & { id: number };

/** A programmed time a minute in the past is « now » (a slow dialog); further back is a mistake. */
const PAST_TOLERANCE_MS = 60_000;
const MAX_SCHEDULE_MS = 366 * 24 * 3600_000;

const assertSchedulable = (scheduledAt: Date | null) => {
  if (!scheduledAt) return;
  const delay = scheduledAt.getTime() - Date.now();
  if (delay < -PAST_TOLERANCE_MS) {
    throw validationError('batch.schedule-past', 'La date d’envoi programmée est passée.', 'The scheduled time is in the past.', { scheduledAt: scheduledAt.toISOString() });
  }
  if (delay > MAX_SCHEDULE_MS) {
    throw validationError('batch.schedule-too-far', 'Un envoi se programme au plus un an à l’avance.', 'A send may be scheduled at most a year ahead.', { scheduledAt: scheduledAt.toISOString() });
  }
};

const userName = (user: Sender) => [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email;

const createBatchesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <N extends Parameters<typeof getService>[0]>(name: N) => getService(name, { strapi });
  const batches = () => queryOf<BatchView>(strapi, BATCH_UID);
  const ledger = () => service('ledger');

  /**
   * The selection as the server will walk it. Sending to records needs the right to read them in
   * the Content Manager (services/access.ts): ticked ids outside the user's conditions are a 403
   * naming how many; a filter on a field the user may not read is a 400, never dropped; the
   * user's conditions are ANDed into the filters, as the list itself does.
   */
  const resolveSelection = async (ability: Ability, page: PageConfig, selection: BatchInput['selection'] | undefined): Promise<Selection> => {
    const access = service('access');
    const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ability, model: page.contentType });
    if (checker.cannot.read()) {
      throw forbiddenError('batch.cannot-read', `Vous n’avez pas le droit de consulter les fiches de « ${page.page} ».`, `You may not read the records of "${page.page}".`);
    }
    if (selection && isIdSelection(selection)) {
      const ids: string[] = [...new Set<string>(selection.ids.map(String))];
      if (ids.length === 0) throw validationError('batch.empty', 'Aucune fiche sélectionnée.', 'No record selected.');
      if (ids.length > MAX_IDS) {
        throw validationError('batch.too-many', `Trop de fiches sélectionnées (${MAX_IDS} au plus).`, `Too many records selected (${MAX_IDS} at most).`);
      }
      await access.assertIdsReadable(ability, page, ids);
      return { ids };
    }
    await access.validateFilters(ability, page, { filters: selection?.filters ?? {}, search: selection?.search ? String(selection.search) : undefined });
    const query = await checker.sanitizedQuery.read({ filters: selection?.filters ?? {}, ...(selection?.search ? { _q: String(selection.search) } : {}) });
    return { filters: query.filters ?? {}, ...(query._q ? { search: query._q } : {}) };
  };

  const templateFor = (page: PageConfig, templateId: string) => service('sending').templateForPage(page, templateId);

  /**
   * The progress counts. The batch row knows how many recipients were considered and skipped
   * (written with each prepared chunk); the ledger is read for the rest but its sent rows, so a
   * poll costs what is left to send, not the size of the batch (on PostgreSQL a GROUP BY over
   * 100 000 rows took 20 to 80 ms). Both are read in one snapshot. Batches prepared before the
   * batch row kept its skips are counted from the ledger alone.
   */
  const counts = async (batchId: string, within?: Knex) => {
    const meta = metaOf(strapi, BATCH_UID);
    const column = (attribute: string) => meta.attributes[attribute]?.columnName ?? attribute;
    const read = async (trx: Knex) => {
      // `skipped` is the json column as the driver gives it: text on SQLite, parsed on PostgreSQL.
      const row: { total: number | string | null; skipped: unknown } | undefined = await trx(meta.tableName)
        .select({ total: column('total'), skipped: column('skippedByReason') })
        .where(column('documentId'), batchId)
        .first();
      const skipped = typeof row?.skipped === 'string' ? JSON.parse(row.skipped) : row?.skipped;
      if (!skipped) return { known: null, unfinished: await ledger().counts(batchId, { trx }) };
      return { known: { total: Number(row?.total ?? 0), skipped }, unfinished: await ledger().counts(batchId, { unfinishedOnly: true, trx }) };
    };
    // One snapshot for both reads (SQLite's transaction gives it; PostgreSQL needs the level).
    // Inside a caller's transaction, that transaction is the snapshot.
    const { known, unfinished } = within
      ? await read(within)
      : await strapi.db.connection.transaction(read, strapi.db.dialect.client === 'postgres' ? { isolationLevel: 'repeatable read' } : undefined);
    const { byReason, ...byStatus } = unfinished;
    const skippedByReason = emptySkipCounts();
    const reasons = known ? known.skipped : byReason;
    for (const [reason, n] of Object.entries(reasons as Record<string, number>)) {
      if (SKIP_REASONS.includes(reason as SkipReason)) skippedByReason[reason as SkipReason] += Number(n);
    }
    if (!known) return { ...byStatus, skippedByReason };
    const skipped = Object.values(known.skipped as Record<string, number>).reduce((sum, n) => sum + Number(n), 0);
    const others = byStatus.queued + byStatus.sending + byStatus.held + byStatus.failed + byStatus.uncertain + byStatus.cancelled + byStatus.bounced;
    return { ...byStatus, total: known.total, skipped, sent: Math.max(0, known.total - skipped - others), skippedByReason };
  };

  /**
   * The rate over the last RATE_WINDOW_MS, from the sent counts this instance's polls saw (the
   * progress page polls every second): no count of the recently sent rows, which on PostgreSQL
   * read thousands of index entries per poll. Null until a second of samples exists.
   */
  const rateSamples = new Map<string, { at: number; sent: number }[]>();
  const recentRate = (batchId: string, sent: number, active: boolean) => {
    if (!active) {
      rateSamples.delete(batchId);
      return null;
    }
    const now = Date.now();
    const samples = rateSamples.get(batchId) ?? [];
    samples.push({ at: now, sent });
    while (samples.length > 1 && samples[0].at < now - RATE_WINDOW_MS) samples.shift();
    rateSamples.set(batchId, samples);
    const [first] = samples;
    if (now - first.at < 1000 || sent <= first.sent) return null;
    return (sent - first.sent) / ((now - first.at) / 1000);
  };

  const present = async (batch: BatchView, trx?: Knex): Promise<Batch> => {
    const batchCounts = await counts(batch.documentId, trx);
    const active = (RUNNING_BATCH_STATUSES as readonly string[]).includes(batch.status);
    const rate = recentRate(batch.documentId, batchCounts.sent, active);
    const left = batchCounts.queued + batchCounts.sending;
    return {
      documentId: batch.documentId,
      page: batch.page,
      templateId: batch.templateId,
      templateTitle: batch.templateTitle,
      status: batch.status,
      pausedReason: batch.pausedReason ?? null,
      prepared: Boolean(batch.preparedAt),
      priority: Boolean(batch.priority),
      createdByName: batch.requestedByName,
      createdAt: batch.createdAt,
      scheduledAt: batch.scheduledAt ? new Date(batch.scheduledAt).toISOString() : null,
      finishedAt: batch.finishedAt ?? null,
      counts: batchCounts,
      rate,
      etaSeconds: rate && left > 0 ? Math.ceil(left / rate) : null,
    };
  };

  /**
   * A batch without its selection and cursor: the ids of a large selection weigh megabytes, and
   * this runs after every group of deliveries and at every refresh of the progress bar.
   */
  const BATCH_FIELDS = [
    'id', 'documentId', 'page', 'templateId', 'templateTitle', 'status', 'pausedReason', 'priority', 'preparedAt',
    'resumedAt', 'finishedAt', 'requestedByName', 'createdAt', 'scheduledAt',
  ] satisfies (keyof BatchRow)[];
  /**
   * A batch as BATCH_FIELDS reads it: Strapi gives its dates as ISO text, and every field selected
   * (null when unset; the title and the requester are written on creation).
   */
  type BatchView = Pick<BatchRow, (typeof BATCH_FIELDS)[number]> & {
    templateTitle: string;
    requestedByName: string | null;
    createdAt: string;
    finishedAt: string | null;
  };
  const find = async (documentId: string) => {
    const batch = await batches().findOne({ where: { documentId }, select: BATCH_FIELDS });
    if (!batch) throw notFoundError('batch.not-found', 'Envoi groupé introuvable.', 'Grouped send not found.');
    return batch;
  };

  const notRunning = () => validationError('batch.not-running', 'Cet envoi n’est pas en cours.', 'This send is not running.');
  const notPaused = () => validationError('batch.not-paused', 'Cet envoi n’est pas en pause.', 'This send is not paused.');
  const alreadyFinished = () => validationError('batch.finished', 'Cet envoi est déjà terminé.', 'This send is already finished.');

  /**
   * Moves a batch to another status only from one of `from`, in one conditional statement, and
   * says whether it moved. Two requests read a batch and act on it (the bookkeeping pausing on
   * the error ratio, a refresh marking it done, a person's click): whichever writes second finds
   * the status changed and moves nothing, instead of putting back a send that had ended.
   */
  const transition = async (id: number, from: readonly BatchStatus[], data: Record<string, unknown>) => {
    const { count } = await batches().updateMany({ where: { id, status: { $in: [...from] } }, data });
    return count > 0;
  };

  /** Pauses a running or scheduled batch, its waiting mails held; false when it was not running. */
  const halt = async (documentId: string, reason: string | null) => {
    const batch = await find(documentId);
    // One transaction: a chunk being prepared lands wholly before (and is held) or after.
    const moved = await strapi.db.transaction(async () => {
      if (!(await transition(batch.id, PAUSABLE_BATCH_STATUSES, { status: BATCH_STATUS.paused, pausedReason: reason }))) return false;
      // Mails already handed to the provider finish; the others wait.
      await ledger().holdBatch(documentId);
      return true;
    });
    if (moved) ledger().announceHalt(documentId, MESSAGE_STATUS.held);
    return moved;
  };

  /**
   * This instance's latest delivery attempts per running batch, heard from the ledger's flushes:
   * the error ratio of « pause when too many fail » and the moment a batch is done are worked out
   * from them on a short timer, never on the delivery path.
   */
  const attempts = new Map<string, { at: number; failed: boolean }[]>();
  const touched = new Set<string>();
  let bookkeeping: NodeJS.Timeout | null = null;
  const ATTEMPT_WINDOW = 200;
  const BOOKKEEPING_MS = 250;

  return {
    /** Counts, a rendered sample and an estimate; nothing is written. */
    async preflight(user: AdminUser, ability: Ability, input: Pick<BatchInput, 'page' | 'template' | 'selection'>): Promise<Preflight> {
      const page = service('pages').get(input.page);
      const template = await templateFor(page, input.template);
      const selection = await resolveSelection(ability, page, input.selection);
      const classify = createRecipientClassifier(strapi);
      const context = { page, template, seen: new Set<string>() };
      const profile = await service('sender-profiles').get(user.id);
      const skipped = emptySkipCounts();
      const sample: { record: { documentId: string; label: string }; to: string[]; subject: string; html: string }[] = [];
      let total = 0;
      let eligible = 0;
      for await (const chunk of walkSelection(strapi, page, selection, null, getConfig(strapi).extractions.chunkSize)) {
        for (const recipient of await classify(context, chunk.keys, chunk.records)) {
          total += 1;
          if (recipient.skipped) {
            skipped[recipient.reason] += 1;
            continue;
          }
          eligible += 1;
          if (sample.length < SAMPLE_SIZE) {
            const { html } = await service('layouts').composeFor(template, recipient.html, profile?.signature, recipient.text);
            sample.push({ record: { documentId: recipient.recordId, label: recipient.label }, to: recipient.to, subject: recipient.subject, html });
          }
        }
      }
      const rate = service('dispatcher').expectedRate() ?? ASSUMED_RATE;
      return {
        page: page.key,
        template: { documentId: template.documentId, title: template.title },
        from: profile?.email ?? null,
        total,
        eligible,
        skipped,
        sample,
        estimatedSeconds: Math.ceil(eligible / rate),
      };
    },

    /** Creates the batch and starts preparing it, now or at its scheduled time; answers at once. */
    async create(user: AdminUser, ability: Ability, input: BatchInput) {
      const settings = getConfig(strapi).sending;
      const page = service('pages').get(input.page);
      const template = await templateFor(page, input.template);
      const selection = await resolveSelection(ability, page, input.selection);
      const profile = await service('sender-profiles').get(user.id);
      if (!profile?.email) {
        throw validationError(
          'sender.required',
          'Renseignez votre adresse d’expéditeur dans « Paramétrage utilisateur » avant un envoi groupé.',
          'Set your sender address in "User settings" before a grouped send.'
        );
      }
      const from = service('sender-profiles').assertSenderAllowed(profile.email);
      const attachments = await service('attachments').resolve(input.attachments ?? [], settings, { ability, userId: user.id });
      const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : null;
      assertSchedulable(scheduledAt);
      const later = scheduledAt !== null && scheduledAt.getTime() > Date.now();
      const batch = await documentsOf<BatchView>(strapi, BATCH_UID).create({
        data: {
          page: page.key,
          templateId: template.documentId,
          templateTitle: template.title,
          templateVersion: template.version ?? 1,
          selection,
          priority: Boolean(input.priority),
          attachments,
          logEvent: input.logEvent !== false,
          fromAddress: from,
          // Sanitised once here; preparation adds it to every mail of the batch as it is.
          signature: profile.signature ? sanitizeMailHtml(profile.signature) : null,
          status: later ? BATCH_STATUS.scheduled : BATCH_STATUS.preparing,
          scheduledAt,
          total: 0,
          requestedById: user.id,
          requestedByName: userName(user),
        },
      });
      if (later) service('batch-schedule').arm();
      else void service('batch-preparation').run(batch.documentId);
      return present(batch);
    },

    /** The newest batches of the pages whose records the user may read in the Content Manager. */
    async list(ability: Ability) {
      const access = service('access');
      const readable = service('pages')
        .list()
        .filter((page) => {
          try {
            access.assertCanReadType(ability, page);
            return true;
          } catch {
            return false;
          }
        })
        .map((page) => page.key);
      const rows = await batches().findMany({ where: { page: { $in: readable } }, select: BATCH_FIELDS, orderBy: { id: 'desc' }, limit: 100 });
      return Promise.all(rows.map(async (batch) => present(await this.refresh(batch.documentId, batch))));
    },

    /**
     * A batch's progress, report and controls show its records and their addresses: they need the
     * Content Manager's right to read that page's records, as the list they came from did.
     */
    async assertReadable(ability: Ability, documentId: string) {
      service('access').assertCanReadType(ability, (await find(documentId)).page);
    },

    async get(documentId: string) {
      return present(await this.refresh(documentId));
    },

    /** A batch whose every mail has left (or failed) is done. */
    async refresh(documentId: string, known?: BatchView): Promise<BatchView> {
      const batch = known ?? (await find(documentId));
      if (batch.status !== BATCH_STATUS.sending || !batch.preparedAt) return batch;
      // One row is enough to know (a count would read every pending row of a large batch).
      if (await ledger().hasPending(documentId)) return batch;
      await transition(batch.id, [BATCH_STATUS.sending], { status: BATCH_STATUS.done, finishedAt: new Date() });
      return find(documentId);
    },

    async pause(documentId: string, reason: string | null = null) {
      if (!(await halt(documentId, reason))) throw notRunning();
      return this.get(documentId);
    },

    async resume(documentId: string) {
      const batch = await find(documentId);
      // Paused before its time: it waits for that time again.
      const waiting = !batch.preparedAt && batch.scheduledAt && new Date(batch.scheduledAt).getTime() > Date.now();
      const status = batch.preparedAt ? BATCH_STATUS.sending : waiting ? BATCH_STATUS.scheduled : BATCH_STATUS.preparing;
      await strapi.db.transaction(async () => {
        // The error ratio counts from here: a person looked and decided to go on.
        const moved = await transition(batch.id, [BATCH_STATUS.paused], { status, pausedReason: null, resumedAt: new Date() });
        if (!moved) throw notPaused();
        await ledger().resumeBatch(documentId);
      });
      if (waiting) service('batch-schedule').arm();
      else if (!batch.preparedAt) void service('batch-preparation').run(documentId, { takeOver: strapi.db.dialect.client !== 'postgres' });
      service('dispatcher').wake();
      return this.get(documentId);
    },

    /** Mails not yet handed to the provider are cancelled, and their events removed. */
    async cancel(documentId: string, reason: string | null = null) {
      const batch = await find(documentId);
      await strapi.db.transaction(async () => {
        const moved = await transition(batch.id, UNFINISHED_BATCH_STATUSES, { status: BATCH_STATUS.cancelled, pausedReason: reason, finishedAt: new Date() });
        if (!moved) throw alreadyFinished();
        await ledger().cancelBatch(documentId);
      });
      ledger().announceHalt(documentId, MESSAGE_STATUS.cancelled);
      return this.get(documentId);
    },

    /** Failed mails of the batch are queued again (uncertain ones wait for a person, one by one). */
    async retryFailed(documentId: string) {
      const batch = await find(documentId);
      if (batch.status === BATCH_STATUS.cancelled) throw validationError('batch.finished', 'Cet envoi a été annulé.', 'This send was cancelled.');
      // The answer describes the send as the retry left it, read before any worker can take a mail
      // (an instant refusal at the relay could otherwise pause it again before the answer is read).
      const state = await strapi.db.transaction(async ({ trx }) => {
        const count = await ledger().retryBatchFailures(documentId, batch.status === BATCH_STATUS.paused);
        if (count === 0) throw validationError('batch.no-failure', 'Aucun mail en échec à relancer.', 'No failed mail to retry.');
        await batches().update({
          where: { id: batch.id },
          // The error ratio counts from the retry.
          data: { resumedAt: new Date(), ...(batch.status === BATCH_STATUS.done ? { status: BATCH_STATUS.sending, finishedAt: null } : {}) },
        });
        return present(await find(documentId), trx);
      });
      service('dispatcher').wake();
      return state;
    },

    /**
     * Listens to the ledger's flushes (bootstrap). Per running batch touched since the last look,
     * every BOOKKEEPING_MS at most: pause it when its recent attempts failed beyond the configured
     * share, else mark it done when nothing is left. Off the delivery path: workers never wait.
     */
    listen() {
      return ledger().on('outcomes', (outcomes: Outcome[]) => {
        const now = Date.now();
        for (const outcome of outcomes) {
          if (!outcome.batchId) continue;
          const list = attempts.get(outcome.batchId) ?? [];
          // A retry later (`queued`) counts as a failed attempt, as does a final failure.
          list.push({ at: now, failed: outcome.status !== MESSAGE_STATUS.sent });
          if (list.length > ATTEMPT_WINDOW) list.splice(0, list.length - ATTEMPT_WINDOW);
          attempts.set(outcome.batchId, list);
          touched.add(outcome.batchId);
        }
        if (!bookkeeping && touched.size > 0) {
          bookkeeping = setTimeout(() => {
            bookkeeping = null;
            const batchIds = [...touched];
            touched.clear();
            void Promise.all(batchIds.map((batchId) => this.checkProgress(batchId))).catch((error) =>
              strapi.log.error(`[mail-merge] batch bookkeeping: ${errorMessage(error)}`)
            );
          }, BOOKKEEPING_MS);
        }
      });
    },

    /** Pauses a batch failing too much (error ratio since the last « Reprendre »), else refreshes it. */
    async checkProgress(documentId: string) {
      const batch = await batches().findOne({ where: { documentId }, select: BATCH_FIELDS });
      if (!batch || !(RUNNING_BATCH_STATUSES as readonly string[]).includes(batch.status)) return;
      const { maxErrorRatio, errorRatioMinSample } = getConfig(strapi).dispatcher;
      // Since the last « Reprendre » (a person looked and decided to go on), or since the start.
      const since = new Date(batch.resumedAt ?? batch.createdAt).getTime();
      const recent = (attempts.get(documentId) ?? []).filter((attempt) => attempt.at >= since);
      const failed = recent.filter((attempt) => attempt.failed).length;
      if (recent.length >= errorRatioMinSample && failed / recent.length > maxErrorRatio) {
        // Done or paused by someone else meanwhile: nothing to pause.
        if (await halt(documentId, 'error-ratio')) {
          strapi.log.warn(`[mail-merge] batch ${documentId} paused: ${failed} failures out of its last ${recent.length} attempts`);
        }
        return;
      }
      // Not done while this instance still holds some of its mails: no query needed to know.
      if (service('dispatcher').holdsMailsOf(documentId)) return;
      await this.refresh(documentId, batch);
    },

    /** The report: every recipient with status and reason, read in pages of the ledger. */
    async *report(documentId: string) {
      const batch = await find(documentId);
      const page = service('pages').find(batch.page);
      yield toCsv([['fiche', 'page', 'destinataires', 'statut', 'raison', 'détail', 'envoyé le', 'mail', 'statut (en clair)', 'raison (en clair)']]);
      for await (const rows of ledger().batchRows(documentId)) {
        yield toCsv(
          rows.map((row) => [
            row.recordId,
            page?.page ?? batch.page,
            (row.to ?? []).join('; '),
            row.status,
            row.errorCode ?? '',
            row.error ?? '',
            row.sentAt ? new Date(row.sentAt).toISOString() : '',
            row.status === MESSAGE_STATUS.skipped ? '' : row.documentId,
            reportStatusLabel(row.status),
            reportReasonLabel(row.errorCode),
          ])
        );
      }
    },

    stopListening() {
      if (bookkeeping) clearTimeout(bookkeeping);
      bookkeeping = null;
    },
  };
};

export type BatchesService = ReturnType<typeof createBatchesService>;
export default createBatchesService;
