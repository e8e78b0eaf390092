/**
 * « Suivi des mails »: the ledger with filters, one message in detail, and the events of a record
 * (newest first, with the status of the mail each one announces).
 */
import type { Core } from '@strapi/strapi';
import { notFoundError } from '../utils/errors';
import { EVENT_UID, MESSAGE_UID } from './sending';

export type MessageFilters = {
  status?: string;
  page?: string;
  template?: string;
  recipient?: string;
  from?: string; // ISO date
  until?: string; // ISO date
  record?: string;
  batch?: string;
  /** Only these pages (those whose records the user may read); all when absent. */
  readablePages?: string[];
  pageNumber?: number;
  pageSize?: number;
};

const LIST_FIELDS = [
  'documentId', 'page', 'recordId', 'templateId', 'templateTitle', 'fromAddress', 'to', 'cc', 'subject', 'priority',
  'test', 'status', 'attempts', 'errorCode', 'error', 'sentAt', 'sentByName', 'batchId', 'createdAt', 'updatedAt',
];

const createTrackingService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async messages(filters: MessageFilters) {
    const where: Record<string, unknown>[] = [];
    // Recipients a grouped send skipped were never mailed: listed only when asked for (its report lists them all).
    where.push(filters.status ? { status: filters.status } : { status: { $ne: 'skipped' } });
    if (filters.page) where.push({ page: filters.page });
    if (filters.readablePages) where.push({ page: { $in: filters.readablePages } });
    if (filters.template) where.push({ templateId: filters.template });
    if (filters.record) where.push({ recordId: filters.record });
    if (filters.batch) where.push({ batchId: filters.batch });
    // `to` is JSON: matching its text finds an address whatever its position in the list.
    if (filters.recipient) where.push({ to: { $containsi: filters.recipient } });
    if (filters.from) where.push({ createdAt: { $gte: new Date(filters.from) } });
    if (filters.until) where.push({ createdAt: { $lte: new Date(filters.until) } });
    const pageSize = Math.min(Math.max(Number(filters.pageSize) || 25, 1), 100);
    const pageNumber = Math.max(Number(filters.pageNumber) || 1, 1);
    const query = strapi.db.query(MESSAGE_UID as any);
    const [results, total] = await Promise.all([
      query.findMany({
        where: { $and: where },
        select: LIST_FIELDS,
        orderBy: { id: 'desc' },
        limit: pageSize,
        offset: (pageNumber - 1) * pageSize,
      }),
      query.count({ where: { $and: where } }),
    ]);
    return { results, pagination: { page: pageNumber, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
  },

  async message(documentId: string) {
    const message = await strapi.db.query(MESSAGE_UID as any).findOne({ where: { documentId } });
    if (!message) throw notFoundError('message.not-found', 'Mail introuvable.', 'Mail not found.');
    const { claimedBy: _claimedBy, ...rest } = message as any;
    return rest;
  },

  async events(page: string, recordId: string) {
    const events = (await strapi.db.query(EVENT_UID as any).findMany({
      where: { page, recordId },
      orderBy: { id: 'desc' },
    })) as any[];
    const ids = events.map((event) => event.messageId).filter(Boolean);
    const statuses = ids.length
      ? ((await strapi.db.query(MESSAGE_UID as any).findMany({ where: { documentId: { $in: ids } }, select: ['documentId', 'status'] })) as any[])
      : [];
    const statusOf = new Map(statuses.map((m) => [m.documentId, m.status]));
    return events.map((event) => ({ ...event, status: statusOf.get(event.messageId) ?? null }));
  },
});

export type TrackingService = ReturnType<typeof createTrackingService>;
export default createTrackingService;
