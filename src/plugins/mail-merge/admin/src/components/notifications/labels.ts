import type { ConsentChannel, ConsentLevel } from '../../services/sending';
import type { Translate } from '../../utils/useT';

export const LEVELS: ConsentLevel[] = ['refus', 'interne', 'limite', 'public'];
export const CHANNELS: ConsentChannel[] = ['postalAddress', 'landline', 'mobile', 'email'];

export const levelLabel = (t: Translate, level: ConsentLevel | null) => {
  switch (level) {
    case 'refus':
      return t('consent.level.refus', 'Refus (0)');
    case 'interne':
      return t('consent.level.interne', 'Interne (1)');
    case 'limite':
      return t('consent.level.limite', 'Limité (2)');
    case 'public':
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
