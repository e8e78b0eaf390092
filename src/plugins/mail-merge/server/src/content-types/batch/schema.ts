import { BATCH_STATUS, BATCH_STATUSES } from '../../constants';
import { internalCollection } from '../internal';

/**
 * A grouped send (« envoi de mails groupés »): one template sent to many records of a page. Its
 * recipients are rows of the message ledger carrying the batch's documentId, skipped ones
 * included (status `skipped`, reason in errorCode), so counts and the report read one table.
 *
 * preparing → sending → done, with paused and cancelled on the way. Preparation walks the
 * selection in chunks and records where it is (`cursor`), so a restart resumes it.
 */
export default internalCollection(
  { table: 'mail_merge_batches', singularName: 'batch', pluralName: 'batches', displayName: 'Envoi groupé' },
  {
    page: { type: 'string', required: true },
    templateId: { type: 'string', required: true },
    templateTitle: { type: 'string' },
    templateVersion: { type: 'integer' },
    /** `{ ids: string[] }` or `{ filters, search }` as the Content Manager list had them. */
    selection: { type: 'json', required: true },
    priority: { type: 'boolean', default: false },
    attachments: { type: 'json' },
    logEvent: { type: 'boolean', default: true },
    fromAddress: { type: 'string', required: true },
    signature: { type: 'text' },
    status: { type: 'enumeration', enum: [...BATCH_STATUSES], default: BATCH_STATUS.preparing, required: true },
    /** « Programmer l'envoi »: a `scheduled` batch starts preparing then (services/batches/schedule.ts). */
    scheduledAt: { type: 'datetime' },
    pausedReason: { type: 'string' },
    /** Recipients considered so far (eligible and skipped). */
    total: { type: 'integer', default: 0 },
    /**
     * Skipped recipients so far by reason, written with `total` in each chunk's transaction: with
     * them the progress counts read only the ledger rows not yet sent (services/batches/index.ts).
     */
    skippedByReason: { type: 'json' },
    /** Where preparation stands: `{ offset }` in the ids, or `{ lastId }` through the filters. */
    cursor: { type: 'json' },
    preparedAt: { type: 'datetime' },
    /** The instance preparing it and when it last moved (a dead one is taken over). */
    preparingBy: { type: 'string' },
    preparingAt: { type: 'datetime' },
    /** Last « Reprendre »: the error ratio is measured from there. */
    resumedAt: { type: 'datetime' },
    finishedAt: { type: 'datetime' },
    requestedById: { type: 'integer' },
    requestedByName: { type: 'string' },
  }
);
