import type { SkipReason } from '../services/batches';
import type { Translate } from './useT';

/** Why a record of a grouped send gets no mail, as the managers read it. */
export const skipReasonLabel = (t: Translate, reason: SkipReason) => {
  switch (reason) {
    case 'no-email':
      return t('bulk.skip.no-email', 'Sans adresse e-mail');
    case 'invalid-email':
      return t('bulk.skip.invalid-email', 'Adresse invalide');
    case 'consent':
      return t('bulk.skip.consent', 'Consentement insuffisant');
    case 'notification':
      return t('bulk.skip.notification', 'Notification non choisie par l’adhérent');
    case 'duplicate':
      return t('bulk.skip.duplicate', 'Adresse en double');
    case 'no-row':
      return t('bulk.skip.no-row', 'Aucune donnée d’extraction');
    case 'not-found':
      return t('bulk.skip.not-found', 'Fiche introuvable');
    case 'render':
      return t('bulk.skip.render', 'Erreur de rendu');
    default:
      return reason;
  }
};
