/**
 * What every area of the API shares: the fields Strapi gives each stored entity, the list
 * pagination, and the `details` of the plugin's own errors.
 */

/** Fields of every row of the plugin's content types, as the API sends them (dates as ISO text). */
export interface Entity {
  id: number;
  documentId: string;
  createdAt: string;
  updatedAt: string;
}

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

/**
 * `error.details` of the plugin's errors (server/src/utils/errors.ts): a stable code the admin
 * translates by, the English text (the message itself is French), and what the code names.
 */
export interface ErrorDetails {
  code: string;
  en: string;
  [key: string]: unknown;
}

/** `:documentId` of the routes that name one document. */
export interface DocumentParams {
  documentId: string;
}

/** `:page/:documentId` of the routes that name one record of a page. */
export interface RecordParams {
  /** A page key of the registry. */
  page: string;
  /** The record's documentId. */
  documentId: string;
}
