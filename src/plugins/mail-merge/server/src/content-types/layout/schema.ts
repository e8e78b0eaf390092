import { internalCollection } from '../internal';

/**
 * « Mise en page »: the mutual's letterhead around a mail (services/layouts.ts owns it): the
 * header (logo, name), the footer (address, legal mentions, the GDPR line), the colours. At most
 * one is the default, used by templates that pick none.
 */
export default internalCollection(
  { table: 'mail_merge_layouts', singularName: 'layout', pluralName: 'layouts', displayName: 'Mise en page' },
  {
    name: { type: 'string', required: true },
    // A Media Library file (plugin::upload.file id); its URL is read when a mail is composed.
    logoFileId: { type: 'integer' },
    headerTitle: { type: 'string' },
    footerAddress: { type: 'text' },
    footerLegal: { type: 'text' },
    footerGdpr: { type: 'text' },
    // #rrggbb, checked on save and again before they reach a style sheet.
    primaryColor: { type: 'string' },
    textColor: { type: 'string' },
    backgroundColor: { type: 'string' },
    isDefault: { type: 'boolean', default: false },
    // Bumped on every save: the composed letterheads are cached by it.
    version: { type: 'integer', default: 1 },
  }
);
