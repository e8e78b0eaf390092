import { CONSENT_CHANNELS, CONSENT_LEVEL, CONSENT_LEVELS } from '../../constants';
import type { ConsentChannel, ConsentLevel } from '../../services/sending';
import type { Translate } from '../../utils/useT';

export const LEVELS: readonly ConsentLevel[] = CONSENT_LEVELS;
export const CHANNELS: readonly ConsentChannel[] = CONSENT_CHANNELS;

export const levelLabel = (t: Translate, level: ConsentLevel | null) => {
  switch (level) {
    case CONSENT_LEVEL.refus:
      return t('consent.level.refus', 'Refus (0)');
    case CONSENT_LEVEL.interne:
      return t('consent.level.interne', 'Interne (1)');
    case CONSENT_LEVEL.limite:
      return t('consent.level.limite', 'Limité (2)');
    case CONSENT_LEVEL.public:
      return t('consent.level.public', 'Public (3)');
    default:
      return '—';
  }
};

export const channelLabel = (t: Translate, channel: ConsentChannel) =>
  ({
    postalAddress: t('consent.channel.postalAddress', 'Adresse postale'),
    landline: t('consent.channel.landline', 'Téléphone fixe'),
    mobile: t('consent.channel.mobile', 'Téléphone portable'),
    email: t('consent.channel.email', 'Adresse électronique'),
  })[channel] ?? channel;
