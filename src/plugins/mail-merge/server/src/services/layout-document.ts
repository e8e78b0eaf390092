/**
 * The mail as it leaves: a complete HTML document (the mutual's letterhead around the body and
 * the sender's signature, CSS inlined by juice) and its text part. Pure: no Strapi, no database.
 *
 * Performance: a grouped send composes thousands of mails with one layout and one signature, so
 * the costly work (sanitising the layout's texts and the signature, juice, html-to-text of the
 * letterhead) is done once, by buildShell, into a shell: the document cut in two around the body's
 * slot, and its text part cut the same way. Per mail, fillShell only joins strings: the body is
 * styled by what it inherits from the cell that wraps it (font, size, colour, line height), never
 * by a style sheet juice would have to apply to it.
 *
 * Safety: every piece a person wrote (the layout's title and footer texts, the logo's URL, the
 * signature) goes through the one mail sanitiser (utils/html.ts) here; the body must come from it
 * already (the render service's output, or sanitizeMailHtml of the dialog's HTML). The colours
 * are checked to be `#rrggbb` before they reach the style sheet: nothing can close a rule or the
 * <style> element. The letterhead is readable without images: the logo has the mutual's name as
 * its alternative text, the name is also written as text, and colours are background and border
 * colours of cells, never carried by an image.
 */
import juice from 'juice';
import { sanitizeMailHtml } from '../utils/html';
import type { LayoutRow } from '../content-types/rows';

/** `#rrggbb`, the only colour form a layout stores. */
export const COLOR = /^#[0-9a-f]{6}$/i;

export const DEFAULT_COLORS = { primaryColor: '#1f4e79', textColor: '#222222', backgroundColor: '#f3f5f8' } as const;

/** What the document needs of a layout (services/layouts.ts resolves the logo's URL). */
export type LayoutParts = Pick<
  LayoutRow,
  'name' | 'headerTitle' | 'footerAddress' | 'footerLegal' | 'footerGdpr' | 'primaryColor' | 'textColor' | 'backgroundColor'
> & {
  /** Absolute http(s) URL of the logo, or null. */
  logoUrl?: string | null;
};

/** The document around the body: `before + body + after` is the HTML part, likewise the text. */
export type Shell = { before: string; after: string; textBefore: string; textAfter: string };

export type ToText = (html: string) => string;

/** Where the body goes. Only ever in our own markup, replaced before anything leaves. */
const SLOT = 'MAILMERGEBODYSLOT';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A colour as the style sheet may hold it: the layout's if it is `#rrggbb`, else the default. */
const colorOr = (value: string | null | undefined, fallback: string) => (value && COLOR.test(value) ? value.toLowerCase() : fallback);

/** A footer text as written in the editor: simple HTML allowed, line breaks kept. */
const richText = (text: string | null | undefined) => sanitizeMailHtml(String(text ?? '').trim().replace(/\r?\n/g, '<br>'));

/** A one-line text (the header's title): written as text, never read as HTML. */
const plainText = (text: string | null | undefined) => sanitizeMailHtml(escapeHtml(String(text ?? '').replace(/\s+/g, ' ').trim()));

const FONT = 'Arial, Helvetica, sans-serif';

const styleSheet = (primary: string, text: string, background: string) =>
  [
    `body{margin:0;padding:0;background-color:${background};color:${text};font-family:${FONT}}`,
    `.mm-outer{width:100%;background-color:${background};border-collapse:collapse}`,
    '.mm-frame{padding:24px 8px}',
    '.mm-page{width:100%;max-width:640px;background-color:#ffffff;border-collapse:collapse}',
    `.mm-header{padding:20px 28px;background-color:#ffffff;border-bottom:4px solid ${primary}}`,
    '.mm-logo{display:block;max-width:220px;height:auto;border:0;margin:0 0 10px 0}',
    `.mm-title{margin:0;font-family:${FONT};font-size:20px;line-height:1.3;font-weight:bold;color:${primary}}`,
    // The body inherits these: it is placed in this cell after juice has run.
    `.mm-content{padding:24px 28px;font-family:${FONT};font-size:15px;line-height:1.5;color:${text};background-color:#ffffff}`,
    `.mm-footer{padding:16px 28px 20px 28px;border-top:1px solid ${primary};font-family:${FONT};font-size:12px;line-height:1.45;color:${text};background-color:#ffffff}`,
    '.mm-footer-part{margin:0 0 8px 0}',
    // Kept in the <style> element (juice preserves media queries): a narrower page on phones.
    '@media only screen and (max-width:600px){.mm-frame{padding:0 !important}.mm-header,.mm-content,.mm-footer{padding-left:16px !important;padding-right:16px !important}}',
  ].join('\n');

const head = (title: string, css: string) =>
  '<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
  `<title>${escapeHtml(title)}</title>\n<style>\n${css}\n</style>\n</head>\n`;

/** The signature under the body, as the single-send dialog's draft also writes it (render.ts withSignature). */
const signatureBlock = (signature: string | null | undefined) => {
  const safe = signature ? sanitizeMailHtml(signature) : '';
  return safe ? `\n<div class="mail-merge-signature">${safe}</div>` : '';
};

/** The letterhead around the slot, before juice. */
const letterhead = (layout: LayoutParts, signature: string) => {
  const primary = colorOr(layout.primaryColor, DEFAULT_COLORS.primaryColor);
  const text = colorOr(layout.textColor, DEFAULT_COLORS.textColor);
  const background = colorOr(layout.backgroundColor, DEFAULT_COLORS.backgroundColor);
  const name = String(layout.headerTitle ?? '').trim() || String(layout.name ?? '').trim();
  // Only an absolute http(s) URL, and through the sanitiser too.
  const logo = /^https?:\/\//i.test(layout.logoUrl ?? '')
    ? sanitizeMailHtml(`<img class="mail-merge-logo mm-logo" src="${escapeHtml(layout.logoUrl!)}" alt="${escapeHtml(name)}" width="220">`)
    : '';
  const title = name ? `<p class="mm-title">${plainText(name)}</p>` : '';
  const footer = [
    ['mm-footer-address', layout.footerAddress],
    ['mm-footer-legal', layout.footerLegal],
    ['mm-footer-gdpr', layout.footerGdpr],
  ]
    .map(([className, value]) => [className, richText(value)])
    .filter(([, html]) => html)
    .map(([className, html]) => `<div class="mm-footer-part ${className}">${html}</div>`)
    .join('\n');
  const table = 'role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"';
  return (
    head(name || 'Mail', styleSheet(primary, text, background)) +
    '<body>\n' +
    `<table class="mm-outer" ${table}><tr><td class="mm-frame" align="center">\n` +
    `<table class="mm-page" ${table}>\n` +
    (logo || title ? `<tr><td class="mm-header">${logo}${title}</td></tr>\n` : '') +
    `<tr><td class="mm-content">${SLOT}${signature}</td></tr>\n` +
    (footer ? `<tr><td class="mm-footer">\n${footer}\n</td></tr>\n` : '') +
    '</table>\n</td></tr></table>\n</body>\n</html>\n'
  );
};

/** « Sans mise en page »: a bare document around the body and the signature. */
const bare = (signature: string) => `${head('Mail', 'body{margin:0;padding:16px}')}<body>\n${SLOT}${signature}\n</body>\n</html>\n`;

const cut = (text: string, what: string): [string, string] => {
  const at = text.indexOf(SLOT);
  if (at < 0 || text.indexOf(SLOT, at + 1) >= 0) throw new Error(`layout-document: the body slot must appear exactly once in the ${what}`);
  return [text.slice(0, at), text.slice(at + SLOT.length)];
};

/**
 * The document around the body, for this layout (null: « sans mise en page ») and signature
 * (already in the body, as the single-send draft writes it: pass null). The costly part: done
 * once per layout version and signature (services/layouts.ts caches it).
 */
export const buildShell = (layout: LayoutParts | null, signature: string | null | undefined, toText: ToText): Shell => {
  const source = layout ? letterhead(layout, signatureBlock(signature)) : bare(signatureBlock(signature));
  const html = juice(source, { removeStyleTags: true, preserveMediaQueries: true, preserveFontFaces: false, applyWidthAttributes: false, applyHeightAttributes: false });
  const [before, after] = cut(html, 'document');
  // The text part of the whole document, the slot standing for the body in a paragraph of its own.
  const [textBefore, textAfter] = cut(toText(`${before}<p>${SLOT}</p>${after}`), 'text part');
  return { before, after, textBefore, textAfter };
};

/**
 * One mail: the body (out of sanitizeMailHtml already) in its shell, and its text part (the
 * body's own text when known, as the render service gives it, else converted here).
 */
export const fillShell = (shell: Shell, body: string, toText: ToText, bodyText?: string) => ({
  html: shell.before + body + shell.after,
  text: (shell.textBefore + (bodyText ?? toText(body)) + shell.textAfter).trim(),
});

/** Both at once, the body sanitised here (previews and tests; sends use the cached shell). */
export const composeDocument = (layout: LayoutParts | null, body: string, signature: string | null | undefined, toText: ToText) =>
  fillShell(buildShell(layout, signature, toText), sanitizeMailHtml(body), toText);
