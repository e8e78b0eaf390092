import sanitizeHtml from 'sanitize-html';

/**
 * Mail bodies and signatures edited in the admin: formatting is kept, scripts, event handlers,
 * forms and remote frames are not (sanitize-html's allow-list plus the formatting a rich-text
 * editor produces).
 */
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
  allowedSchemes: ['http', 'https', 'mailto', 'tel', 'data'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
};

export const sanitizeMailHtml = (html: string) => sanitizeHtml(html ?? '', OPTIONS);
