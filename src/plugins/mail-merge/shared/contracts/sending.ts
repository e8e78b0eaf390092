import type { errors } from '@strapi/utils';
import type { MessageStatus, MinimumConsent } from '../constants';
import type { RecordParams } from './common';
import type { ConsentLevel, ConsentState } from './consent';
import type { NotificationRefusal } from './notifications';

/** A template offered for a record in the chooser, with whether it may be sent to it. */
export interface TemplateChoice {
  documentId: string;
  family: string | null;
  title: string;
  description: string | null;
  minimumConsent: MinimumConsent;
  notificationType?: string | null;
  /** Both gates: the record's consent, then the member's notification choice. */
  allowed: boolean;
  /** The notification gate, for a template tied to a type on a gated page. */
  notification?: { allowed: boolean; refusal: NotificationRefusal | null } | null;
}

export interface Choices {
  record: { documentId: string; label: string };
  consent: { gated: boolean; level: ConsentLevel | null };
  templates: TemplateChoice[];
}

/** A default recipient of the record the user may read. */
export interface DefaultRecipient {
  label: string;
  field: string;
  address: string;
}

/** The dialog's draft: every field merged and editable. */
export interface Draft {
  record: { page: string; documentId: string; label: string };
  template: { documentId: string; title: string; family: string | null; version: number };
  /** The sender profile's address. */
  from: string | null;
  to: string[];
  defaultRecipients: DefaultRecipient[];
  cc: string[];
  bcc: string[];
  subject: string;
  /** The editable body, the sender's signature under it. */
  html: string;
  /** The text part of the mail as it would leave (letterhead included). */
  text: string;
  /**
   * The document the body is placed in when it leaves (the template's layout, or a bare document
   * for « sans mise en page »): `before + html + after` is the HTML part, for the preview.
   */
  letterhead: { before: string; after: string };
  priority: boolean;
  logEvent: boolean;
  consent: ConsentState;
  notification: { gated: boolean; code: string | null; allowed: boolean };
}

/** What the user validated in the dialog; what is absent is taken from the template. */
export interface SendInput {
  page: string;
  record: string;
  template: string;
  /** Default: the sender profile's address. */
  from?: string | null;
  senderInBcc?: boolean;
  to?: string[];
  cc?: string[];
  bcc?: string[];
  subject?: string;
  html?: string;
  /** Media Library file ids. */
  attachments?: number[];
  priority?: boolean;
  /** « Génération événement envoi mail » on the record (default: yes). */
  logEvent?: boolean;
  /** « Envoi test »: to the sender only, no event, no gate. */
  test?: boolean;
}

/** A mail just queued. */
export interface QueuedMessage {
  documentId: string;
  status: MessageStatus;
  to: string[];
  subject: string;
}

/** Strapi's upload answer (POST /upload), the parts the dialog uses. */
export interface UploadedFile {
  id: number;
  name: string;
  size: number;
}

/**
 * GET /mail-merge/records/:page/:documentId/choices — the templates of the page for the record.
 */
export declare namespace GetChoices {
  export interface Request {
    params: RecordParams;
  }

  export interface Response {
    data: Choices;
    error?: errors.ApplicationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/compose — the draft of one mail; 403 (reason « consent » or « notification »)
 * when it may not go to the record.
 */
export declare namespace ComposeMail {
  export interface Request {
    body: { page: string; record: string; template: string };
  }

  export interface Response {
    data: Draft;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/send — 202: queued; the dispatcher delivers and the ledger tells the outcome.
 */
export declare namespace SendMail {
  export interface Request {
    body: SendInput;
  }

  export interface Response {
    data: QueuedMessage;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}
