import { internalCollection } from '../internal';

/** « Accessible à partir des pages »: one extraction × one page key of the registry. */
export default internalCollection(
  { table: 'mail_merge_page_bindings', singularName: 'page-binding', pluralName: 'page-bindings', displayName: 'Page d’une extraction' },
  {
    page: { type: 'string', required: true },
    extraction: {
      type: 'relation',
      relation: 'manyToOne',
      target: 'plugin::mail-merge.extraction',
      inversedBy: 'bindings',
    },
  }
);
