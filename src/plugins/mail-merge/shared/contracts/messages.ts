import type { errors } from '@strapi/utils';
import type { ConsentLevel, MessageStatus, MinimumConsent } from '../constants';
import type { DocumentParams, Pagination, RecordParams } from './common';

/** A mail of the ledger as « Suivi des mails » lists it. */
export interface MessageSummary {
  documentId: string;
  page: string;
  recordId: string;
  templateId: string | null;
  templateTitle: string | null;
  fromAddress: string;
  to: string[];
  cc: string[] | null;
  subject: string;
  priority: boolean;
  test: boolean;
  status: MessageStatus;
  attempts: number;
  /** A skip reason, a delivery error's code (transient, permanent, retries-exhausted, …), or null. */
  errorCode: string | null;
  error: string | null;
  sentAt: string | null;
  sentByName: string | null;
  /** The grouped send it belongs to. */
  batchId?: string | null;
  createdAt: string;
  updatedAt?: string;
}

/** An attachment as the ledger keeps it (its content is read when the mail leaves). */
export interface MessageAttachment {
  fileId: number;
  filename: string;
  mime: string;
  size: number;
  url?: string;
}

/** One mail in detail: its whole ledger row but the claim. */
export interface MessageDetail extends MessageSummary {
  id?: number;
  bcc: string[] | null;
  /** Null once retention erased the content (purgedAt set). */
  html: string | null;
  text: string | null;
  purgedAt?: string | null;
  templateVersion?: number | null;
  consentLevel?: ConsentLevel | null;
  minimumConsent?: MinimumConsent | null;
  notificationType?: string | null;
  /** The provider's message id. */
  messageId?: string | null;
  providerResponse?: string | null;
  attachments?: MessageAttachment[] | null;
  nextAttemptAt?: string | null;
  claimedAt?: string | null;
  sentById?: number | null;
  origin?: 'admin' | 'batch' | 'api';
}

export interface MessageFilters {
  status?: string;
  page?: string;
  /** A template's documentId. */
  template?: string;
  /** Part of an address. */
  recipient?: string;
  /** ISO dates. */
  from?: string;
  until?: string;
  record?: string;
  /** A grouped send's documentId. */
  batch?: string;
}

/** An event of a record's timeline, with the status of the mail it announces. */
export interface MailEvent {
  label: string;
  authorName: string | null;
  createdAt: string;
  /** The mail's documentId. */
  messageId: string | null;
  status: MessageStatus | null;
}

/**
 * GET /mail-merge/messages — the ledger, newest first, on the pages whose records the user may
 * read; skipped recipients only when asked for (`status=skipped`).
 */
export declare namespace GetMessages {
  export interface Request {
    query: MessageFilters & {
      'pagination[page]'?: string | number;
      'pagination[pageSize]'?: string | number;
      pagination?: { page?: string | number; pageSize?: string | number };
    };
  }

  export interface Response {
    data: MessageSummary[];
    meta: { pagination: Pagination };
    error?: errors.ApplicationError | errors.PolicyError;
  }
}

/**
 * GET /mail-merge/messages/:documentId
 */
export declare namespace GetMessage {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data: MessageDetail;
    error?: errors.ApplicationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/messages/:documentId/resend — « Renvoyer » a failed or uncertain mail, queued again.
 */
export declare namespace ResendMessage {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data: MessageDetail;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * GET /mail-merge/records/:page/:documentId/events — a record's timeline, newest first.
 */
export declare namespace GetRecordEvents {
  export interface Request {
    params: RecordParams;
  }

  export interface Response {
    data: MailEvent[];
    error?: errors.ApplicationError | errors.NotFoundError | errors.PolicyError;
  }
}
