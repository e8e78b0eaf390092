/**
 * Renders a template on one extraction row.
 *
 * Each template version is compiled once (cache keyed by documentId and version). Values are
 * formatted the French way (dates dd/mm/yyyy, amounts « 1 250,50 », null as empty), HTML-escaped
 * in the body by Handlebars, and stripped of line breaks and control characters in the subject,
 * where a CR/LF would inject mail headers. Each entry of the recipient field renders to exactly
 * one address (a value holding a comma or a control character is refused, never split). The body
 * that comes out has been through the one mail sanitiser (utils/html.ts).
 */
import type { Core } from '@strapi/strapi';
import Handlebars from 'handlebars';
import { compile as compileHtmlToText } from 'html-to-text';
import { parseAddress } from '../utils/addresses';
import { errorMessage, validationError } from '../utils/errors';
import { sanitizeMailHtml } from '../utils/html';
import { recipientEntries, toHandlebars } from './merge-fields';
import { assertTemplateBounds, maxLengthOf } from './template-bounds';
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

type Compiled = { recipients: HandlebarsTemplateDelegate[]; subject: HandlebarsTemplateDelegate; body: HandlebarsTemplateDelegate };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

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

/** Line breaks and other control characters: what a header line must never hold. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
export const singleLine = (text: string) => text.replace(CONTROLS, ' ').trim();

const formatRow = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, new MergeValue(value, formatValue(value))]));

/** The sender's signature (sanitized when saved in the profile) under the body. */
export const withSignature = (html: string, signature: string | null | undefined) =>
  signature ? `${html}\n<div class="mail-merge-signature">${signature}</div>` : html;

// Compiled once: html-to-text's convert() rebuilds its converter on every call.
export const htmlToText = compileHtmlToText({
  wordwrap: 78,
  // Its walk is recursive: a body of 10 000 nested elements would overflow the stack (a 500).
  limits: { maxDepth: 100 },
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    // The letterhead's logo: its alternative text, the mutual's name, is written beside it already.
    { selector: 'img.mail-merge-logo', format: 'skip' },
  ],
});

const createRenderService = (_: { strapi: Core.Strapi }) => {
  const cache = new Map<string, Compiled>();

  const compileTexts = (template: RenderableTemplate): Compiled => {
    // Also for templates stored before the limits existed: nothing unbounded reaches Handlebars.
    assertTemplateBounds(template.recipient, 'le destinataire', maxLengthOf('recipient'));
    assertTemplateBounds(template.subject, 'le sujet', maxLengthOf('subject'));
    assertTemplateBounds(template.body, 'le corps', maxLengthOf('body'));
    return {
      recipients: recipientEntries(template.recipient ?? '').map((entry) => handlebars.compile(toHandlebars(entry), { noEscape: true })),
      subject: handlebars.compile(toHandlebars(template.subject ?? ''), { noEscape: true }),
      body: handlebars.compile(toHandlebars(template.body ?? '')),
    };
  };

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
      const run = (fn: HandlebarsTemplateDelegate, values: Record<string, MergeValue>) => {
        try {
          return fn(values, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
        } catch (error) {
          // Saved templates are checked (merge-fields.ts); a template that still fails is a 400, not a 500.
          const message = errorMessage(error).split('\n')[0];
          throw validationError('template.render', `Le modèle ne peut pas être rendu : ${message}`, `The template cannot be rendered: ${message}`);
        }
      };

      const values = formatRow(row);
      const html = sanitizeMailHtml(run(compiled.body, values));
      const subject = singleLine(run(compiled.subject, values));
      // Entries whose fields are empty give no address; any other must be exactly one.
      const to = compiled.recipients
        .map((entry) => run(entry, values).replace(/^[ \t]+|[ \t]+$/g, ''))
        .filter(Boolean)
        .map((entry) => parseAddress(entry, 'destinataire'));
      return { to, subject, html, text: htmlToText(html) };
    },

    /** How many compiled versions are held (for the benchmarks). */
    cacheSize: () => cache.size,
  };
};

export type RenderService = ReturnType<typeof createRenderService>;
export default createRenderService;
