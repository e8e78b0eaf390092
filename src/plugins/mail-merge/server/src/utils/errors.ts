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
