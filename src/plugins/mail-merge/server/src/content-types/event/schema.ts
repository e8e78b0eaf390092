import { internalCollection } from '../internal';

/**
 * An event on a record's timeline: « [AUTO] Envoi de mail : <title> ». It carries its own copy of
 * what it says, so it outlives the template and stays readable whatever happens to the message.
 */
export default internalCollection(
  { table: 'mail_merge_events', singularName: 'event', pluralName: 'events', displayName: 'Événement' },
  {
    page: { type: 'string', required: true },
    recordId: { type: 'string', required: true },
    label: { type: 'string', required: true },
    authorId: { type: 'integer' },
    authorName: { type: 'string' },
    messageId: { type: 'string' },
  }
);
