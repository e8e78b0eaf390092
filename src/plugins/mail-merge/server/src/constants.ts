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

/**
 * The life of a mail in the ledger (`plugin::mail-merge.message`). A mail is written `queued`
 * (or `held` when its grouped send is paused, `skipped` for a recipient of a grouped send who gets
 * no mail). The dispatcher claims it (`sending`, committed before the provider is called), then
 * records the outcome. A row left in `sending` by a process that died becomes `uncertain`.
 */
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'uncertain', 'held', 'cancelled', 'skipped'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The statuses a mail may be written with. */
export const INITIAL_STATUSES = ['queued', 'held', 'skipped'] as const satisfies readonly MessageStatus[];

/**
 * Every allowed move; anything else throws (services/ledger/transitions.ts).
 * - sending → queued: a transient failure retried later, or a claimed mail released unsent;
 * - sending → held | cancelled: its grouped send was paused or cancelled before it left;
 * - failed | uncertain → queued: « Renvoyer » (uncertain ones only one by one, by a person);
 * - failed → held: « Relancer les échecs » of a paused grouped send.
 */
export const MESSAGE_TRANSITIONS = {
  queued: ['sending', 'held', 'cancelled'],
  sending: ['sent', 'failed', 'queued', 'uncertain', 'held', 'cancelled'],
  held: ['queued', 'cancelled'],
  failed: ['queued', 'held'],
  uncertain: ['queued'],
  sent: [],
  cancelled: [],
  skipped: [],
} as const satisfies Record<MessageStatus, readonly MessageStatus[]>;

/** Statuses of a mail still to leave: a grouped send with any of them is not done. */
export const PENDING_STATUSES = ['queued', 'sending', 'held'] as const satisfies readonly MessageStatus[];

export const BATCH_STATUSES = ['preparing', 'sending', 'paused', 'done', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
/** A grouped send whose mails are being written or delivered. */
export const RUNNING_BATCH_STATUSES = ['preparing', 'sending'] as const satisfies readonly BatchStatus[];

export const MESSAGE_UID = 'plugin::mail-merge.message';
export const EVENT_UID = 'plugin::mail-merge.event';
export const BATCH_UID = 'plugin::mail-merge.batch';
