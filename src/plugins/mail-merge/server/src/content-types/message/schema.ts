import { MESSAGE_STATUS, MESSAGE_STATUSES } from '../../constants';
import { internalCollection } from '../internal';

/**
 * The delivery ledger and the queue: one row per mail, written and read only through
 * services/ledger. Its statuses and their allowed moves are in constants.ts.
 */
export default internalCollection(
  { table: 'mail_merge_messages', singularName: 'message', pluralName: 'messages', displayName: 'Mail envoyé' },
  {
    page: { type: 'string', required: true },
    recordId: { type: 'string', required: true },
    // Kept as a plain id and a snapshot: deleting the template removes nothing here.
    templateId: { type: 'string' },
    templateTitle: { type: 'string' },
    templateVersion: { type: 'integer' },
    fromAddress: { type: 'string', required: true },
    to: { type: 'json' },
    cc: { type: 'json' },
    bcc: { type: 'json' },
    subject: { type: 'string' },
    html: { type: 'text' },
    text: { type: 'text' },
    attachments: { type: 'json' },
    priority: { type: 'boolean', default: false },
    test: { type: 'boolean', default: false },
    consentLevel: { type: 'string' },
    minimumConsent: { type: 'string' },
    // The template's notification type, re-checked by the dispatcher just before delivery.
    notificationType: { type: 'string' },
    status: { type: 'enumeration', enum: [...MESSAGE_STATUSES], default: MESSAGE_STATUS.queued, required: true },
    attempts: { type: 'integer', default: 0 },
    nextAttemptAt: { type: 'datetime' },
    claimedAt: { type: 'datetime' },
    claimedBy: { type: 'string' },
    sentAt: { type: 'datetime' },
    messageId: { type: 'string' },
    providerResponse: { type: 'text' },
    errorCode: { type: 'string' },
    error: { type: 'text' },
    /**
     * When retention (services/ledger/retention.ts) erased html, text, attachments and
     * providerResponse, and cut `error`; the rest of the row stays as proof. Null: not purged.
     */
    purgedAt: { type: 'datetime' },
    sentById: { type: 'integer' },
    sentByName: { type: 'string' },
    batchId: { type: 'string' },
    /** Who asked for it: a person in the admin, a grouped send, or a front-office through the content API. */
    origin: { type: 'enumeration', enum: ['admin', 'batch', 'api'], default: 'admin' },
    /** The API token that asked for an `api` mail: a token reads back only the mails it sent. */
    apiTokenId: { type: 'integer', private: true },
  }
);
