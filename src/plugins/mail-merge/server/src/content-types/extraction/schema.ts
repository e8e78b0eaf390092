import { internalCollection } from '../internal';

/** An extraction: read-only SQL whose columns become merge fields (« Extraction pour mails »). */
export default internalCollection(
  { table: 'mail_merge_extractions', singularName: 'extraction', pluralName: 'extractions', displayName: 'Extraction pour mails' },
  {
    title: { type: 'string', required: true },
    description: { type: 'text' },
    query: { type: 'text', required: true },
    // Column names found when the query was last saved: the merge fields it provides.
    columns: { type: 'json' },
    // Marks the shipped extractions (see services/shipped.ts).
    shippedKey: { type: 'string', unique: true },
    bindings: {
      type: 'relation',
      relation: 'oneToMany',
      target: 'plugin::mail-merge.page-binding',
      mappedBy: 'extraction',
    },
  }
);
