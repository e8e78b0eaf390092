/**
 * What a delivery status notification changes in the ledger (services/bounces reads the DSN and
 * calls these, inside its transaction):
 * - a hard bounce moves the mail to `bounced` (from `sent`, from `sending` when the DSN outran
 *   the outcome flush, or from `uncertain`: the DSN proves it left), with the diagnostic;
 * - a soft one (delayed) is written on the row without changing its status.
 * A mail that never left (queued, held, failed, cancelled, skipped) cannot bounce: a 400.
 */
import type { Core } from '@strapi/strapi';
import { MESSAGE_STATUS, MESSAGE_UID, type MessageStatus } from '../../constants';
import type { MessageRow } from '../../content-types/rows';
import { validationError } from '../../utils/errors';
import { queryOf } from '../../utils/strapi-adapters';

/** A mail the relay accepted (or may have, for `uncertain`): a DSN about it is believable. */
const LEFT: readonly MessageStatus[] = [MESSAGE_STATUS.sent, MESSAGE_STATUS.sending, MESSAGE_STATUS.uncertain];

const FIELDS = ['id', 'documentId', 'status', 'page', 'recordId', 'templateTitle', 'subject', 'to', 'cc', 'bcc', 'errorCode', 'error', 'sentAt', 'messageId'] as const;

export type BounceTarget = Pick<MessageRow, (typeof FIELDS)[number]>;

export const HARD_BOUNCE = 'hard-bounce';
export const SOFT_BOUNCE = 'soft-bounce';

type Move = (where: Record<string, unknown>, from: readonly MessageStatus[], to: MessageStatus, data?: Record<string, unknown>) => Promise<number>;

export const createLedgerBounces = (strapi: Core.Strapi, move: Move) => {
  const rows = () => queryOf<MessageRow>(strapi, MESSAGE_UID);
  const isPostgres = strapi.db.dialect.client === 'postgres';

  return {
    /**
     * The mail a DSN names, by its documentId (VERP), or by its Message-ID (`documentId@domain`,
     * what the dispatcher minted and stored). Inside the caller's transaction the row is locked
     * (PostgreSQL), so that two copies of one DSN arriving at two instances are taken in turn.
     */
    async find({ documentId, messageId }: { documentId: string; messageId?: string }): Promise<BounceTarget | null> {
      let query = strapi.db
        .queryBuilder(MESSAGE_UID)
        .select([...FIELDS])
        .where(messageId ? { documentId, messageId } : { documentId });
      if (isPostgres) query = query.forUpdate();
      const row = (await query.first().execute()) as BounceTarget | null;
      // The query builder gives JSON columns as stored.
      if (row) for (const key of ['to', 'cc', 'bcc'] as const) if (typeof row[key] === 'string') row[key] = JSON.parse(row[key] as unknown as string);
      return row ?? null;
    },

    /** A 400 unless the mail left (or may have). */
    assertLeft(row: BounceTarget) {
      if (row.status === MESSAGE_STATUS.bounced || LEFT.includes(row.status)) return;
      throw validationError(
        'bounce.not-sent',
        `Ce mail n’est jamais parti (statut « ${row.status} ») : l’avis de non-remise ne peut pas le concerner.`,
        `This mail never left (status "${row.status}"): the delivery status notification cannot be about it.`,
        { message: row.documentId, status: row.status }
      );
    },

    /** `bounced` with the diagnostic; 0 when it already was (the same DSN twice). */
    async markBounced(row: BounceTarget, error: string, now = new Date()) {
      if (row.status === MESSAGE_STATUS.bounced) return 0;
      // A row still `sending` has its outcome waiting for the flush, which only writes rows still
      // `sending`: its date of sending is this one.
      const sentAt = row.status === MESSAGE_STATUS.sending || !row.sentAt ? { sentAt: now } : {};
      return move({ id: row.id }, [row.status], MESSAGE_STATUS.bounced, { errorCode: HARD_BOUNCE, error, ...sentAt });
    },

    /** A delivery delayed: said on the row, whose status stays (a bounced one is left alone). */
    async markDelayed(row: BounceTarget, error: string) {
      if (row.status === MESSAGE_STATUS.bounced) return 0;
      if (row.errorCode === SOFT_BOUNCE && row.error === error) return 0;
      const { count } = await rows().updateMany({ where: { id: row.id, status: { $in: [...LEFT] } }, data: { errorCode: SOFT_BOUNCE, error } });
      return count;
    },
  };
};

export type LedgerBounces = ReturnType<typeof createLedgerBounces>;
