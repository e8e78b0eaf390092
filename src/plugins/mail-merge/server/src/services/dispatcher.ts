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
 * - Consent is read once more just before the provider is called.
 */
import crypto from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { getConfig } from '../utils/config';
import { notFoundError, validationError } from '../utils/errors';
import { allows, type ConsentLevel } from './consent';
import { MESSAGE_UID } from './sending';

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKET', 'ECONNECTION', 'EDNS', 'ETLS', 'EAI_AGAIN', 'EPIPE']);

/** 4xx SMTP answers and network failures are worth another try; anything else is final. */
export const isTransient = (error: any) => {
  const code = Number(error?.responseCode);
  if (code >= 400 && code < 500) return true;
  if (code >= 500) return false;
  return TRANSIENT_CODES.has(error?.code) || TRANSIENT_CODES.has(error?.errno);
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
    messages().updateMany({ where: { id: row.id, status: 'sending', claimedBy: instanceId }, data });

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

  const consentStillAllows = async (row: any) => {
    if (row.test) return true;
    const page = getService('pages', { strapi }).find(row.page);
    if (!page?.consent) return true;
    const level = await getService('consent', { strapi }).levelFor(page, row.recordId);
    return level === null || allows(level, (row.minimumConsent ?? 'interne') as ConsentLevel);
  };

  const deliver = async (row: any) => {
    try {
      if (!(await consentStillAllows(row))) {
        await finish(row, {
          status: 'failed',
          errorCode: 'consent',
          error: 'Consentement retiré avant l’envoi : mail non envoyé (consent withdrawn before sending).',
        });
        return;
      }
      const attachments = await getService('attachments', { strapi }).load(row.attachments ?? []);
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
      await finish(row, {
        status: 'sent',
        sentAt: new Date(),
        messageId: info?.messageId ?? null,
        providerResponse: String(info?.response ?? '').slice(0, 1000),
        error: null,
        errorCode: null,
      });
    } catch (error: any) {
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
        const { batchSize } = settings();
        let claimed: any[];
        do {
          claimed = await claim(batchSize);
          for (const row of claimed) await deliver(row);
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
