/**
 * The plugin's own content types: collections without draft & publish, hidden from the Content
 * Manager and the Content-Type Builder (the plugin's screens edit them), in `mail_merge_*` tables.
 */
export const internalCollection = <Attributes extends Record<string, unknown>>(
  names: { table: string; singularName: string; pluralName: string; displayName: string },
  attributes: Attributes
) => ({
  kind: 'collectionType' as const,
  collectionName: names.table,
  info: { singularName: names.singularName, pluralName: names.pluralName, displayName: names.displayName },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes,
});
