import { errors } from '@strapi/utils';

/**
 * Errors shown to gestionnaires and administrators: the message in French (the mutual's
 * language), the English text and a stable code in `details`, so the admin can translate by code.
 */
export type MailMergeErrorDetails = { code: string; en: string; [key: string]: unknown };

export const validationError = (code: string, fr: string, en: string, extra: Record<string, unknown> = {}) =>
  new errors.ValidationError(fr, { code, en, ...extra } satisfies MailMergeErrorDetails);

export const notFoundError = (code: string, fr: string, en: string, extra: Record<string, unknown> = {}) =>
  new errors.NotFoundError(fr, { code, en, ...extra } satisfies MailMergeErrorDetails);

/** A 403 whose message and details reach the client (Strapi hides those of a plain ForbiddenError). */
export const forbiddenError = (code: string, fr: string, en: string, extra: Record<string, unknown> = {}) =>
  new errors.PolicyError(fr, { code, en, ...extra } satisfies MailMergeErrorDetails);

/**
 * Strapi answers every ApplicationError with 400 (or the status of a few subclasses); another
 * status needs an http-errors HttpError, whose message and details reach the client when
 * `expose` is true. An Error whose prototype chain goes through HttpError is one.
 */
class ExposedHttpError extends Error {
  readonly statusCode: number;
  readonly expose = true;

  constructor(
    readonly status: number,
    message: string,
    readonly details: MailMergeErrorDetails
  ) {
    super(message);
    this.statusCode = status;
    this.name = 'MailMergeHttpError';
  }
}
Object.setPrototypeOf(ExposedHttpError.prototype, errors.HttpError.prototype);

/** An error of this HTTP status whose French message and details reach the client. */
export const httpError = (status: number, code: string, fr: string, en: string, extra: Record<string, unknown> = {}) =>
  new ExposedHttpError(status, fr, { code, en, ...extra });

/** A 503: something the server needs is not in place (a database role, …); says what to do. */
export const serviceUnavailableError = (code: string, fr: string, en: string, extra: Record<string, unknown> = {}) =>
  httpError(503, code, fr, en, extra);

/** A property of something thrown (`code`, `status`, …), undefined when it has none. */
export const errorProperty = (error: unknown, key: string): unknown =>
  typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;

/** The message of something thrown (its `message`, else the value itself, as text). */
export const errorMessage = (error: unknown): string => String(errorProperty(error, 'message') ?? error);

/** Whether something thrown carries this `code` (Node's and the database drivers' errors). */
export const hasCode = (error: unknown, code: string) => errorProperty(error, 'code') === code;
