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
