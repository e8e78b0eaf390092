/** « Accessible à partir des pages »: one extraction × one page key of the registry. */
export default {
  kind: 'collectionType',
  collectionName: 'mail_merge_page_bindings',
  info: {
    singularName: 'page-binding',
    pluralName: 'page-bindings',
    displayName: 'Page d’une extraction',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    page: { type: 'string', required: true },
    extraction: {
      type: 'relation',
      relation: 'manyToOne',
      target: 'plugin::mail-merge.extraction',
      inversedBy: 'bindings',
    },
  },
};
