/**
 * Delivers queued mail through Strapi's email plugin, so any email provider works.
 *
 * - Claiming marks rows `sending` (committed) before the provider is called: a crash can leave a
 *   row in `sending`, never send it twice. Such a row becomes `uncertain` (at start-up on SQLite,
 *   after `staleAfterMs` otherwise) and waits for a person to « Renvoyer » it.
 * - On PostgreSQL rows are claimed with FOR UPDATE SKIP LOCKED: any number of Strapi instances
 *   share the queue. On SQLite one dispatcher runs per process.
 * - Priority mail goes first. Transient failures (connection refused or lost, 4xx SMTP) are
 *   retried with a doubling delay up to `maxAttempts`; permanent ones (5xx) fail with the reason.
 * - Consent, and for a template tied to a notification type the member's choice and the type's
 *   activation, are read once more just before the provider is called: per claimed group, and
 *   again for a mail that had to wait for its pace slot.
 * - Up to `concurrency` mails are with the provider at once, at most `ratePerSecond` per second;
 *   a 421/454 answer (server busy) halves the pace for a while. A grouped send pauses itself when
 *   too many of its attempts fail (`maxErrorRatio`).
 */
import crypto from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import type { DispatcherSettings } from '../config/schema';
import { getConfig } from '../utils/config';
import { notFoundError, validationError } from '../utils/errors';
import { allows, type ConsentLevel } from './consent';
import { notificationRefusal, refusalMessage, type NotificationType } from './notifications';
import { MESSAGE_UID } from './sending';

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKET', 'ECONNECTION', 'EDNS', 'ETLS', 'EAI_AGAIN', 'EPIPE']);

/** 4xx SMTP answers and network failures are worth another try; anything else is final. */
export const isTransient = (error: any) => {
  const code = Number(error?.responseCode);
  if (code >= 400 && code < 500) return true;
  if (code >= 500) return false;
  return TRANSIENT_CODES.has(error?.code) || TRANSIENT_CODES.has(error?.errno);
};

/** « Service not available » and « temporary failure »: the server asks us to slow down. */
const BUSY_CODES = new Set([421, 454]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The pace of deliveries: at most `ratePerSecond` (0 = no limit). A busy answer stops deliveries
 * for `slowdownMs` and halves the pace; each quiet `slowdownMs` after that doubles it back.
 */
const createPace = (settings: () => DispatcherSettings) => {
  let nextSlot = 0;
  let slowUntil = 0;
  let slowRate: number | null = null;
  let lastSlowdown = 0;
  const recent: number[] = [];

  const measured = () => {
    const since = Date.now() - 10_000;
    while (recent.length > 0 && recent[0] < since) recent.shift();
    return recent.length >= 10 ? recent.length / 10 : null;
  };

  const limit = () => {
    const { ratePerSecond, slowdownMs } = settings();
    if (slowRate !== null && Date.now() - lastSlowdown > slowdownMs) {
      slowRate *= 2;
      lastSlowdown = Date.now();
      if ((ratePerSecond > 0 && slowRate >= ratePerSecond) || slowRate > 10_000) slowRate = null;
    }
    const rates = [ratePerSecond > 0 ? ratePerSecond : null, slowRate].filter((r): r is number => r !== null);
    return rates.length ? Math.min(...rates) : 0;
  };

  return {
    /** Waits for this delivery's slot; says how long it waited (ms). */
    async wait() {
      const now = Date.now();
      const rate = limit();
      const slot = Math.max(now, slowUntil, rate > 0 ? nextSlot : 0);
      if (rate > 0) nextSlot = slot + 1000 / rate;
      if (slot > now) await sleep(slot - now);
      return slot - now;
    },
    delivered() {
      const now = Date.now();
      recent.push(now);
      while (recent[0] < now - 10_000) recent.shift();
    },
    slowDown() {
      const { ratePerSecond, slowdownMs } = settings();
      const base = slowRate ?? (ratePerSecond > 0 ? ratePerSecond : measured() ?? 10);
      slowRate = Math.max(0.5, base / 2);
      slowUntil = Date.now() + slowdownMs;
      lastSlowdown = Date.now();
    },
    expectedRate() {
      const rate = limit();
      const seen = measured();
      if (rate > 0) return seen ? Math.min(seen, rate) : rate;
      return seen;
    },
  };
};

const describe = (error: any) =>
  [error?.responseCode, error?.code, error?.response ?? error?.message].filter(Boolean).join(' ').slice(0, 1000);

const createDispatcherService = ({ strapi }: { strapi: Core.Strapi }) => {
  const instanceId = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  const settings = () => getConfig(strapi).dispatcher;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  const meta = () => strapi.db.metadata.get(MESSAGE_UID as any) as any;
  const column = (attribute: string) => meta().attributes[attribute].columnName ?? attribute;
  // SQLite keeps datetimes as milliseconds, PostgreSQL as timestamps.
  const dbTime = (date: Date) => (isPostgres() ? date : date.getTime());
  const messages = () => strapi.db.query(MESSAGE_UID as any);

  /** Moves rows to `queued`'s successors only if this instance still holds them. */
  const finish = (row: any, data: Record<string, unknown>) =>
    messages().updateMany({ where: { id: row.id, status: 'sending', claimedBy: instanceId }, data: { ...data, updatedAt: new Date() } });

  const pace = createPace(() => settings());

  /** This instance's latest delivery attempts per grouped send, for its error ratio. */
  const outcomes = new Map<string, { at: number; failed: boolean }[]>();
  const OUTCOME_WINDOW = 200;
  const noteOutcome = (row: any, failed: boolean) => {
    if (!row.batchId) return;
    const list = outcomes.get(row.batchId) ?? [];
    list.push({ at: Date.now(), failed });
    if (list.length > OUTCOME_WINDOW) list.shift();
    outcomes.set(row.batchId, list);
  };

  const claim = async (limit: number): Promise<any[]> => {
    const knex = strapi.db.connection;
    const table = meta().tableName;
    const now = new Date();
    return knex.transaction(async (trx) => {
      let select = trx(table)
        .select('id')
        .where(column('status'), 'queued')
        .andWhere((q) => q.whereNull(column('nextAttemptAt')).orWhere(column('nextAttemptAt'), '<=', dbTime(now)))
        .orderBy([{ column: column('priority'), order: 'desc' }, { column: 'id', order: 'asc' }])
        .limit(limit);
      if (isPostgres()) select = select.forUpdate().skipLocked();
      const ids = (await select).map((row: any) => row.id);
      if (ids.length === 0) return [];
      await trx(table)
        .whereIn('id', ids)
        .update({
          [column('status')]: 'sending',
          [column('claimedAt')]: dbTime(now),
          [column('claimedBy')]: instanceId,
          [column('attempts')]: trx.raw('?? + 1', [column('attempts')]),
        });
      return ids;
    }).then((ids: number[]) =>
      ids.length ? (messages().findMany({ where: { id: { $in: ids } }, orderBy: [{ priority: 'desc' }, { id: 'asc' }] }) as Promise<any[]>) : []
    );
  };

  /** Consent read fresh for every record of a claimed group (one query per page), just before sending. */
  const consentLevels = async (rows: any[]) => {
    const levels = new Map<string, ConsentLevel | null>();
    const byPage = new Map<string, string[]>();
    for (const row of rows) if (!row.test) byPage.set(row.page, [...(byPage.get(row.page) ?? []), row.recordId]);
    for (const [pageKey, recordIds] of byPage) {
      const page = getService('pages', { strapi }).find(pageKey);
      if (!page?.consent) continue;
      const found = await getService('consent', { strapi }).levelsFor(page, recordIds);
      for (const recordId of recordIds) levels.set(`${pageKey}:${recordId}`, found.get(recordId) ?? 'refus');
    }
    return levels;
  };

  /**
   * For the rows tied to a notification type: the types and the members' choices read fresh (one
   * query for the types, one per page), so a choice withdrawn or a type deactivated after queuing
   * stops the mail. Rows without a type cost nothing.
   */
  const notificationRefusals = async (rows: any[]) => {
    const refusals = new Map<string, string>();
    const gatedRows = rows.filter((row) => !row.test && row.notificationType);
    if (gatedRows.length === 0) return refusals;
    const notifications = getService('notifications', { strapi });
    const types = new Map<string, NotificationType>((await notifications.listTypes()).map((type) => [type.code, type]));
    const channel = notifications.settings()?.channel ?? 'mail';
    const byPage = new Map<string, string[]>();
    for (const row of gatedRows) byPage.set(row.page, [...(byPage.get(row.page) ?? []), row.recordId]);
    for (const [pageKey, recordIds] of byPage) {
      const page = getService('pages', { strapi }).find(pageKey);
      if (!page || !notifications.choicesPath(page)) continue;
      const choices = await notifications.choicesFor(page, recordIds);
      for (const row of gatedRows.filter((r) => r.page === pageKey)) {
        const type = types.get(row.notificationType) ?? null;
        const refusal = notificationRefusal(type, choices.get(row.recordId) ?? null, channel);
        if (refusal) refusals.set(row.documentId, refusalMessage(refusal, row.notificationType, type?.label).fr);
      }
    }
    return refusals;
  };

  const consentAllows = (levels: Map<string, ConsentLevel | null>, row: any) => {
    const level = levels.get(`${row.page}:${row.recordId}`);
    return level === undefined || level === null || allows(level, (row.minimumConsent ?? 'interne') as ConsentLevel);
  };

  const deliver = async (row: any, groupLevels: Map<string, ConsentLevel | null>, groupRefusals: Map<string, string>) => {
    try {
      const attachments = await getService('attachments', { strapi }).load(row.attachments ?? []);
      // The group's reading of consent and choices is fresh unless this mail waited for its
      // slot: then the member may have withdrawn meanwhile, so this record is read again.
      const waited = await pace.wait();
      const levels = waited > 0 ? await consentLevels([row]) : groupLevels;
      const refusals = waited > 0 ? await notificationRefusals([row]) : groupRefusals;
      if (!consentAllows(levels, row)) {
        await finish(row, {
          status: 'failed',
          errorCode: 'consent',
          error: 'Consentement retiré avant l’envoi : mail non envoyé (consent withdrawn before sending).',
        });
        return;
      }
      const refusal = refusals.get(row.documentId);
      if (refusal) {
        await finish(row, { status: 'failed', errorCode: 'notification', error: `Avant l’envoi : ${refusal} (mail non envoyé).` });
        return;
      }
      const info = await strapi
        .plugin('email')
        .service('email')
        .send({
          from: row.fromAddress,
          replyTo: row.fromAddress,
          to: row.to,
          cc: row.cc?.length ? row.cc : undefined,
          bcc: row.bcc?.length ? row.bcc : undefined,
          subject: row.subject,
          html: row.html,
          text: row.text,
          attachments,
          // nodemailer writes X-Priority: 1 (Highest), X-MSMail-Priority: High, Importance: High.
          ...(row.priority ? { priority: 'high' } : {}),
          headers: { 'X-Mail-Merge-Message': row.documentId },
        });
      pace.delivered();
      noteOutcome(row, false);
      await finish(row, {
        status: 'sent',
        sentAt: new Date(),
        messageId: info?.messageId ?? null,
        providerResponse: String(info?.response ?? '').slice(0, 1000),
        error: null,
        errorCode: null,
      });
    } catch (error: any) {
      if (BUSY_CODES.has(Number(error?.responseCode))) pace.slowDown();
      noteOutcome(row, true);
      const { maxAttempts, retryDelayMs } = settings();
      if (isTransient(error) && row.attempts < maxAttempts) {
        await finish(row, {
          status: 'queued',
          nextAttemptAt: new Date(Date.now() + retryDelayMs * 2 ** Math.max(0, row.attempts - 1)),
          errorCode: 'transient',
          error: describe(error),
        });
      } else {
        await finish(row, { status: 'failed', errorCode: isTransient(error) ? 'retries-exhausted' : 'permanent', error: describe(error) });
      }
    }
  };

  /** Rows another process left in `sending` (or any, at start-up on SQLite) become `uncertain`. */
  const recoverStale = async (startup: boolean) => {
    const where: Record<string, unknown> = { status: 'sending', claimedBy: { $ne: instanceId } };
    if (!(startup && !isPostgres())) where.claimedAt = { $lt: new Date(Date.now() - settings().staleAfterMs) };
    await messages().updateMany({
      where,
      data: {
        status: 'uncertain',
        errorCode: 'uncertain',
        error: 'Envoi interrompu : le mail a pu partir ou non. Vérifiez avant de le renvoyer (delivery interrupted).',
      },
    });
  };

  /** Grouped sends touched by a group: paused if failing too much, done when nothing is left. */
  const afterGroup = async (rows: any[]) => {
    const batchIds = [...new Set(rows.map((row) => row.batchId).filter(Boolean))] as string[];
    for (const batchId of batchIds) await getService('batches', { strapi }).afterDeliveries(batchId, outcomes.get(batchId) ?? []);
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void tick();
    }, delay);
  };

  const tick = async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        await recoverStale(false);
        const { batchSize, concurrency } = settings();
        let claimed: any[];
        do {
          claimed = await claim(batchSize);
          if (claimed.length === 0) break;
          const levels = await consentLevels(claimed);
          const refusals = await notificationRefusals(claimed);
          let next = 0;
          const worker = async () => {
            while (next < claimed.length) await deliver(claimed[next++], levels, refusals);
          };
          await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
          await afterGroup(claimed);
        } while (claimed.length === batchSize && !stopped);
      } catch (error: any) {
        strapi.log.error(`[mail-merge] dispatcher: ${error?.message ?? error}`);
      }
    })();
    await running;
    running = null;
    schedule(again ? 0 : settings().pollIntervalMs);
    again = false;
  };

  return {
    instanceId,

    async start() {
      if (!settings().enabled || !stopped) return;
      stopped = false;
      await recoverStale(true);
      schedule(0);
    },

    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },

    /** Called after queuing: look for work now rather than at the next poll. */
    wake() {
      schedule(0);
    },

    /** Messages per second this instance can be expected to send (estimates), or null if unknown. */
    expectedRate() {
      return pace.expectedRate();
    },

    /** Runs one pass now (tests and benchmarks). */
    async runOnce() {
      await tick();
    },

    /** « Renvoyer » a failed or uncertain mail: queued again, as a new attempt. */
    async resend(documentId: string) {
      const row = (await messages().findOne({ where: { documentId } })) as any;
      if (!row) throw notFoundError('message.not-found', 'Mail introuvable.', 'Mail not found.');
      if (!['failed', 'uncertain'].includes(row.status)) {
        throw validationError(
          'message.not-resendable',
          'Seuls les mails en échec ou incertains peuvent être renvoyés.',
          'Only failed or uncertain mails can be sent again.'
        );
      }
      await messages().update({
        where: { id: row.id },
        data: { status: 'queued', attempts: 0, nextAttemptAt: null, errorCode: null, error: null, claimedBy: null, claimedAt: null },
      });
      this.wake();
      return messages().findOne({ where: { id: row.id } });
    },
  };
};

export type DispatcherService = ReturnType<typeof createDispatcherService>;
export default createDispatcherService;
