import type { errors } from '@strapi/utils';
import type { BatchStatus, MessageStatus, SkipReason } from '../constants';
import type { DocumentParams } from './common';

export type { BatchStatus, SkipReason } from '../constants';

/** Recipients skipped by reason; every reason is always present. */
export type SkipCounts = Record<SkipReason, number>;

/** The ticked rows, or the whole list as filtered (the Content Manager's `filters` and `_q`). */
export type Selection = { ids: string[] } | { filters?: Record<string, unknown> | null; search?: string | null };

/** A recipient of the pre-flight's sample, rendered. */
export interface SampleMail {
  record: { documentId: string; label: string };
  to: string[];
  subject: string;
  html: string;
}

/** What a grouped send would do: counts, a rendered sample and an estimate; nothing written. */
export interface Preflight {
  /** A page key. */
  page: string;
  template: { documentId: string; title: string };
  total: number;
  eligible: number;
  skipped: SkipCounts;
  sample: SampleMail[];
  estimatedSeconds: number;
  /** The sender profile's address (a grouped send needs one). */
  from: string | null;
}

/** A batch's recipients by status (read from the ledger), skipped ones by reason. */
export type BatchCounts = Record<MessageStatus, number> & {
  total: number;
  skippedByReason: SkipCounts;
};

/** A grouped send (« envoi de mails groupés ») and its progress. */
export interface Batch {
  documentId: string;
  page: string;
  templateId: string;
  templateTitle: string;
  status: BatchStatus;
  /** `error-ratio`, `template-deleted`, `preparation-error: …`, or null. */
  pausedReason: string | null;
  /** Every recipient has its ledger row. */
  prepared: boolean;
  priority: boolean;
  createdByName: string | null;
  createdAt: string;
  /** When a programmed send starts (or started); null for a send started at once. */
  scheduledAt: string | null;
  finishedAt: string | null;
  counts: BatchCounts;
  /** Mails per second lately, measured by this instance; null until known. */
  rate: number | null;
  etaSeconds: number | null;
}

/** A grouped send to create. */
export interface BatchInput {
  page: string;
  template: string;
  selection: Selection;
  priority?: boolean;
  /** « Génération événement envoi mail » on each record (default: yes). */
  logEvent?: boolean;
  /** Media Library file ids. */
  attachments?: number[];
  /** « Programmer l'envoi »: when it starts (ISO 8601, in the future); absent or null: now. */
  scheduledAt?: string | null;
}

/** The controls of a batch's page, as the last segment of their route. */
export type BatchAction = 'pause' | 'resume' | 'cancel' | 'retry-failed';

type BatchErrors = errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;

/**
 * POST /mail-merge/batches/preflight
 */
export declare namespace PreflightBatch {
  export interface Request {
    body: Pick<BatchInput, 'page' | 'template' | 'selection'>;
  }

  export interface Response {
    data: Preflight;
    error?: BatchErrors;
  }
}

/**
 * POST /mail-merge/batches — 202: prepared and sent in the background; its page follows the progress.
 */
export declare namespace CreateBatch {
  export interface Request {
    body: BatchInput;
  }

  export interface Response {
    data: Batch;
    error?: BatchErrors;
  }
}

/**
 * GET /mail-merge/batches — the newest (100) of the pages whose records the user may read.
 */
export declare namespace GetBatches {
  export interface Request {
    query: Record<string, never>;
  }

  export interface Response {
    data: Batch[];
    error?: errors.ApplicationError | errors.PolicyError;
  }
}

/**
 * GET /mail-merge/batches/:documentId
 */
export declare namespace GetBatch {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data: Batch;
    error?: errors.ApplicationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * GET /mail-merge/batches/:documentId/report.csv — every recipient with status and reason
 * (UTF-8 with a BOM, streamed as an attachment).
 */
export declare namespace GetBatchReport {
  export interface Request {
    params: DocumentParams;
  }

  /** The CSV text. */
  export type Response = string;
}

/**
 * POST /mail-merge/batches/:documentId/pause — mails not yet claimed wait (`held`).
 */
export declare namespace PauseBatch {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data: Batch;
    error?: BatchErrors;
  }
}

/**
 * POST /mail-merge/batches/:documentId/resume
 */
export declare namespace ResumeBatch {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data: Batch;
    error?: BatchErrors;
  }
}

/**
 * POST /mail-merge/batches/:documentId/cancel — mails not yet handed to the provider are cancelled.
 */
export declare namespace CancelBatch {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data: Batch;
    error?: BatchErrors;
  }
}

/**
 * POST /mail-merge/batches/:documentId/retry-failed — « Relancer les échecs ».
 */
export declare namespace RetryFailedBatch {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data: Batch;
    error?: BatchErrors;
  }
}
