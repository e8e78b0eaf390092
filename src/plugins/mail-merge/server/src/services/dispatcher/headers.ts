/**
 * The standard headers and the envelope of a mail, from its ledger row alone: the same row gives
 * the same Message-ID at every attempt, so a retried mail is recognisably the same mail and a
 * bounce or a reply names its ledger row.
 *
 * - `Message-ID: <documentId@domain>`: the bounce domain when one is configured, else the
 *   sender's domain (RFC 5322 wants a domain the sender controls).
 * - `Auto-Submitted: auto-generated` (RFC 3834) on grouped sends and front-office (API) mail, so
 *   that vacation responders stay silent; a gestionnaire's own single mail is a person's mail and
 *   carries none.
 * - The return path (envelope sender) is VERP, `bounce+<documentId>@<bounce domain>`, when a bounce
 *   domain is configured: the DSN comes back to an address that names its mail.
 * - `List-Unsubscribe: <https://…/api/mail-merge/unsubscribe/<token>>` and
 *   `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058) on communications (minimum
 *   consent « limite » or « public »; « interne » is management mail and carries none), when the
 *   link can record a refusal (services/unsubscribe). Without a public URL (plugin config
 *   `unsubscribe.baseUrl`, else Strapi's absolute `server.url`) there is no link to give, and no
 *   List-Unsubscribe header is added: a header pointing nowhere would be worse than none.
 * - `List-Id: <label.domain>` (RFC 2919) on the same communications, link or not: the label is
 *   the notification type (« remboursement-assure »), else `communications`, in the Message-ID's
 *   domain. Mail clients file and filter on it, and mailbox providers group complaints by it;
 *   management mail is no list and carries none.
 */
import type { BounceSettings } from '../../config/schema';
import { isCommunication } from '../unsubscribe/links';
// The file itself: the ESM build cannot import a directory.
import addressparser from 'nodemailer/lib/addressparser/index.js';

/** What the headers need of a ledger row. */
export type HeaderSource = {
  documentId: string;
  fromAddress: string;
  to: string[];
  cc: string[];
  bcc: string[];
  origin: string | null;
  /** The ledger row's page, minimum consent and notification type: whether and how it can be left. */
  page: string;
  minimumConsent: string | null;
  notificationType: string | null;
  /** An « envoi test » goes to the sender, not the member: it offers no unsubscription. */
  test?: boolean;
};

/** Gives a mail's one-click unsubscribe URL, or null when it gets none (services/unsubscribe). */
export type UnsubscribeLinkSource = { urlFor: (mail: HeaderSource) => string | null };

const MACHINE_ORIGINS = new Set(['batch', 'api']);

/** The domain of an address that may carry a display name (`Élise Durand <e.durand@x.fr>`). */
const domainOf = (address: string) => {
  const [mailbox] = addressparser(address) as { address?: string }[];
  return mailbox?.address?.split('@')[1]?.toLowerCase() || 'localhost';
};

/** The domain the mutual's own identifiers live in: the bounce domain, else the sender's. */
const ownDomain = (mail: Pick<HeaderSource, 'fromAddress'>, bounces: BounceSettings) => bounces.domain ?? domainOf(mail.fromAddress);

export const messageIdFor = (mail: Pick<HeaderSource, 'documentId' | 'fromAddress'>, bounces: BounceSettings) =>
  `<${mail.documentId}@${ownDomain(mail, bounces)}>`;

/** RFC 2919's list-label is a dot-atom: a notification type's code, reduced to its letters and digits. */
const listLabel = (notificationType: string | null) =>
  (notificationType ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'communications';

/** The List-Id of a communication, or null for management mail and an « envoi test ». */
export const listIdFor = (mail: Pick<HeaderSource, 'fromAddress' | 'minimumConsent' | 'notificationType' | 'test'>, bounces: BounceSettings) =>
  isCommunication(mail.minimumConsent) && !mail.test ? `<${listLabel(mail.notificationType)}.${ownDomain(mail, bounces)}>` : null;

/** The VERP return path of a mail, or null when no bounce domain is configured. */
export const returnPathFor = (documentId: string, bounces: BounceSettings) =>
  bounces.domain ? `${bounces.localPart}+${documentId}@${bounces.domain}` : null;

/** The ledger documentId a VERP address names, or null when it is not one of ours. */
export const documentIdFromReturnPath = (address: string, bounces: BounceSettings) => {
  if (!bounces.domain) return null;
  const [local, domain] = address.trim().toLowerCase().replace(/^<|>$/g, '').split('@');
  const prefix = `${bounces.localPart.toLowerCase()}+`;
  if (domain !== bounces.domain.toLowerCase() || !local?.startsWith(prefix)) return null;
  const id = local.slice(prefix.length);
  return /^[a-z0-9]{1,64}$/.test(id) ? id : null;
};

/** nodemailer message options for a mail's identity: Message-ID, headers and envelope. */
export const identityOf = (mail: HeaderSource, bounces: BounceSettings, unsubscribe?: UnsubscribeLinkSource | null) => {
  const returnPath = returnPathFor(mail.documentId, bounces);
  const unsubscribeUrl = unsubscribe?.urlFor(mail) ?? null;
  const listId = listIdFor(mail, bounces);
  return {
    messageId: messageIdFor(mail, bounces),
    headers: {
      'X-Mail-Merge-Message': mail.documentId,
      ...(MACHINE_ORIGINS.has(mail.origin ?? '') ? { 'Auto-Submitted': 'auto-generated' } : {}),
      ...(listId ? { 'List-Id': listId } : {}),
      ...(unsubscribeUrl ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    } as Record<string, string>,
    // The envelope names every recipient (Bcc only here, never in the message).
    ...(returnPath ? { envelope: { from: returnPath, to: [...mail.to, ...mail.cc, ...mail.bcc] } } : {}),
  };
};
