/**
 * E-mail addresses as every path takes them (the dialog, grouped sends, the content API, sender
 * profiles): one entry is exactly one address. An entry holding a separator, a line break or any
 * other control character is refused, never split or cleaned: a value `a@x.fr, b@y.fr` read from
 * a record must not become two recipients, and a NUL or ESC must not reach a mail header (nor
 * PostgreSQL, which refuses NUL in text).
 */
// The file itself: the ESM build cannot import a directory.
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { validationError } from './errors';

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The address itself, once addressparser has taken the display name and angle brackets off. */
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\.]+(\.[^\s@<>(),;:"[\]\\.]+)+$/;

type Mailbox = { name: string; address: string };

const invalid = (where: string, text: string, reasonFr: string, reasonEn: string) =>
  validationError(
    'address.invalid',
    `Adresse e-mail invalide (${where}) : ${reasonFr}`,
    `Invalid e-mail address (${where}): ${reasonEn}`,
    // The entry as JSON: a control character shows as \u0000 rather than breaking the message.
    { addresses: [JSON.stringify(text).slice(1, -1)] }
  );

const CONTROL_REASON: [string, string] = ['saut de ligne ou caractère de contrôle interdit', 'line breaks and control characters are not allowed'];
const ONE_REASON: [string, string] = ['une seule adresse par entrée', 'one address per entry'];

/**
 * The mailboxes of a text, parsed by nodemailer's own address parser (RFC 5322 display names,
 * quotes, groups), so that what is checked here is what nodemailer will send to. A group
 * (`équipe: a@x.fr, b@y.fr;`) counts as its members.
 */
const mailboxesOf = (text: string): Mailbox[] =>
  addressparser(text).flatMap((entry): Mailbox[] => ('group' in entry && entry.group ? entry.group : [entry as Mailbox]));

/**
 * Why a mailbox is not an address we send to, or null. The entry must be the address itself or
 * `name <address>`: what the parser would repair (`a b@x.fr`, quoted local parts, comments) is
 * refused rather than guessed, and a display name may not look like an address.
 */
const problemOfMailbox = (mailbox: Mailbox, entry: string): [string, string] | null => {
  if (!EMAIL.test(mailbox.address ?? '')) return [entry, entry];
  if (entry !== mailbox.address && !entry.endsWith(`<${mailbox.address}>`)) return [entry, entry];
  if (mailbox.name?.includes('@')) return ['le nom affiché ne peut pas contenir d’adresse', 'the display name may not hold an address'];
  return null;
};

/**
 * Exactly one address, trimmed of spaces around it; throws a French 400 otherwise. A display
 * name (`Élise Durand <e.durand@example.fr>`) is accepted and the address alone returned.
 */
export const parseAddress = (value: unknown, where = 'destinataire'): string => {
  const text = String(value ?? '');
  const trimmed = text.replace(/^[ \t]+|[ \t]+$/g, '');
  if (CONTROL_CHARACTERS.test(trimmed)) throw invalid(where, trimmed, ...CONTROL_REASON);
  const mailboxes = mailboxesOf(trimmed);
  if (mailboxes.length > 1) throw invalid(where, trimmed, ...ONE_REASON);
  const [mailbox] = mailboxes;
  const problem = mailbox ? problemOfMailbox(mailbox, trimmed) : [trimmed, trimmed];
  if (problem) throw invalid(where, trimmed, problem[0], problem[1]);
  return mailbox.address;
};

/** True when `value` is exactly one valid address. */
export const isAddress = (value: unknown) => {
  try {
    parseAddress(value);
    return true;
  } catch {
    return false;
  }
};

/**
 * A list typed by a person in one field (`a@x.fr; b@y.fr`): separated by `;` or `,` as in a mail
 * client, each part one address. Only for text written as a list (a template's fixed recipient);
 * never for a value read from a record.
 */
export const parseAddressList = (value: string, where = 'destinataire'): string[] => {
  if (CONTROL_CHARACTERS.test(value ?? '')) throw invalid(where, value, ...CONTROL_REASON);
  return mailboxesOf(value ?? '').map((mailbox) => {
    const shown = mailbox.name ? `${mailbox.name} <${mailbox.address}>` : mailbox.address;
    const problem = problemOfMailbox(mailbox, shown);
    if (problem) throw invalid(where, shown, problem[0], problem[1]);
    return mailbox.address;
  });
};

/** Each entry of a list one address (the dialog's « Pour », « Copie à »…, the content API's `to`). */
export const parseAddressEntries = (entries: unknown, where: string): string[] => {
  if (entries === undefined || entries === null) return [];
  if (!Array.isArray(entries)) throw validationError('address.invalid', `Liste d’adresses invalide (${where}).`, `Invalid address list (${where}).`);
  return entries.map((entry) => parseAddress(entry, where));
};
