import { MESSAGE_STATUS, SKIP_REASON, type MessageStatus, type SkipReason } from '../constants';
import { HARD_BOUNCE, SOFT_BOUNCE } from '../services/ledger/bounces';

/**
 * The words of the grouped-send report (CSV), as the admin shows them (admin translations
 * `status.*` and `bulk.skip.*`): the report is read by gestionnaires in a spreadsheet. The codes stay
 * in their own columns for whoever filters or processes the file.
 */
const STATUS: Record<MessageStatus, string> = {
  sent: 'envoyé',
  queued: 'en file',
  sending: 'en cours',
  failed: 'échec',
  uncertain: 'incertain',
  held: 'en pause',
  cancelled: 'annulé',
  skipped: 'non envoyé',
  bounced: 'non distribué',
};

const REASON: Record<string, string> = {
  [SKIP_REASON.noEmail]: 'Sans adresse e-mail',
  [SKIP_REASON.invalidEmail]: 'Adresse invalide',
  [SKIP_REASON.bounced]: 'Adresse en échec',
  [SKIP_REASON.consent]: 'Consentement insuffisant',
  [SKIP_REASON.notification]: 'Notification non choisie par l’adhérent',
  [SKIP_REASON.duplicate]: 'Adresse en double',
  [SKIP_REASON.noRow]: 'Aucune donnée d’extraction',
  [SKIP_REASON.notFound]: 'Fiche introuvable',
  [SKIP_REASON.render]: 'Erreur de rendu',
  // The error code of a mail its cancelled grouped send never let leave.
  [MESSAGE_STATUS.cancelled]: 'Envoi groupé annulé',
  // What a delivery status notification said of a mail that left (services/bounces).
  [HARD_BOUNCE]: 'Non distribué (retour du serveur destinataire)',
  [SOFT_BOUNCE]: 'Remise retardée',
} satisfies Record<SkipReason | typeof MESSAGE_STATUS.cancelled | typeof HARD_BOUNCE | typeof SOFT_BOUNCE, string>;

export const reportStatusLabel = (status: string | null | undefined) => (status ? ((STATUS as Record<string, string>)[status] ?? status) : '');
export const reportReasonLabel = (reason: string | null | undefined) => (reason ? (REASON[reason] ?? reason) : '');
