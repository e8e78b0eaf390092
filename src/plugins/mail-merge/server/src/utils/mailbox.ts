/**
 * The sender as the recipient reads it: `"Prénom Nom" <adresse>`. The address is checked by the
 * caller (sender-profiles assertSenderAllowed, on the bare address); the name comes from a user
 * record or the configured default sender, so it is cleaned here: no control character (a CR/LF
 * would inject headers), no `@` (a display name must not pass for another address), bounded,
 * quoted and escaped as RFC 5322 wants. nodemailer reads the result back with the same address
 * parser and encodes a non-ASCII name (RFC 2047) when it writes the From and Reply-To headers.
 */
import type { Core } from '@strapi/strapi';
// The file itself: the ESM build cannot import a directory.
import addressparser from 'nodemailer/lib/addressparser/index.js';

const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const MAX_NAME = 64;
/** The ledger's fromAddress is a varchar(255). */
const MAX_MAILBOX = 255;

/** A display name fit for a header, or '' when there is none worth showing. */
export const cleanDisplayName = (name: unknown) => {
  const clean = String(name ?? '')
    .replace(CONTROLS, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_NAME)
    .trim();
  return clean.includes('@') ? '' : clean;
};

/** `"name" <address>` (quotes and backslashes escaped), or the address alone without a name. */
export const formatMailbox = (name: unknown, address: string) => {
  const clean = cleanDisplayName(name);
  if (!clean) return address;
  const mailbox = `"${clean.replace(/["\\]/g, '\\$&')}" <${address}>`;
  return mailbox.length > MAX_MAILBOX ? address : mailbox;
};

/** The display name of a mailbox text (`Mutuelle <no-reply@…>` → `Mutuelle`), '' when none. */
export const displayNameOf = (mailbox: unknown) => {
  const [first] = addressparser(String(mailbox ?? ''));
  return first && !('group' in first && first.group) ? cleanDisplayName(first.name) : '';
};

/** The configured default sender's display name (email plugin settings.defaultFrom). */
export const defaultSenderName = (strapi: Core.Strapi) => displayNameOf(strapi.config.get('plugin::email.settings.defaultFrom'));

/**
 * The From (and Reply-To) of a mail: the person's name (`Prénom Nom`) with the checked address,
 * else the configured default sender's name (front-office sends, a user without a name).
 */
export const senderMailbox = (strapi: Core.Strapi, address: string, personName?: string | null) => {
  // Already a mailbox with its name (a row written so): kept as it is, only re-quoted.
  const [parsed] = addressparser(String(address ?? ''));
  const mailbox = parsed && !('group' in parsed && parsed.group) && 'address' in parsed && parsed.address ? parsed : null;
  const name = cleanDisplayName(mailbox?.name) || cleanDisplayName(personName) || defaultSenderName(strapi);
  return formatMailbox(name, mailbox?.address ?? address);
};
