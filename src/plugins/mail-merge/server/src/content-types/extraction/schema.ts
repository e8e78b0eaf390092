/** An extraction: read-only SQL whose columns become merge fields (« Extraction pour mails »). */
export default {
  kind: 'collectionType',
  collectionName: 'mail_merge_extractions',
  info: {
    singularName: 'extraction',
    pluralName: 'extractions',
    displayName: 'Extraction pour mails',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
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
  },
};
