/**
 * The content API for front-offices (API tokens), under /api/mail-merge.
 */
import type { errors } from '@strapi/utils';
import type { MessageStatus } from '../constants';
import type { DocumentParams } from './common';

/** A valid template of a page, as a front-office may offer it. */
export interface FrontOfficeTemplate {
  documentId: string;
  family: string | null;
  title: string;
  description: string;
  page: string;
}

/** One templated mail to a record; without `to`, where the admin's dialog would have sent it. */
export interface FrontOfficeSendInput {
  /** The template's documentId. */
  template: string;
  /** The record's documentId (of the template's page). */
  record: string;
  to?: string[];
  cc?: string[];
  bcc?: string[];
  priority?: boolean;
  logEvent?: boolean;
}

/** A mail a front-office sent, as it may read it back. */
export interface FrontOfficeMessage {
  documentId: string;
  status: MessageStatus;
  to: string[];
  subject: string | null;
  sentAt: string | null;
  error: string | null;
}

/**
 * GET /api/mail-merge/templates?page=
 */
export declare namespace GetFrontOfficeTemplates {
  export interface Request {
    query: { page: string };
  }

  export interface Response {
    data: FrontOfficeTemplate[];
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.ForbiddenError | errors.UnauthorizedError;
  }
}

/**
 * POST /api/mail-merge/messages — 202: queued, from the mutual's default sender; recorded as made
 * by « API : <token name> ».
 */
export declare namespace SendFrontOfficeMessage {
  export interface Request {
    body: FrontOfficeSendInput;
  }

  export interface Response {
    data: Pick<FrontOfficeMessage, 'documentId' | 'status' | 'to'> & { subject: string };
    error?:
      | errors.ApplicationError
      | errors.ValidationError
      | errors.NotFoundError
      | errors.PolicyError
      | errors.ForbiddenError
      | errors.UnauthorizedError;
  }
}

/**
 * GET /api/mail-merge/messages/:documentId — only the mails this token sent (404 otherwise).
 */
export declare namespace GetFrontOfficeMessage {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data: FrontOfficeMessage;
    error?: errors.ApplicationError | errors.NotFoundError | errors.ForbiddenError | errors.UnauthorizedError;
  }
}
