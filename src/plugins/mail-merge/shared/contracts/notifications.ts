import type { errors } from '@strapi/utils';

/**
 * A notification type of the mutual (the app's data): a template may be tied to one; such a mail
 * goes only where the member chose mail for it, while the mutual offers mail and keeps it active.
 */
export interface NotificationType {
  code: string;
  label: string;
  active: boolean;
  /** The channels the mutual offers for it. */
  channels: string[];
}

/** Why a mail tied to a type may not go: the type is gone, off, mail not offered, or not chosen. */
export type NotificationRefusal = 'unknown-type' | 'inactive' | 'not-offered' | 'not-chosen';

/**
 * GET /mail-merge/notification-types — for the template form (empty when notifications are not configured).
 */
export declare namespace GetNotificationTypes {
  export interface Request {
    query: Record<string, never>;
  }

  export interface Response {
    data: NotificationType[];
    error?: errors.ApplicationError | errors.PolicyError;
  }
}
