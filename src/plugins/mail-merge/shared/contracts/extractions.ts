import type { errors } from '@strapi/utils';
import type { DocumentParams, Entity } from './common';
import type { Template } from './templates';

/** « Accessible à partir des pages »: one page key an extraction is bound to. */
export interface Binding {
  page: string;
  documentId?: string;
}

/** An extraction (« extraction pour mails »): read-only SQL whose columns are merge fields. */
export interface Extraction extends Partial<Omit<Entity, 'documentId'>> {
  documentId: string;
  title: string;
  description?: string | null;
  query: string;
  /** The merge fields it provides; null until first checked. */
  columns: string[] | null;
  bindings: Binding[];
  /** The key of the app's shipped definition it was installed from, if any. */
  shippedKey?: string | null;
}

/** The extraction form, as the admin sends it whole. */
export interface ExtractionInput {
  title: string;
  description: string;
  query: string;
  /** Page keys. */
  pages: string[];
}

/** An extraction's fields as the server takes them (an update keeps what is absent). */
export interface ExtractionBody {
  title?: string;
  description?: string | null;
  query?: string;
  pages?: string[];
}

/** A template an edit of its extraction breaks: a merge field gone, or its page unbound. */
export interface BrokenTemplate {
  documentId: string;
  title: string;
  page: string;
  reason: 'unknown-fields' | 'page-unbound';
  fields: string[];
}

/** « Tester »: the first rows of a query, or the row of one record. */
export interface TestResult {
  columns: string[];
  rows: Record<string, unknown>[];
  truncated: boolean;
}

/** What saving would do, without saving. */
export interface ExtractionCheck {
  columns: string[];
  /** Templates the save would break (none for a new extraction). */
  brokenTemplates: BrokenTemplate[];
  /** Bound pages whose records the rows cannot match (a warning). */
  keyMismatches: string[];
}

export interface TestBody {
  page?: string;
  record?: string;
  limit?: number;
}

/**
 * GET /mail-merge/extractions?page= — every extraction, or those bound to a page.
 */
export declare namespace GetExtractions {
  export interface Request {
    query: { page?: string };
  }

  export interface Response {
    data: Extraction[];
    error?: errors.ApplicationError | errors.PolicyError;
  }
}

/**
 * GET /mail-merge/extractions/:documentId — with the templates that use it.
 */
export declare namespace GetExtraction {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data: Extraction;
    meta: { templates: Template[] };
    error?: errors.ApplicationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/extractions — 201.
 */
export declare namespace CreateExtraction {
  export interface Request {
    body: ExtractionBody;
  }

  export interface Response {
    data: Extraction;
    meta: { brokenTemplates: BrokenTemplate[] };
    error?: errors.ApplicationError | errors.ValidationError | errors.PolicyError;
  }
}

/**
 * PUT /mail-merge/extractions/:documentId — with the templates the change broke.
 */
export declare namespace UpdateExtraction {
  export interface Request {
    params: DocumentParams;
    body: ExtractionBody;
  }

  export interface Response {
    data: Extraction;
    meta: { brokenTemplates: BrokenTemplate[] };
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * DELETE /mail-merge/extractions/:documentId — 204, no body; refused while templates use it.
 */
export declare namespace DeleteExtraction {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data?: never;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/extractions/check?documentId= — a dry run of a save.
 */
export declare namespace CheckExtraction {
  export interface Request {
    query: { documentId?: string };
    body: ExtractionBody;
  }

  export interface Response {
    data: ExtractionCheck;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/extractions/test — « Tester » a query being written.
 */
export declare namespace TestExtractionQuery {
  export interface Request {
    body: TestBody & { query?: string };
  }

  export interface Response {
    data: TestResult;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/extractions/:documentId/test — « Tester » a saved extraction (read right).
 */
export declare namespace TestSavedExtraction {
  export interface Request {
    params: DocumentParams;
    body?: TestBody;
  }

  export interface Response {
    data: TestResult;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}
