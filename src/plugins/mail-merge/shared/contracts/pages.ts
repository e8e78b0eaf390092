import type { errors } from '@strapi/utils';

/** A page of the mutual's software mail is sent from, tied to the content type of its records. */
export interface Page {
  key: string;
  module: string;
  page: string;
  contentType: string;
  /** Display name of the content type; absent for pages made up by the admin (orphans). */
  contentTypeName?: string;
  defaultRecipients: { field: string; label: string }[];
  consentGated: boolean;
  /** Whether the consent has the gestionnaire's form (levels per channel on a membership), not a plain field. */
  consentForm: boolean;
  /** The record attribute telling the insured person from a dependant, and its dependant value. */
  memberRole?: { field: string; dependant: string } | null;
}

/**
 * GET /mail-merge/pages — the page registry (any plugin action).
 */
export declare namespace GetPages {
  export interface Request {
    query: Record<string, never>;
  }

  export interface Response {
    data: Page[];
    meta: {
      /** The content type of the membership that holds consent (the adhesion), if any page is gated. */
      consentHolder: string | null;
    };
    error?: errors.ApplicationError | errors.PolicyError;
  }
}
