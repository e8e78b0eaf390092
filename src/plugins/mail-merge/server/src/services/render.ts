/**
 * Renders a template on one extraction row.
 *
 * Each template version is compiled once (cache keyed by documentId and version). Values are
 * formatted the French way (dates dd/mm/yyyy, amounts « 1 250,50 », null as empty), HTML-escaped
 * in the body by Handlebars, and stripped of line breaks in the subject and recipient, where a
 * CR/LF would inject mail headers. A recipient built from merge fields must be a valid address.
 */
import type { Core } from '@strapi/strapi';
import Handlebars from 'handlebars';
import { compile as compileHtmlToText } from 'html-to-text';
import { validationError } from '../utils/errors';
import { toHandlebars } from './merge-fields';
import { Amount } from './extractions/runner';

export type RenderableTemplate = {
  /** Without a documentId (a template being edited) nothing is cached. */
  documentId?: string;
  version?: number | null;
  recipient?: string | null;
  subject: string;
  body?: string | null;
};

export type RenderedMail = { to: string[]; subject: string; html: string; text: string };

type Compiled = { recipient: HandlebarsTemplateDelegate; subject: HandlebarsTemplateDelegate; body: HandlebarsTemplateDelegate };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

const pad = (n: number) => String(n).padStart(2, '0');
const amountFormat = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** One value as a gestionnaire expects to read it in a French mail. */
export const formatValue = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : `${pad(value.getDate())}/${pad(value.getMonth() + 1)}/${value.getFullYear()}`;
  }
  if (value instanceof Amount) return amountFormat.format(value.value).replace(/\u202f/g, '\u00a0');
  if (typeof value === 'number') {
    // Integers are numbers of things (an adhesion number, a count); decimals are amounts.
    // U+202F (narrow no-break space) is what Intl puts between thousands: keep it readable in mail.
    return Number.isInteger(value) ? String(value) : amountFormat.format(value).replace(/\u202f/g, '\u00a0');
  }
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'string') {
    const date = ISO_DATE.exec(value);
    if (date) return `${date[3]}/${date[2]}/${date[1]}`;
    return value;
  }
  return String(value);
};

/**
 * A value as the template sees it: written as its formatted text, while `{{#if}}` and
 * `{{#unless}}` test the value itself (0, false and null are false, though written « 0 », « non »
 * and « »).
 */
class MergeValue {
  readonly #raw: unknown;
  readonly #text: string;

  constructor(raw: unknown, text: string) {
    this.#raw = raw instanceof Amount ? raw.value : raw;
    this.#text = text;
  }

  toString() {
    return this.#text;
  }

  static condition(value: unknown) {
    return value instanceof MergeValue ? value.#raw : value;
  }
}

// Handlebars' own `if` (which `unless` calls), on the raw values; in an environment of our own.
const handlebars = Handlebars.create();
const builtInIf = handlebars.helpers.if as (...args: unknown[]) => unknown;
handlebars.registerHelper('if', function (this: unknown, ...args: unknown[]) {
  return builtInIf.apply(this, args.length === 2 ? [MergeValue.condition(args[0]), args[1]] : args);
});

const formatRow = (row: Record<string, unknown>, inHeader: boolean) =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => {
      const text = formatValue(value);
      return [key, new MergeValue(value, inHeader ? text.replace(/[\r\n]+/g, ' ') : text)];
    })
  );

/** Splits a recipient field (`a@x.fr; b@y.fr`) into addresses; throws on an invalid one. */
export const parseAddresses = (value: string, where = 'destinataire'): string[] => {
  const addresses = value
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter(Boolean);
  const invalid = addresses.filter((address) => !EMAIL.test(address));
  if (invalid.length > 0) {
    throw validationError(
      'address.invalid',
      `Adresse e-mail invalide (${where}) : ${invalid.join(', ')}`,
      `Invalid e-mail address (${where}): ${invalid.join(', ')}`,
      { addresses: invalid }
    );
  }
  return addresses;
};

/** The sender's signature (sanitized when saved in the profile) under the body. */
export const withSignature = (html: string, signature: string | null | undefined) =>
  signature ? `${html}\n<div class="mail-merge-signature">${signature}</div>` : html;

// Compiled once: html-to-text's convert() rebuilds its converter on every call.
export const htmlToText = compileHtmlToText({
  wordwrap: 78,
  selectors: [{ selector: 'a', options: { hideLinkHrefIfSameAsText: true } }],
});

const createRenderService = (_: { strapi: Core.Strapi }) => {
  const cache = new Map<string, Compiled>();

  const compileTexts = (template: RenderableTemplate): Compiled => ({
    recipient: handlebars.compile(toHandlebars(template.recipient ?? ''), { noEscape: true }),
    subject: handlebars.compile(toHandlebars(template.subject ?? ''), { noEscape: true }),
    body: handlebars.compile(toHandlebars(template.body ?? '')),
  });

  const compile = (template: RenderableTemplate): Compiled => {
    if (!template.documentId) return compileTexts(template);
    const key = `${template.documentId}@${template.version ?? 0}`;
    let compiled = cache.get(key);
    if (!compiled) {
      compiled = compileTexts(template);
      // Old versions of a template are never rendered again.
      for (const existing of cache.keys()) if (existing.startsWith(`${template.documentId}@`)) cache.delete(existing);
      cache.set(key, compiled);
    }
    return compiled;
  };

  return {
    render(template: RenderableTemplate, row: Record<string, unknown>): RenderedMail {
      const compiled = compile(template);
      const headerValues = formatRow(row, true);
      const run = (fn: HandlebarsTemplateDelegate, values: Record<string, MergeValue>) => {
        try {
          return fn(values, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
        } catch (error: any) {
          // Saved templates are checked (merge-fields.ts); a template that still fails is a 400, not a 500.
          const message = String(error?.message ?? error).split('\n')[0];
          throw validationError('template.render', `Le modèle ne peut pas être rendu : ${message}`, `The template cannot be rendered: ${message}`);
        }
      };

      const html = run(compiled.body, formatRow(row, false));
      const subject = run(compiled.subject, headerValues).replace(/[\r\n]+/g, ' ').trim();
      const recipient = run(compiled.recipient, headerValues).replace(/[\r\n]+/g, ' ').trim();
      return { to: recipient ? parseAddresses(recipient) : [], subject, html, text: htmlToText(html) };
    },

    /** How many compiled versions are held (for the benchmarks). */
    cacheSize: () => cache.size,
  };
};

export type RenderService = ReturnType<typeof createRenderService>;
export default createRenderService;
