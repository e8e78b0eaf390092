/**
 * Reading a delivery status notification (DSN, RFC 3464) as an MTA or a provider hands it over.
 *
 * The message is parsed by `mailparser` (MIME, transfer encodings, charsets), told to keep the
 * `message/delivery-status` part as an attachment; that part's field groups (one per message,
 * then one per recipient, separated by a blank line) are header blocks, read by mailsplit's
 * `Headers` (the header parser mailparser itself is built on: folding, encoded words). Nothing
 * here matches the body with regular expressions; the only patterns check a field's value
 * (`Status: 5.1.1`).
 *
 * What comes out: the addresses the DSN was sent to (where a VERP return path is found), the
 * headers of the original mail when returned (`text/rfc822-headers` or `message/rfc822`), and
 * each recipient's Action, Status, Diagnostic-Code.
 */
import { Headers } from '@zone-eu/mailsplit';
import { parseAddressHeader, simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { validationError } from '../../utils/errors';

/** What a DSN's Action field may say (RFC 3464 §2.3.3). */
export type DsnAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';
const ACTIONS: readonly DsnAction[] = ['failed', 'delayed', 'delivered', 'relayed', 'expanded'];

export type DsnRecipient = {
  /** The address the mail was sent to (Original-Recipient, else Final-Recipient), lower-cased. */
  address: string;
  /** Final-Recipient as given, when it differs (a forward, an alias). */
  finalRecipient: string;
  action: DsnAction | null;
  /** The enhanced status code (RFC 3463): `5.1.1`. */
  status: string;
  /** The remote server's answer, without its type (`smtp; `). */
  diagnostic: string | null;
  remoteMta: string | null;
};

export type Dsn = {
  /** Where the DSN was delivered (X-Original-To, Delivered-To, To): the VERP return path. */
  returnPaths: string[];
  /** The headers of the mail that bounced, when the DSN returns them. */
  original: { messageId: string | null; mailMergeId: string | null } | null;
  reportingMta: string | null;
  recipients: DsnRecipient[];
};

/** The Content-Types the intake accepts (the HTTP request's, or the message's own). */
export const DSN_CONTENT_TYPES = ['message/rfc822', 'message/delivery-status', 'multipart/report', 'text/plain'] as const;
export type DsnContentType = (typeof DSN_CONTENT_TYPES)[number];

const STATUS_PARTS = ['message/delivery-status', 'message/global-delivery-status'];
const RETURNED_HEADERS_PARTS = ['text/rfc822-headers', 'message/rfc822', 'message/global-headers', 'message/global'];

/** Enough for a DSN: no HTML to text, no links, nothing to hash. */
const PARSER_OPTIONS = {
  keepDeliveryStatus: true,
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  checksumAlgo: false,
} as const;

const ENHANCED_STATUS = /^[245]\.\d{1,3}\.\d{1,3}$/;

const malformed = (fr: string, en: string) =>
  validationError('bounce.malformed', `Avis de non-remise illisible : ${fr}`, `Unreadable delivery status notification: ${en}`);

/** `rfc822; Elise@Example.test` → `elise@example.test` (the address type is dropped). */
const typedAddress = (value: string) => {
  const semicolon = value.indexOf(';');
  const text = (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim();
  const [mailbox] = parseAddressHeader(text).value;
  return (mailbox?.address ?? '').trim().toLowerCase();
};

/** `smtp; 550 5.1.1 …` → `550 5.1.1 …`. */
const typedText = (value: string) => {
  const semicolon = value.indexOf(';');
  return (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim() || null;
};

/**
 * The field groups of a delivery-status part: header blocks separated by blank lines (a line
 * holding only spaces counts as blank: some MTAs write one).
 */
const fieldGroups = (content: string): Headers[] => {
  const groups: string[][] = [[]];
  for (const line of content.split('\n').map((l) => l.replace(/\r$/, ''))) {
    if (line.trim() === '') {
      if (groups[groups.length - 1].length > 0) groups.push([]);
    } else {
      groups[groups.length - 1].push(line);
    }
  }
  return groups.filter((lines) => lines.length > 0).map((lines) => new Headers(`${lines.join('\r\n')}\r\n\r\n`));
};

/** One recipient group, or null when it lacks what RFC 3464 requires (a recipient and a status). */
const recipientOf = (group: Headers): DsnRecipient | null => {
  const final = group.getFirst('final-recipient');
  const original = group.getFirst('original-recipient');
  const status = group.getFirst('status').split(/\s/)[0] ?? '';
  if (!final || !ENHANCED_STATUS.test(status)) return null;
  const address = typedAddress(original || final);
  if (!address) return null;
  const action = group.getFirst('action').split(/\s/)[0]?.toLowerCase() as DsnAction;
  const diagnostic = group.getFirst('diagnostic-code');
  const remoteMta = group.getFirst('remote-mta');
  return {
    address,
    finalRecipient: typedAddress(final) || final,
    action: ACTIONS.includes(action) ? action : null,
    status,
    diagnostic: diagnostic ? typedText(diagnostic) : null,
    remoteMta: remoteMta ? typedText(remoteMta) : null,
  };
};

/** The delivery-status part read: the per-message group, then the recipients. */
export const parseDeliveryStatus = (content: string) => {
  const groups = fieldGroups(content);
  const recipients = groups.map(recipientOf).filter((r): r is DsnRecipient => r !== null);
  if (recipients.length === 0) {
    throw malformed('aucun destinataire avec un statut (Final-Recipient, Status x.y.z).', 'no recipient with a status (Final-Recipient, Status x.y.z).');
  }
  const reportingMta = groups.map((g) => g.getFirst('reporting-mta')).find(Boolean);
  return { reportingMta: reportingMta ? typedText(reportingMta) : null, recipients };
};

const addressesOf = (value: unknown): string[] => {
  if (!value) return [];
  if (typeof value === 'string') return parseAddressHeader(value).value.map((m) => m.address ?? '');
  if (Array.isArray(value)) return value.flatMap(addressesOf);
  const object = value as Partial<AddressObject>;
  return (object.value ?? []).map((m) => m.address ?? '');
};

/** The VERP candidates, most explicit first (X-Original-To is the envelope recipient). */
const returnPathsOf = (mail: ParsedMail) =>
  [mail.headers.get('x-original-to'), mail.headers.get('delivered-to'), mail.to].flatMap(addressesOf).map((a) => a.trim()).filter(Boolean);

/** Message-ID (without angle brackets) and X-Mail-Merge-Message of the returned headers. */
const originalOf = async (mail: ParsedMail) => {
  const part = mail.attachments.find((a) => RETURNED_HEADERS_PARTS.includes(a.contentType.toLowerCase()));
  if (!part) return null;
  const returned = await simpleParser(part.content, PARSER_OPTIONS);
  const mailMergeId = returned.headers.get('x-mail-merge-message');
  return {
    messageId: returned.messageId ? returned.messageId.trim().replace(/^<|>$/g, '') : null,
    mailMergeId: typeof mailMergeId === 'string' && mailMergeId.trim() ? mailMergeId.trim() : null,
  };
};

/**
 * Parses a DSN. `contentType` is the HTTP request's (its parameters included):
 * - `message/rfc822` or `text/plain`: the whole message as received;
 * - `multipart/report`: the report's body, its boundary in `contentType`;
 * - `message/delivery-status`: the delivery-status fields alone (no headers: the VERP address
 *   must then be given by the caller).
 * A 400 (`bounce.no-delivery-status`, `bounce.malformed`) when it is not a readable DSN.
 */
export const parseDsn = async (raw: Buffer, contentType: string): Promise<Dsn> => {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (STATUS_PARTS.includes(type)) {
    return { returnPaths: [], original: null, ...parseDeliveryStatus(raw.toString('utf8')) };
  }
  // The report's body with the Content-Type (and boundary) it came with: a message again.
  const source = type === 'multipart/report' ? Buffer.concat([Buffer.from(`Content-Type: ${contentType.replace(/[\r\n]/g, ' ')}\r\n\r\n`), raw]) : raw;
  let mail: ParsedMail;
  try {
    mail = await simpleParser(source, PARSER_OPTIONS);
  } catch (error) {
    throw malformed('le message ne peut pas être lu.', `the message cannot be parsed (${(error as Error).message}).`);
  }
  const status = mail.attachments.find((a) => STATUS_PARTS.includes(a.contentType.toLowerCase()));
  if (!status) {
    throw validationError(
      'bounce.no-delivery-status',
      'Ce message n’est pas un avis de non-remise : il n’a pas de partie « message/delivery-status » (RFC 3464).',
      'This message is not a delivery status notification: it has no "message/delivery-status" part (RFC 3464).'
    );
  }
  return { returnPaths: returnPathsOf(mail), original: await originalOf(mail), ...parseDeliveryStatus(status.content.toString('utf8')) };
};
