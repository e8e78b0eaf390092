import type { errors } from '@strapi/utils';
import type { MessageStatus } from '../constants';
import type { DocumentParams, Pagination } from './common';

/** What one DSN did to its mail. */
export type BounceOutcome =
  /** A permanent failure: the mail is now `bounced`, its addresses suppressed. */
  | 'bounced'
  /** A delivery delayed: said on the mail, whose status stays. */
  | 'delayed'
  /** Nothing new: the same DSN was already received. */
  | 'unchanged'
  /** A DSN of success (delivered, relayed, expanded): nothing to do. */
  | 'ignored';

/** One recipient as the DSN reports it. */
export interface BounceRecipient {
  address: string;
  action: string | null;
  /** Enhanced status code, `5.1.1`. */
  status: string;
  diagnostic: string | null;
}

export interface BounceResult {
  /** The ledger documentId of the mail the DSN names. */
  message: string;
  outcome: BounceOutcome;
  /** The mail's status after the DSN. */
  status: MessageStatus;
  /** Addresses put on the suppression list by this DSN (none when already there). */
  suppressed: string[];
  recipients: BounceRecipient[];
}

/**
 * POST /api/mail-merge/bounces (content API, an API token holding `plugin::mail-merge.bounces.intake`):
 * the raw DSN as the body, `Content-Type: message/rfc822` (the whole message), `multipart/report`
 * (its body, the boundary in the header), `message/delivery-status` (the status fields alone) or
 * `text/plain` (the whole message). `recipient`: the envelope recipient the MTA received it for
 * (the VERP return path), when the message's own headers may not say it.
 */
export declare namespace ReceiveBounce {
  export interface Request {
    query: { recipient?: string };
    body: Buffer;
  }

  export interface Response {
    data: BounceResult;
    error?: errors.ApplicationError | errors.ValidationError | errors.PayloadTooLargeError | errors.UnauthorizedError | errors.ForbiddenError;
  }
}

/** An address on the suppression list (« adresse en échec »). */
export interface Suppression {
  documentId: string;
  /** Lower-cased. */
  address: string;
  /** « adresse inconnue (5.1.1) ». */
  reason: string | null;
  /** The remote server's answer. */
  diagnostic: string | null;
  statusCode: string | null;
  /** The ledger documentId of the mail that bounced. */
  messageId: string;
  page: string | null;
  recordId: string | null;
  templateTitle: string | null;
  bouncedAt: string;
  /** Set once a gestionnaire cleared it (« Lever »): sends to the address go again. */
  clearedAt: string | null;
  clearedByName: string | null;
}

export interface SuppressionFilters {
  /** `active` (default), `cleared` or `all`. */
  status?: 'active' | 'cleared' | 'all';
  /** Part of an address. */
  address?: string;
  page?: string | number;
  pageSize?: string | number;
}

/**
 * GET /mail-merge/suppressions — « Adresses en échec », newest first (`messages-read`).
 */
export declare namespace GetSuppressions {
  export interface Request {
    query: SuppressionFilters;
  }

  export interface Response {
    data: Suppression[];
    meta: { pagination: Pagination };
    error?: errors.ApplicationError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/suppressions/:documentId/clear — « Lever » (`messages-read` and a send action).
 */
export declare namespace ClearSuppression {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data: Suppression;
    error?: errors.ApplicationError | errors.NotFoundError | errors.PolicyError;
  }
}
