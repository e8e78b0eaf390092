import type { MessageStatus } from '../../shared/constants';

export const PLUGIN_ID = 'mail-merge';

/**
 * Admin permission actions, section « plugins » of the role editor. The last segment of each uid
 * is distinct so that the admin's useRBAC gives distinct flags (canSendSingle, canSendBulk, …).
 */
export const ACTIONS = [
  { uid: 'send-single', displayName: 'Envoyer un mail unitaire', subCategory: 'envoi' },
  { uid: 'send-bulk', displayName: 'Envoyer un mail groupé', subCategory: 'envoi' },
  { uid: 'messages-read', displayName: 'Suivi des mails envoyés', subCategory: 'envoi' },
  { uid: 'extractions-read', displayName: 'Consulter les extractions pour mails', subCategory: 'paramétrage' },
  { uid: 'extractions-manage', displayName: 'Gérer les extractions pour mails', subCategory: 'paramétrage' },
  { uid: 'templates-read', displayName: 'Consulter les modèles de mail', subCategory: 'paramétrage' },
  { uid: 'templates-manage', displayName: 'Gérer les modèles de mail', subCategory: 'paramétrage' },
] as const;

export type ActionUid = (typeof ACTIONS)[number]['uid'];

/** `plugin::mail-merge.<uid>`, the id Strapi gives a plugin action. */
export const actionId = (uid: ActionUid) => `plugin::${PLUGIN_ID}.${uid}` as const;

export const ALL_ACTION_IDS = ACTIONS.map((a) => actionId(a.uid));

/** Statuses, skip reasons and consent values: shared with the admin (shared/constants.ts). */
export * from '../../shared/constants';

/** The statuses a mail may be written with. */
export const INITIAL_STATUSES = ['queued', 'held', 'skipped'] as const satisfies readonly MessageStatus[];

/**
 * Every allowed move; anything else throws (services/ledger/transitions.ts).
 * - sending → queued: a transient failure retried later, or a claimed mail released unsent;
 * - sending → held | cancelled: its grouped send was paused or cancelled before it left;
 * - failed | uncertain → queued: « Renvoyer » (uncertain ones only one by one, by a person);
 * - failed → held: « Relancer les échecs » of a paused grouped send;
 * - sent → bounced: the relay accepted it, then a delivery status notification said it failed
 *   for good (services/bounces);
 * - sending → bounced: the same DSN arriving before the outcome was flushed (outcomes are written
 *   behind, in bulk, and only onto rows still `sending`: the flush then leaves the row bounced);
 * - uncertain → bounced: a DSN proves an interrupted delivery did leave, and failed.
 */
export const MESSAGE_TRANSITIONS = {
  queued: ['sending', 'held', 'cancelled'],
  sending: ['sent', 'failed', 'queued', 'uncertain', 'held', 'cancelled', 'bounced'],
  held: ['queued', 'cancelled'],
  failed: ['queued', 'held'],
  uncertain: ['queued', 'bounced'],
  sent: ['bounced'],
  cancelled: [],
  skipped: [],
  bounced: [],
} as const satisfies Record<MessageStatus, readonly MessageStatus[]>;

/** Statuses of a mail still to leave: a grouped send with any of them is not done. */
export const PENDING_STATUSES = ['queued', 'sending', 'held'] as const satisfies readonly MessageStatus[];

/** The mails « Renvoyer » applies to (uncertain ones one by one, by a person who checked). */
export const RESENDABLE_STATUSES = ['failed', 'uncertain'] as const satisfies readonly MessageStatus[];

/** What the dispatcher records of a delivery (`uncertain` is only ever set on stale claims). */
export type OutcomeStatus = Extract<MessageStatus, 'sent' | 'failed' | 'queued' | 'held' | 'cancelled'>;

/** Where a claimed mail this instance will not deliver goes back to. */
export type ReleaseStatus = Extract<MessageStatus, 'queued' | 'held' | 'cancelled'>;

/** What a paused (`held`) or cancelled batch tells the dispatcher holding its mails. */
export type HaltStatus = Extract<MessageStatus, 'held' | 'cancelled'>;

export const MESSAGE_UID = 'plugin::mail-merge.message';
export const EVENT_UID = 'plugin::mail-merge.event';
export const BATCH_UID = 'plugin::mail-merge.batch';
export const SUPPRESSION_UID = 'plugin::mail-merge.suppression';
