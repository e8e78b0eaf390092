/**
 * An event on a record's timeline: « [AUTO] Envoi de mail : <title> ». It carries its own copy of
 * what it says, so it outlives the template and stays readable whatever happens to the message.
 */
export default {
  kind: 'collectionType',
  collectionName: 'mail_merge_events',
  info: {
    singularName: 'event',
    pluralName: 'events',
    displayName: 'Événement',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    page: { type: 'string', required: true },
    recordId: { type: 'string', required: true },
    label: { type: 'string', required: true },
    authorId: { type: 'integer' },
    authorName: { type: 'string' },
    messageId: { type: 'string' },
  },
};
