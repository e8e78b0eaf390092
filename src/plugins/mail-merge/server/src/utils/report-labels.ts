/**
 * The words of the grouped-send report (CSV), as the admin shows them (admin translations
 * `status.*` and `bulk.skip.*`): the report is read by gestionnaires in a spreadsheet. The codes stay
 * in their own columns for whoever filters or processes the file.
 */
const STATUS: Record<string, string> = {
  sent: 'envoyé',
  queued: 'en file',
  sending: 'en cours',
  failed: 'échec',
  uncertain: 'incertain',
  held: 'en pause',
  cancelled: 'annulé',
  skipped: 'non envoyé',
};

const REASON: Record<string, string> = {
  'no-email': 'Sans adresse e-mail',
  'invalid-email': 'Adresse invalide',
  consent: 'Consentement insuffisant',
  notification: 'Notification non choisie par l’adhérent',
  duplicate: 'Adresse en double',
  'no-row': 'Aucune donnée d’extraction',
  'not-found': 'Fiche introuvable',
  render: 'Erreur de rendu',
  cancelled: 'Envoi groupé annulé',
};

export const reportStatusLabel = (status: string | null | undefined) => (status ? (STATUS[status] ?? status) : '');
export const reportReasonLabel = (reason: string | null | undefined) => (reason ? (REASON[reason] ?? reason) : '');
