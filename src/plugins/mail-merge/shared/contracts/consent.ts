import type { errors } from '@strapi/utils';
import type { ConsentChannel, ConsentLevel } from '../constants';
import type { RecordParams } from './common';
import type { NotificationType } from './notifications';

export type { ConsentChannel, ConsentLevel } from '../constants';

/**
 * A channel of the mutual's notifications: the app's data (the reference app's are courrier,
 * mail, sms, application and portail); the plugin takes whatever the app defines.
 */
export type NotificationChannel = string;

/** Whether a record's consent allows a mail, as compose and the chooser tell it. */
export interface ConsentState {
  /** False for pages without consent (legal entities): every mail is allowed. */
  gated: boolean;
  level: ConsentLevel | null;
  minimum: ConsentLevel;
  allowed: boolean;
}

/** A notification type: the mutual's settings (read-only here) and the member's choice. */
export interface NotificationSetting extends NotificationType {
  channels: NotificationChannel[];
  /** The member's channels, among those offered. */
  chosen: NotificationChannel[];
}

interface Change {
  changedBy: string | null;
  changedByKind: string | null;
  createdAt: string;
}

/** One change of the membership's preferences, as the app records it (newest first). */
export type ConsentChange =
  | (Change & { subject?: 'consent'; channel: ConsentChannel; oldLevel: ConsentLevel | null; newLevel: ConsentLevel })
  | (Change & { subject: 'notification'; notificationType: string; oldChannels: NotificationChannel[] | null; newChannels: NotificationChannel[] | null });

/** « Notifications & Consentements » of the membership a record belongs to. */
export interface ConsentForm {
  holder: { uid: string; documentId: string; label: string };
  levels: Record<ConsentChannel, ConsentLevel>;
  /** Empty when notifications are not configured. */
  notifications: NotificationSetting[];
  history: ConsentChange[];
}

/** A change: some levels and/or some notification types' channels (at least one of both). */
export interface ConsentUpdate {
  levels?: Partial<Record<ConsentChannel, ConsentLevel>>;
  notifications?: Record<string, NotificationChannel[]>;
}

/**
 * GET /mail-merge/consent/:page/:documentId — `page` is a page key, or `holder` when the record
 * is the membership itself.
 */
export declare namespace GetConsent {
  export interface Request {
    params: RecordParams;
  }

  export interface Response {
    data: ConsentForm;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * PUT /mail-merge/consent/:page/:documentId — needs the Content Manager's right to update those
 * fields of the membership; answers the form as changed.
 */
export declare namespace UpdateConsent {
  export interface Request {
    params: RecordParams;
    body: ConsentUpdate;
  }

  export interface Response {
    data: ConsentForm;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}
