/**
 * The public one-click unsubscribe link of communication mails (RFC 8058), under /api/mail-merge,
 * without authentication: the signed token in the URL is the credential. Browsers (Accept:
 * text/html) get small French HTML pages instead of these JSON bodies.
 */
import type { errors } from '@strapi/utils';

/** What a link does: the choice for one notification type, or the membership's e-mail consent. */
export interface UnsubscribeResult {
  subject: 'notification' | 'consent';
  /** The notification type's code (subject « notification »), else null. */
  notificationType: string | null;
  /** The notification type's label, else null. */
  label: string | null;
  /** The refusal is recorded (GET: already; POST: always true). */
  done: boolean;
  /** This request changed something (false on GET, and on a POST that found it already done). */
  changed: boolean;
}

/**
 * POST /api/mail-merge/unsubscribe/:token (body `List-Unsubscribe=One-Click`, form-encoded):
 * records the refusal, idempotent. GET on the same URL: the same answer, nothing written.
 * 400 `unsubscribe.invalid-link` (token malformed or not ours) or `unsubscribe.not-a-communication`;
 * 404 `unsubscribe.mail-gone` or `unsubscribe.record-gone`.
 */
export declare namespace PostUnsubscribe {
  export interface Request {
    params: { token: string };
    body: { 'List-Unsubscribe'?: string };
  }

  export interface Response {
    data: UnsubscribeResult;
    error?: errors.ValidationError | errors.NotFoundError;
  }
}
