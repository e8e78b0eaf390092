import { Box, Flex, Radio, Typography } from '@strapi/design-system';
import type { ConsentChannel, ConsentLevel } from '../../services/sending';
import { useT } from '../../utils/useT';
import { CHANNELS, channelLabel, LEVELS, levelLabel } from './labels';

type Props = {
  levels: Record<ConsentChannel, ConsentLevel>;
  onChange: (channel: ConsentChannel, level: ConsentLevel) => void;
  disabled?: boolean;
};

/** The four contact details, each with its four levels as radio choices, and what each level means (as in the document). */
export const ConsentLevels = ({ levels, onChange, disabled }: Props) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex direction="column" alignItems="stretch" gap={3} tag="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        {CHANNELS.map((channel) => (
          <Flex key={channel} gap={4} alignItems="center" wrap="wrap" data-channel={channel}>
            <Box minWidth="18rem">
              <Typography fontWeight="semiBold" id={`mm-consent-${channel}`}>
                {channelLabel(t, channel)}
              </Typography>
            </Box>
            <Radio.Group
              aria-labelledby={`mm-consent-${channel}`}
              value={levels[channel]}
              onValueChange={(value: string) => onChange(channel, value as ConsentLevel)}
              disabled={disabled}
              style={{ display: 'flex', gap: '2.4rem', flexDirection: 'row' }}
            >
              {LEVELS.map((level) => (
                <Radio.Item key={level} value={level}>
                  {levelLabel(t, level)}
                </Radio.Item>
              ))}
            </Radio.Group>
          </Flex>
        ))}
      </Flex>
      <Box background="neutral100" hasRadius padding={4}>
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="pi">{t('consent.meaning.refus', '(0) Refus : la mutuelle n’a pas le droit d’utiliser les coordonnées.')}</Typography>
          <Typography variant="pi">{t('consent.meaning.interne', '(1) Interne : la mutuelle ne peut utiliser les coordonnées que dans le cadre d’un usage interne (gestion).')}</Typography>
          <Typography variant="pi">{t('consent.meaning.limite', '(2) Limité : la mutuelle est autorisée à effectuer des communications qui n’entrent pas dans le cadre de la gestion (démarchage, ...).')}</Typography>
          <Typography variant="pi">{t('consent.meaning.public', '(3) Public : la mutuelle est autorisée à communiquer les coordonnées à des fins commerciales à un organisme tiers.')}</Typography>
        </Flex>
      </Box>
    </Flex>
  );
};
