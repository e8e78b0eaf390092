import sanitizeHtml from 'sanitize-html';

/**
 * The one sanitiser of every mail body that leaves (single, grouped, API, previews) and of
 * signatures: formatting is kept; scripts, event handlers, forms, frames, and links or images
 * whose URL is not http(s), mailto, tel or cid (so no `javascript:`, no `data:`) are not. Inline
 * styles keep only presentation properties whose value loads nothing (no `url(…)`, no
 * `expression(…)`). Nesting is bounded: deeper elements are dropped, so no later walk of the body
 * (the text part) can be driven into a stack overflow.
 */
const SAFE_STYLE_VALUE = [/^(?!.*(url|expression|image-set|@import|\\))[^;{}<>]*$/i];

const STYLE_PROPERTIES = [
  'color', 'background-color', 'font-family', 'font-size', 'font-style', 'font-weight', 'text-align', 'text-decoration',
  'text-transform', 'line-height', 'letter-spacing', 'vertical-align', 'white-space', 'margin', 'margin-top', 'margin-right',
  'margin-bottom', 'margin-left', 'padding', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'border',
  'border-top', 'border-right', 'border-bottom', 'border-left', 'border-color', 'border-style', 'border-width',
  'border-collapse', 'border-radius', 'width', 'max-width', 'min-width', 'height', 'display', 'list-style-type',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'span', 'u', 's', 'font', 'center'],
  allowedAttributes: {
    ...sanitizeHtml.defaults.allowedAttributes,
    '*': ['style', 'align', 'class'],
    a: ['href', 'name', 'target', 'title'],
    img: ['src', 'alt', 'width', 'height', 'title'],
    td: ['colspan', 'rowspan', 'style', 'align', 'valign'],
    th: ['colspan', 'rowspan', 'style', 'align', 'valign'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid'] },
  allowProtocolRelative: false,
  allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((property) => [property, SAFE_STYLE_VALUE])) },
  nestingLimit: 60,
};

export const sanitizeMailHtml = (html: string | null | undefined) => sanitizeHtml(String(html ?? '').replace(/\u0000/g, ''), OPTIONS);
