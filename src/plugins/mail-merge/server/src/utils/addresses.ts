/**
 * E-mail addresses as every path takes them (the dialog, grouped sends, the content API, sender
 * profiles): one entry is exactly one address. An entry holding a separator, a line break or any
 * other control character is refused, never split or cleaned: a value `a@x.fr, b@y.fr` read from
 * a record must not become two recipients, and a NUL or ESC must not reach a mail header (nor
 * PostgreSQL, which refuses NUL in text).
 */
import { validationError } from './errors';

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const SEPARATORS = /[;,]/;
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\.]+(\.[^\s@<>(),;:"[\]\\.]+)+$/;

const invalid = (where: string, text: string, reasonFr: string, reasonEn: string) =>
  validationError(
    'address.invalid',
    `Adresse e-mail invalide (${where}) : ${reasonFr}`,
    `Invalid e-mail address (${where}): ${reasonEn}`,
    // The entry as JSON: a control character shows as \u0000 rather than breaking the message.
    { addresses: [JSON.stringify(text).slice(1, -1)] }
  );

/** Why an entry is not one address, or null when it is one. */
const problemOf = (entry: string): [string, string] | null => {
  if (CONTROL_CHARACTERS.test(entry)) return ['saut de ligne ou caractère de contrôle interdit', 'line breaks and control characters are not allowed'];
  if (SEPARATORS.test(entry)) return ['une seule adresse par entrée', 'one address per entry'];
  if (!EMAIL.test(entry)) return [entry, entry];
  return null;
};

/** Exactly one address, trimmed of spaces around it; throws a French 400 otherwise. */
export const parseAddress = (value: unknown, where = 'destinataire'): string => {
  const text = String(value ?? '');
  const trimmed = text.replace(/^[ \t]+|[ \t]+$/g, '');
  const problem = problemOf(trimmed);
  if (problem) throw invalid(where, trimmed, ...problem);
  return trimmed;
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
 * A list typed by a person in one field (`a@x.fr; b@y.fr`): split on `;` and `,`, each part one
 * address. Only for text written as a list (a template's fixed recipient); never for a value read
 * from a record.
 */
export const parseAddressList = (value: string, where = 'destinataire'): string[] => {
  if (CONTROL_CHARACTERS.test(value ?? '')) throw invalid(where, value, ...problemOf(value)!);
  return (value ?? '')
    .split(SEPARATORS)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => parseAddress(part, where));
};

/** Each entry of a list one address (the dialog's « Pour », « Copie à »…, the content API's `to`). */
export const parseAddressEntries = (entries: unknown, where: string): string[] => {
  if (entries === undefined || entries === null) return [];
  if (!Array.isArray(entries)) throw validationError('address.invalid', `Liste d’adresses invalide (${where}).`, `Invalid address list (${where}).`);
  return entries.map((entry) => parseAddress(entry, where));
};
