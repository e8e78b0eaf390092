/**
 * Delivers queued mail through Strapi's email plugin, so any email provider works. Modelled on
 * Listmonk's manager: one scanner claims groups of mail into a bounded in-memory queue, N workers
 * take mails from it and hand them to the provider, and outcomes are written behind, in bulk
 * (services/ledger/outcomes.ts). No worker waits on the database between two mails.
 *
 * - Claiming marks rows `sending` (committed) before the provider is called; a delivered row
 *   stays `sending` until its outcome is flushed. A crash therefore leaves rows in `sending`,
 *   never sends them twice: they become `uncertain` (at start-up on SQLite, after
 *   `staleAfterMs` otherwise) and wait for a person to « Renvoyer » them.
 * - On PostgreSQL claims use SKIP LOCKED: any number of instances share the queue. A claim is
 *   sized to what this instance sends in about a second (its pace), and the next one is made
 *   when the queue runs low, so the next group is ready before this one drains and an instance
 *   never sits on mail another could send now.
 * - Consent and notification choices are read once per claimed group, and again for a mail that
 *   had to wait for its pace slot (services/dispatcher/gates.ts).
 * - A paused or cancelled batch: the ledger tells this instance (`halted`) and the mails of that
 *   batch still in the queue are released at once; only those already with the provider leave.
 * - Transient failures (connection lost, 4xx SMTP) are retried with a doubling delay up to
 *   `maxAttempts`; permanent ones (5xx) fail with the reason. A 421/454 halves the pace for a while.
 */
import crypto from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { MESSAGE_STATUS, SKIP_REASON, type HaltStatus, type ReleaseStatus } from '../../constants';
import { getService } from '../../utils';
import { getConfig } from '../../utils/config';
import type { ClaimedMail, Outcome } from '../ledger';
import type { OutcomeWriter } from '../ledger/outcomes';
import { describe, isTransient } from './errors';
import { consentAllows, readGates, type GateReading } from './gates';
import { identityOf } from './headers';
import { createMimeBuilder, type MimeBuilder } from './mime-builder';
import { BUSY_CODES, createPace } from './pace';
import { errorMessage, errorProperty } from '../../utils/errors';

type QueuedMail = { mail: ClaimedMail; gates: GateReading };

/** The message handed to Strapi's email plugin (nodemailer's options; others ignore what they do not know). */
type OutgoingMail = Record<string, unknown> & { attachments?: unknown[] };

/** What the email plugin's `send` answers: nodemailer's info, or whatever the provider returns. */
type SendInfo = { response?: unknown } | null | undefined;

/** A gate's refusal as the ledger's error: the reason, without its own full stop, then what it did. */
const refusedBeforeSending = (reason: string) => `Avant l’envoi : ${reason.replace(/\.\s*$/, '')} (mail non envoyé).`;

const createDispatcherService = ({ strapi }: { strapi: Core.Strapi }) => {
  const instanceId = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const settings = () => getConfig(strapi).dispatcher;
  const ledger = () => getService('ledger', { strapi });
  const pace = createPace(() => settings());

  /** Claimed mails waiting for a worker. */
  let queue: QueuedMail[] = [];
  let scanning: Promise<void> | null = null;
  /** The last claim found fewer mails than it asked for: nothing more is due for now. */
  let exhausted = false;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;
  let writer: OutcomeWriter | null = null;
  let unsubscribe: (() => void) | null = null;
  let lastRecovery = 0;
  let mimeBuilder: MimeBuilder | null | undefined;

  /** Worker threads for MIME, with the nodemailer provider only (it accepts a pre-built message). */
  const prebuilt = () => {
    if (mimeBuilder === undefined) {
      // The email plugin's own account of its provider (its config has no `config` level).
      const provider = String(strapi.plugin('email').service('email').getProviderSettings?.()?.provider ?? '');
      mimeBuilder = settings().prebuildMime && /nodemailer/.test(provider) ? createMimeBuilder() : null;
    }
    return mimeBuilder;
  };

  /** Through Strapi's email plugin always; built off the event loop where the provider allows. */
  const send = async (message: OutgoingMail): Promise<SendInfo> => {
    const email = strapi.plugin('email').service('email');
    const builder = prebuilt();
    if (!builder || message.attachments?.length) return email.send(message);
    const built = await builder.build(message);
    // Without the bodies: they are in `raw` already, and nodemailer would walk the HTML again
    // (looking for data: images to convert) on the event loop, 5 % of a grouped send's CPU.
    return email.send({ ...message, html: undefined, text: undefined, raw: built.raw, envelope: built.envelope });
  };

  /** Other processes' stale claims, looked for a few times per `staleAfterMs`, not at every pass. */
  const recoverStale = async () => {
    const { staleAfterMs } = settings();
    if (Date.now() - lastRecovery < Math.min(staleAfterMs / 4, 30_000)) return;
    lastRecovery = Date.now();
    await ledger().recoverStale(instanceId, { startup: false, staleAfterMs });
  };

  /** About one second of this instance's sending; the configured size when unpaced. */
  const claimSize = () => {
    const { claimSize: size, concurrency, ratePerSecond } = settings();
    return ratePerSecond > 0 ? Math.min(size, Math.max(concurrency, Math.ceil(ratePerSecond))) : size;
  };
  /**
   * When the queue is down to this, the next group is claimed: early enough that the claim is
   * back before the workers run dry, late enough that at most about one group waits here.
   */
  const lowWater = () => Math.max(1, Math.min(Math.floor(claimSize() / 2), Math.max(2 * settings().concurrency, Math.floor(claimSize() / 4))));

  const outcomes = () => {
    if (!writer) {
      const { flushSize, flushMs } = settings();
      writer = ledger().outcomeWriter({
        instanceId,
        flushSize,
        flushMs,
        onError: (error: unknown) => strapi.log.error(`[mail-merge] dispatcher: outcomes not written (they become uncertain): ${errorMessage(error)}`),
      });
    }
    return writer;
  };

  const scan = async () => {
    while (!stopped && !exhausted && queue.length <= lowWater()) {
      const size = claimSize();
      const mails = await ledger().claim(instanceId, size);
      if (mails.length < size) exhausted = true;
      if (mails.length === 0) return;
      let gates: GateReading;
      try {
        gates = await readGates(strapi, mails);
      } catch (error) {
        // Not one of them has left: they go back to the queue rather than become uncertain.
        await ledger().release(instanceId, mails.map((mail) => mail.id), MESSAGE_STATUS.queued);
        throw error;
      }
      for (const mail of mails) queue.push({ mail, gates });
    }
  };

  /** Starts a claim unless one is under way; resolves when it is done. */
  const refill = () => {
    scanning ??= scan().finally(() => {
      scanning = null;
    });
    return scanning;
  };

  const record = (mail: ClaimedMail, outcome: Omit<Outcome, 'id' | 'documentId' | 'batchId'>) =>
    outcomes().record({ id: mail.id, documentId: mail.documentId, batchId: mail.batchId, ...outcome });

  /** Mails of each batch this instance is handing to the provider right now. */
  const inFlight = new Map<string, number>();

  const deliver = async (item: QueuedMail) => {
    const batchId = item.mail.batchId;
    if (batchId) inFlight.set(batchId, (inFlight.get(batchId) ?? 0) + 1);
    try {
      await deliverOne(item);
    } finally {
      if (batchId) {
        const left = (inFlight.get(batchId) ?? 1) - 1;
        if (left > 0) inFlight.set(batchId, left);
        else inFlight.delete(batchId);
      }
    }
  };

  const deliverOne = async ({ mail, gates }: QueuedMail) => {
    try {
      const attachments = await getService('attachments', { strapi }).load(mail.attachments ?? []);
      // The group's reading is fresh unless this mail waited for its slot: then the member may
      // have withdrawn meanwhile, and this record is read again.
      const waited = await pace.wait();
      const reading = waited > 0 ? await readGates(strapi, [mail]) : gates;
      if (!consentAllows(reading, mail)) {
        // The same codes as a recipient of a grouped send skipped for it.
        record(mail, {
          status: MESSAGE_STATUS.failed,
          errorCode: SKIP_REASON.consent,
          error: 'Consentement retiré avant l’envoi : mail non envoyé (consent withdrawn before sending).',
        });
        return;
      }
      const refusal = reading.refusals.get(mail.documentId);
      if (refusal) {
        record(mail, { status: MESSAGE_STATUS.failed, errorCode: SKIP_REASON.notification, error: refusedBeforeSending(refusal) });
        return;
      }
      const bounced = reading.bounced.get(mail.documentId);
      if (bounced) {
        // As a grouped send skips such an address: a dead mailbox is not written to again.
        record(mail, { status: MESSAGE_STATUS.failed, errorCode: SKIP_REASON.bounced, error: refusedBeforeSending(bounced) });
        return;
      }
      const identity = identityOf(mail, getConfig(strapi).bounces, getService('unsubscribe', { strapi }));
      const info = await send({
        from: mail.fromAddress,
        replyTo: mail.fromAddress,
        to: mail.to,
        cc: mail.cc?.length ? mail.cc : undefined,
        bcc: mail.bcc?.length ? mail.bcc : undefined,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        attachments,
        // nodemailer writes X-Priority: 1 (Highest), X-MSMail-Priority: High, Importance: High.
        ...(mail.priority ? { priority: 'high' } : {}),
        ...identity,
      });
      pace.delivered();
      record(mail, {
        status: MESSAGE_STATUS.sent,
        sentAt: new Date(),
        // Ours, the same at every attempt (the provider may answer with another, or none).
        messageId: identity.messageId.replace(/[<>]/g, ''),
        providerResponse: String(info?.response ?? '').slice(0, 1000),
        error: null,
        errorCode: null,
      });
    } catch (error) {
      if (BUSY_CODES.has(Number(errorProperty(error, 'responseCode')))) pace.slowDown();
      const { maxAttempts, retryDelayMs } = settings();
      if (isTransient(error) && mail.attempts < maxAttempts) {
        record(mail, {
          status: MESSAGE_STATUS.queued,
          nextAttemptAt: new Date(Date.now() + retryDelayMs * 2 ** Math.max(0, mail.attempts - 1)),
          errorCode: 'transient',
          error: describe(error),
        });
      } else {
        record(mail, { status: MESSAGE_STATUS.failed, errorCode: isTransient(error) ? 'retries-exhausted' : 'permanent', error: describe(error) });
      }
    }
  };

  const worker = async () => {
    for (;;) {
      // Prefetch: the next group is claimed while this one still has mails to give.
      if (queue.length <= lowWater() && !exhausted && !stopped) void refill().catch(() => {});
      const next = queue.shift();
      if (next) {
        await deliver(next);
        continue;
      }
      if (stopped) return;
      if (scanning) await scanning;
      else if (exhausted) return;
      else await refill();
    }
  };

  /** Mails claimed and not handed over go back (their batch stopped, or this instance does). */
  const release = async (keep: (item: QueuedMail) => boolean, to: ReleaseStatus) => {
    const released = queue.filter((item) => !keep(item));
    queue = queue.filter(keep);
    await ledger().release(instanceId, released.map((item) => item.mail.id), to);
  };

  const run = async () => {
    try {
      exhausted = false;
      await recoverStale();
      await Promise.all(Array.from({ length: settings().concurrency }, worker));
    } catch (error) {
      strapi.log.error(`[mail-merge] dispatcher: ${errorMessage(error)}`);
      await release(() => false, MESSAGE_STATUS.queued).catch(() => {});
    } finally {
      await writer?.flush();
    }
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
    again = false;
    running = run();
    await running;
    running = null;
    schedule(again ? 0 : settings().pollIntervalMs);
  };

  return {
    instanceId,

    async start() {
      if (!settings().enabled || !stopped) return;
      stopped = false;
      unsubscribe = ledger().on('halted', (batchId: string, status: HaltStatus) => {
        void release((item) => item.mail.batchId !== batchId, status).catch((error) =>
          strapi.log.error(`[mail-merge] dispatcher: release of batch ${batchId}: ${errorMessage(error)}`)
        );
      });
      await ledger().recoverStale(instanceId, { startup: true, staleAfterMs: settings().staleAfterMs });
      schedule(0);
    },

    /** Mails with the provider finish; claimed ones not yet handed over go back to the queue. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      unsubscribe?.();
      unsubscribe = null;
      await scanning?.catch(() => {});
      await release(() => false, MESSAGE_STATUS.queued);
      await running;
      await writer?.flush();
      await mimeBuilder?.close();
      mimeBuilder = undefined;
    },

    /** Called after queuing: look for work now rather than at the next poll. */
    wake() {
      if (running) {
        exhausted = false;
        again = true;
        return;
      }
      schedule(0);
    },

    /**
     * Whether this instance still holds mails of a batch (claimed, or with the provider): then
     * the batch is certainly not done, and its bookkeeping need not ask the database.
     */
    holdsMailsOf(batchId: string) {
      return (inFlight.get(batchId) ?? 0) > 0 || queue.some((item) => item.mail.batchId === batchId);
    },

    /** Messages per second this instance can be expected to send (estimates), or null if unknown. */
    expectedRate() {
      return pace.expectedRate();
    },

    /** Runs one pass now and waits for its outcomes to be written (tests and benchmarks). */
    async runOnce() {
      await tick();
    },

    /** « Renvoyer » a failed or uncertain mail: queued again, as a new attempt. */
    async resend(documentId: string) {
      const message = await ledger().resend(documentId);
      this.wake();
      return message;
    },
  };
};

export type DispatcherService = ReturnType<typeof createDispatcherService>;
export default createDispatcherService;
