/**
 * The values the server writes and the admin reads: statuses of mails and grouped sends, reasons
 * a recipient gets no mail, consent levels and channels. One place for both sides (the server's
 * constants.ts re-exports them; the admin imports them from here), each list an `as const` tuple
 * with its type derived from it, and a name → value map for code that needs to name one value.
 *
 * Plain data only: this file is bundled into the admin and required by the server.
 */

/** `{ a: 'a', b: 'b' }` from `['a', 'b']`: each value named by itself. */
type NamedBy<T extends string> = { readonly [K in T]: K };

/**
 * The life of a mail in the ledger (`plugin::mail-merge.message`). A mail is written `queued`
 * (or `held` when its grouped send is paused, `skipped` for a recipient of a grouped send who gets
 * no mail). The dispatcher claims it (`sending`, committed before the provider is called), then
 * records the outcome. A row left in `sending` by a process that died becomes `uncertain`. A mail
 * the relay accepted and whose delivery status notification (DSN) came back as a permanent failure
 * is `bounced` (services/bounces).
 */
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'uncertain', 'held', 'cancelled', 'skipped', 'bounced'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const MESSAGE_STATUS = {
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
  uncertain: 'uncertain',
  held: 'held',
  cancelled: 'cancelled',
  skipped: 'skipped',
  bounced: 'bounced',
} as const satisfies NamedBy<MessageStatus>;

/**
 * A grouped send (`plugin::mail-merge.batch`): preparing → sending → done, with paused and
 * cancelled on the way. A send programmed for later waits as `scheduled` (nothing prepared, so
 * consent and notification choices are judged when it starts) and becomes `preparing` on time.
 */
export const BATCH_STATUSES = ['scheduled', 'preparing', 'sending', 'paused', 'done', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const BATCH_STATUS = {
  scheduled: 'scheduled',
  preparing: 'preparing',
  sending: 'sending',
  paused: 'paused',
  done: 'done',
  cancelled: 'cancelled',
} as const satisfies NamedBy<BatchStatus>;

/** A grouped send whose mails are being written or delivered. */
export const RUNNING_BATCH_STATUSES = [BATCH_STATUS.preparing, BATCH_STATUS.sending] as const satisfies readonly BatchStatus[];

/** A grouped send « Suspendre » applies to: running, or waiting for its time. */
export const PAUSABLE_BATCH_STATUSES = [BATCH_STATUS.scheduled, ...RUNNING_BATCH_STATUSES] as const satisfies readonly BatchStatus[];

/** A grouped send that will not move any more. */
export const FINISHED_BATCH_STATUSES = [BATCH_STATUS.done, BATCH_STATUS.cancelled] as const satisfies readonly BatchStatus[];

/** A grouped send that may still move: « Annuler » applies to it. */
export const UNFINISHED_BATCH_STATUSES = [BATCH_STATUS.scheduled, BATCH_STATUS.preparing, BATCH_STATUS.sending, BATCH_STATUS.paused] as const satisfies readonly BatchStatus[];

/**
 * Why a record of a grouped send gets no mail (the `errorCode` of its `skipped` ledger row), in
 * the order the admin lists them.
 */
export const SKIP_REASONS = ['no-email', 'invalid-email', 'bounced', 'consent', 'notification', 'duplicate', 'no-row', 'not-found', 'render'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const SKIP_REASON = {
  noEmail: 'no-email',
  invalidEmail: 'invalid-email',
  /** The address is on the suppression list: an earlier mail to it came back undelivered. */
  bounced: 'bounced',
  consent: 'consent',
  notification: 'notification',
  duplicate: 'duplicate',
  noRow: 'no-row',
  notFound: 'not-found',
  render: 'render',
} as const satisfies Record<string, SkipReason>;

type IsTrue<T extends true> = T;
/** `true`; fails to compile when a reason of SKIP_REASONS has no name in SKIP_REASON. */
export type EverySkipReasonNamed = IsTrue<[Exclude<SkipReason, (typeof SKIP_REASON)[keyof typeof SKIP_REASON]>] extends [never] ? true : false>;

/**
 * E-mail consent of a membership, from the narrowest: refus (0) never; interne (1) management
 * mail; limite (2) communications outside management; public (3) anything. The order is the rank.
 */
export const CONSENT_LEVELS = ['refus', 'interne', 'limite', 'public'] as const;
export type ConsentLevel = (typeof CONSENT_LEVELS)[number];

export const CONSENT_LEVEL = {
  refus: 'refus',
  interne: 'interne',
  limite: 'limite',
  public: 'public',
} as const satisfies NamedBy<ConsentLevel>;

/** What a template may ask for as its minimum (a template for nobody makes no sense). */
export const MINIMUM_CONSENT_LEVELS = [CONSENT_LEVEL.interne, CONSENT_LEVEL.limite, CONSENT_LEVEL.public] as const satisfies readonly ConsentLevel[];
export type MinimumConsent = (typeof MINIMUM_CONSENT_LEVELS)[number];

/**
 * A template's minimum when it names none, and the level of a membership that carries none (the
 * schema's default, never a wider consent).
 */
export const DEFAULT_CONSENT_LEVEL = CONSENT_LEVEL.interne;

/** The channels a membership gives a consent level for (fields of its consent component). */
export const CONSENT_CHANNELS = ['postalAddress', 'landline', 'mobile', 'email'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const CONSENT_CHANNEL = {
  postalAddress: 'postalAddress',
  landline: 'landline',
  mobile: 'mobile',
  email: 'email',
} as const satisfies NamedBy<ConsentChannel>;

/**
 * A template's « Mise en page » choice besides a layout's documentId: the default layout, or
 * « sans mise en page ».
 */
export const LAYOUT_CHOICE = { default: '', none: 'none' } as const;
