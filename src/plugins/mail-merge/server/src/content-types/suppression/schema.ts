import { internalCollection } from '../internal';

/**
 * The suppression list (« adresses en échec »): an address whose mail came back as a permanent
 * failure (a hard bounce). Later sends to it are refused (single and front-office sends: 400;
 * grouped sends: skip reason `bounced`) while a row for it is active, that is until a gestionnaire
 * clears it (`clearedAt`). Written and read only through services/bounces/suppressions.ts.
 *
 * One row per (address, mail): the same DSN received twice adds nothing; a later bounce of the
 * same address from another mail adds its own row.
 */
const schema = internalCollection(
  { table: 'mail_merge_suppressions', singularName: 'suppression', pluralName: 'suppressions', displayName: 'Adresse en échec' },
  {
    /** Lower-cased. */
    address: { type: 'string', required: true },
    /** What the status code means, in French: « adresse inconnue (5.1.1) ». */
    reason: { type: 'string' },
    /** The remote server's answer (Diagnostic-Code). */
    diagnostic: { type: 'text' },
    /** The DSN's enhanced status code (RFC 3463), `5.1.1`. */
    statusCode: { type: 'string' },
    /** The ledger row (documentId) of the mail that bounced, and where it was sent from. */
    messageId: { type: 'string', required: true },
    page: { type: 'string' },
    recordId: { type: 'string' },
    templateTitle: { type: 'string' },
    bouncedAt: { type: 'datetime', required: true },
    clearedAt: { type: 'datetime' },
    clearedById: { type: 'integer' },
    clearedByName: { type: 'string' },
  }
);

export default {
  ...schema,
  // Sends ask « is any of these addresses suppressed? » for a whole chunk at once.
  indexes: [{ name: 'mail_merge_suppressions_address_idx', columns: ['address', 'cleared_at'] }],
};
