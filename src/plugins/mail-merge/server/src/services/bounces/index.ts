/**
 * Bounces come back to the ledger and the record. A delivery status notification (DSN, RFC 3464)
 * arrives by the content-API route (an MTA pipes it with curl) or the optional SMTP listener
 * (listener.ts); both hand the raw message to `intake`:
 *
 * 1. the DSN is read (dsn.ts: mailparser, never patterns over the body);
 * 2. its mail is found by its VERP return path, `bounce+<ledger documentId>@<bounce domain>`
 *    (the envelope recipient the MTA gives, else the DSN's X-Original-To / Delivered-To / To),
 *    and only without one by the returned headers (Message-ID, X-Mail-Merge-Message);
 * 3. a permanent failure moves the mail to `bounced` with the diagnostic (services/ledger), puts
 *    its failed addresses on the suppression list (suppressions.ts) and writes the event
 *    « [AUTO] Mail non distribué : <intitulé> — <raison> » on the record, in one transaction; a
 *    delay is said on the mail, whose status stays.
 *
 * Idempotent: the same DSN twice moves nothing, adds no suppression and no event. Unknown mail,
 * no delivery-status part, malformed DSN: a 400 and nothing changes.
 */
import type { Core } from '@strapi/strapi';
import type { BounceOutcome, BounceResult } from '../../../../shared/contracts/bounces';
import { MESSAGE_STATUS } from '../../constants';
import { getService } from '../../utils';
import { getConfig } from '../../utils/config';
import { validationError } from '../../utils/errors';
import { documentIdFromReturnPath } from '../dispatcher/headers';
import type { BounceTarget } from '../ledger/bounces';
import { parseDsn, type Dsn, type DsnRecipient } from './dsn';
import { startBounceListener, type BounceListener } from './listener';
import { bounceReason } from './reasons';

/** Largest DSN taken (route and listener): Postfix returns at most 50 000 bytes of the original. */
export const MAX_DSN_BYTES = 1024 * 1024;

/** Who writes the event on the record. */
const EVENT_AUTHOR = 'Serveur de messagerie (retour de remise)';

/** Strapi's `string` attributes are varchar(255). */
const clip = (text: string, length = 255) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

type IntakeOptions = {
  /** The HTTP request's Content-Type, or `message/rfc822` for a message received by SMTP. */
  contentType: string;
  /** The envelope recipient the MTA received the DSN for (the VERP return path), if known. */
  recipient?: string | null;
};

/** A permanent failure ends the delivery; a failed Action with a 4.x.x status too (the MTA gave up). */
const isHard = (r: DsnRecipient) => r.action === 'failed' || (r.action === null && r.status.startsWith('5'));
const isSoft = (r: DsnRecipient) => !isHard(r) && (r.action === 'delayed' || r.status.startsWith('4'));

const describe = (recipients: DsnRecipient[], prefix: string) =>
  `${prefix} — ${recipients.map((r) => `${r.address} : ${bounceReason(r.status)}${r.diagnostic ? `, « ${r.diagnostic} »` : ''}`).join(' ; ')}`;

const createBouncesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const ledger = () => getService('ledger', { strapi });

  const unknown = (named: string) =>
    validationError(
      'bounce.unknown-message',
      `Aucun mail ne correspond à cet avis de non-remise (${named}).`,
      `No mail matches this delivery status notification (${named}).`,
      { named }
    );

  /** The mail the DSN names: its VERP address first, its returned headers only without one. */
  const identify = async (dsn: Dsn, recipient: string | null | undefined): Promise<BounceTarget> => {
    const settings = getConfig(strapi).bounces;
    for (const address of [recipient, ...dsn.returnPaths]) {
      const documentId = address ? documentIdFromReturnPath(address, settings) : null;
      if (!documentId) continue;
      const row = await ledger().bounces.find({ documentId });
      if (!row) throw unknown(address as string);
      return row;
    }
    const original = dsn.original;
    // Our Message-ID is `<documentId@domain>` (dispatcher/headers.ts), stored without brackets.
    const local = original?.messageId?.split('@')[0];
    const byMessageId = local && original?.messageId ? await ledger().bounces.find({ documentId: local, messageId: original.messageId }) : null;
    if (byMessageId) return byMessageId;
    const byHeader = original?.mailMergeId ? await ledger().bounces.find({ documentId: original.mailMergeId }) : null;
    if (byHeader) return byHeader;
    if (original?.messageId || original?.mailMergeId) throw unknown(original.mailMergeId ?? `Message-ID <${original.messageId}>`);
    throw validationError(
      'bounce.unidentified',
      'L’avis de non-remise ne désigne aucun mail : ni adresse de retour bounce+…, ni en-têtes du mail d’origine.',
      'The delivery status notification names no mail: neither a bounce+… return path nor the original headers.'
    );
  };

  /** The mail's addresses a failed recipient stands for (a forward's Final-Recipient is not ours). */
  const failedAddresses = (row: BounceTarget, failed: DsnRecipient[]) => {
    const ours = [...(row.to ?? []), ...(row.cc ?? []), ...(row.bcc ?? [])].map((a) => a.toLowerCase());
    const matched = failed.map((r) => (ours.includes(r.address) ? r.address : ours.includes(r.finalRecipient) ? r.finalRecipient : null));
    // A mail to one address that bounced can only be about that address.
    return failed.map((r, i) => ({ recipient: r, address: matched[i] ?? (ours.length === 1 ? ours[0] : null) }));
  };

  const result = (row: BounceTarget, outcome: BounceOutcome, status: BounceTarget['status'], dsn: Dsn, suppressed: string[] = []): BounceResult => ({
    message: row.documentId,
    outcome,
    status,
    suppressed,
    recipients: dsn.recipients.map(({ address, action, status: code, diagnostic }) => ({ address, action, status: code, diagnostic })),
  });

  /** Inside the intake's transaction. */
  const hardBounce = async (row: BounceTarget, dsn: Dsn, failed: DsnRecipient[]) => {
    const now = new Date();
    const error = describe(failed, 'Non distribué');
    const moved = await ledger().bounces.markBounced(row, error, now);
    // Only a permanent failure (5.x.x) suppresses the address: an MTA that gave up on a 4.x.x
    // (a server down for days) says nothing of the address itself.
    const entries = failedAddresses(row, failed)
      .filter(({ recipient, address }) => address && recipient.status.startsWith('5'))
      .map(({ recipient, address }) => ({
        address: address as string,
        reason: clip(bounceReason(recipient.status)),
        diagnostic: recipient.diagnostic,
        statusCode: recipient.status,
        messageId: row.documentId,
        page: row.page,
        recordId: row.recordId,
        templateTitle: row.templateTitle ?? null,
        bouncedAt: now,
      }));
    const suppressed = await getService('suppressions', { strapi }).record(entries);
    if (moved > 0 || suppressed.length > 0) {
      await ledger().events.create({
        page: row.page,
        recordId: row.recordId,
        label: clip(`[AUTO] Mail non distribué : ${row.templateTitle ?? row.subject ?? 'mail'} — ${bounceReason(failed[0].status)}`),
        authorId: null,
        authorName: EVENT_AUTHOR,
        messageId: row.documentId,
      });
    }
    return result(row, moved > 0 || suppressed.length > 0 ? 'bounced' : 'unchanged', MESSAGE_STATUS.bounced, dsn, suppressed);
  };

  let listener: BounceListener | null = null;

  return {
    async intake(raw: Buffer, { contentType, recipient }: IntakeOptions): Promise<BounceResult> {
      const dsn = await parseDsn(raw, contentType);
      // One transaction, the mail's row locked (PostgreSQL) from the moment it is read: two
      // copies of one DSN received at once are taken one after the other.
      return strapi.db.transaction(async () => {
        const row = await identify(dsn, recipient);
        ledger().bounces.assertLeft(row);
        const failed = dsn.recipients.filter(isHard);
        if (failed.length > 0) return hardBounce(row, dsn, failed);
        const delayed = dsn.recipients.filter(isSoft);
        if (delayed.length === 0) return result(row, 'ignored', row.status, dsn);
        const changed = await ledger().bounces.markDelayed(row, describe(delayed, 'Remise retardée'));
        return result(row, changed > 0 ? 'delayed' : 'unchanged', row.status, dsn);
      });
    },

    /**
     * The SMTP listener of the bounce domain, when enabled (bootstrap). A port already taken is
     * logged, not fatal: the content-API route still takes DSNs.
     */
    async startListener() {
      const settings = getConfig(strapi).bounces;
      if (!settings.listener.enabled || listener) return;
      if (!settings.domain) {
        strapi.log.warn('[mail-merge] bounces.listener.enabled without bounces.domain: the bounce listener is not started.');
        return;
      }
      try {
        listener = await startBounceListener(settings, MAX_DSN_BYTES, (raw, recipient) => this.intake(raw, { contentType: 'message/rfc822', recipient }), strapi.log);
        strapi.log.info(`[mail-merge] bounce listener for ${settings.domain} on ${settings.listener.host}:${listener.port}`);
      } catch (error) {
        strapi.log.error(`[mail-merge] bounce listener cannot listen on ${settings.listener.host}:${settings.listener.port}: ${(error as Error).message}`);
      }
    },

    /** The listener's port (null when it is not running). */
    listenerPort: () => listener?.port ?? null,

    async stopListener() {
      const running = listener;
      listener = null;
      await running?.close();
    },
  };
};

export type BouncesService = ReturnType<typeof createBouncesService>;
export default createBouncesService;
