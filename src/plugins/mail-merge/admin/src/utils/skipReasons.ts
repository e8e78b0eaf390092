import { SKIP_REASON, type SkipReason } from '../../../shared/constants';
import type { Translate } from './useT';

/** Why a record of a grouped send gets no mail, as the managers read it. */
export const skipReasonLabel = (t: Translate, reason: SkipReason) => {
  switch (reason) {
    case SKIP_REASON.noEmail:
      return t('bulk.skip.no-email', 'Sans adresse e-mail');
    case SKIP_REASON.invalidEmail:
      return t('bulk.skip.invalid-email', 'Adresse invalide');
    case SKIP_REASON.bounced:
      return t('bulk.skip.bounced', 'Adresse en échec');
    case SKIP_REASON.consent:
      return t('bulk.skip.consent', 'Consentement insuffisant');
    case SKIP_REASON.notification:
      return t('bulk.skip.notification', 'Notification non choisie par l’adhérent');
    case SKIP_REASON.duplicate:
      return t('bulk.skip.duplicate', 'Adresse en double');
    case SKIP_REASON.noRow:
      return t('bulk.skip.no-row', 'Aucune donnée d’extraction');
    case SKIP_REASON.notFound:
      return t('bulk.skip.not-found', 'Fiche introuvable');
    case SKIP_REASON.render:
      return t('bulk.skip.render', 'Erreur de rendu');
    default:
      return reason;
  }
};
