/**
 * What an enhanced status code (RFC 3463, `class.subject.detail`) means, in the words a
 * gestionnaire reads on the record's timeline and in the refusal of a later send. The codes
 * listed are those remote servers actually give for a dead or refused address; any other says
 * its class.
 */
const DETAILS: Record<string, string> = {
  '5.1.1': 'adresse inconnue',
  '5.1.2': 'domaine inconnu',
  '5.1.3': 'adresse mal formée',
  '5.1.6': 'adresse qui n’existe plus',
  '5.1.10': 'domaine sans serveur de messagerie',
  '5.2.1': 'boîte aux lettres désactivée',
  '5.2.2': 'boîte aux lettres pleine',
  '5.2.3': 'message trop volumineux',
  '5.3.0': 'refus du serveur destinataire',
  '5.4.1': 'adresse refusée par le serveur destinataire',
  '5.4.4': 'destination injoignable',
  '5.4.7': 'délai de remise dépassé',
  '5.7.1': 'refusé par le destinataire (politique ou filtrage)',
  '5.7.26': 'refusé faute d’authentification (SPF, DKIM, DMARC)',
  '4.2.2': 'boîte aux lettres pleine',
  '4.4.1': 'serveur destinataire injoignable',
  '4.4.7': 'délai de remise dépassé',
  '4.7.1': 'remise retardée par le destinataire',
};

/** « adresse inconnue (5.1.1) »; `4.4.7` on a failed Action reads « délai de remise dépassé ». */
export const bounceReason = (status: string) => {
  const detail = DETAILS[status];
  if (detail) return `${detail} (${status})`;
  return status.startsWith('5') ? `refus définitif (${status})` : `remise retardée (${status})`;
};
