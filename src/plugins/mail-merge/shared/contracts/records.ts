import type { errors } from '@strapi/utils';

/** A record of a page as the pickers show it. */
export interface RecordOption {
  documentId: string;
  label: string;
}

/**
 * GET /mail-merge/pages/:key/records?search=&limit= — records of a page by the words of their
 * label, among those the user may read in the Content Manager.
 */
export declare namespace SearchRecords {
  export interface Request {
    params: { key: string };
    query: { search?: string; limit?: string | number };
  }

  export interface Response {
    data: RecordOption[];
    error?: errors.ApplicationError | errors.NotFoundError | errors.PolicyError;
  }
}
