/**
 * The timeline events of records (« [AUTO] Envoi de mail : <title> »): their one writer and reader.
 * An event carries its own copy of what it says and outlives its template and, after retention,
 * the body of its mail: events are never purged.
 */
import type { Core } from '@strapi/strapi';
import { EVENT_UID } from '../../constants';
import { insertMany } from '../../utils/bulk';
import type { EventRow } from '../../content-types/rows';
import { documentsOf, queryOf } from '../../utils/strapi-adapters';

export type RecordEvent = {
  page: string;
  recordId: string;
  label: string;
  authorId: number | null;
  authorName: string;
  /** The mail it announces (its documentId). */
  messageId: string | null;
};

/** Ids per statement when deleting the events of cancelled mails. */
const DELETE_CHUNK = 500;

export const createEvents = (strapi: Core.Strapi) => {
  const events = () => queryOf<EventRow>(strapi, EVENT_UID);
  return {
    /** One event; inside the caller's transaction when there is one (Strapi's db.transaction). */
    create: (event: RecordEvent) => documentsOf(strapi, EVENT_UID).create({ data: event }),

    /** Many events in multi-row INSERTs (a grouped send's chunk). */
    createMany: (rows: RecordEvent[], now = new Date()) => insertMany(strapi, EVENT_UID, rows, now),

    /** The events of mails that will never leave (a cancelled grouped send). */
    async removeForMessages(messageIds: string[]) {
      for (let start = 0; start < messageIds.length; start += DELETE_CHUNK) {
        await events().deleteMany({ where: { messageId: { $in: messageIds.slice(start, start + DELETE_CHUNK) } } });
      }
    },

    /** A record's timeline, newest first. */
    forRecord: (page: string, recordId: string) => events().findMany({ where: { page, recordId }, orderBy: { id: 'desc' } }),
  };
};

export type Events = ReturnType<typeof createEvents>;
