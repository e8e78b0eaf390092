import { Box, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { ConsentForm } from '../../services/sending';
import { useT } from '../../utils/useT';
import { channelLabel, levelLabel } from './labels';

/** Every change of the membership's levels and choices: when, what, from what to what, by whom. */
export const ChangeHistory = ({ history }: { history: ConsentForm['history'] }) => {
  const t = useT();
  const { formatDate } = useIntl();
  if (history.length === 0) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {t('consent.history.empty', 'Aucune modification enregistrée.')}
      </Typography>
    );
  }
  return (
    <Box>
      <Table colCount={4} rowCount={history.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('consent.history.date', 'Date')}</Typography></Th>
            <Th><Typography variant="sigma">{t('consent.history.channel', 'Coordonnée')}</Typography></Th>
            <Th><Typography variant="sigma">{t('consent.history.change', 'Changement')}</Typography></Th>
            <Th><Typography variant="sigma">{t('consent.history.by', 'Par')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {history.map((h, index) => (
            <Tr key={`${h.createdAt}-${h.channel}-${index}`}>
              <Td><Typography>{formatDate(h.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</Typography></Td>
              <Td><Typography>{channelLabel(t, h.channel)}</Typography></Td>
              <Td><Typography>{`${levelLabel(t, h.oldLevel)} → ${levelLabel(t, h.newLevel)}`}</Typography></Td>
              <Td><Typography>{h.changedBy ?? '—'}</Typography></Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Box>
  );
};
