/**
 * « Suivi des mails »: the ledger with filters, one message in detail, and the events of a record
 * (newest first, with the status of the mail each one announces). Reads through the ledger.
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { notFoundError } from '../utils/errors';
import type { MessageFilters } from './ledger';

export type { MessageFilters } from './ledger';

const createTrackingService = ({ strapi }: { strapi: Core.Strapi }) => {
  const ledger = () => getService('ledger', { strapi });
  return {
    messages: (filters: MessageFilters) => ledger().list(filters),

    async message(documentId: string) {
      const message = await ledger().findOne(documentId);
      if (!message) throw notFoundError('message.not-found', 'Mail introuvable.', 'Mail not found.');
      const { claimedBy: _claimedBy, ...rest } = message;
      return rest;
    },

    async events(page: string, recordId: string) {
      const events = await ledger().events.forRecord(page, recordId);
      const messageIds = events.flatMap((event) => (event.messageId ? [event.messageId] : []));
      const statusOf = await ledger().statusesOf(messageIds);
      return events.map((event) => ({
        ...event,
        authorName: event.authorName ?? null,
        // The Query Engine gives a Date (or, from SQLite, its text): the contract's ISO text.
        createdAt: new Date(event.createdAt ?? 0).toISOString(),
        messageId: event.messageId ?? null,
        status: (event.messageId && statusOf.get(event.messageId)) || null,
      }));
    },
  };
};

export type TrackingService = ReturnType<typeof createTrackingService>;
export default createTrackingService;
