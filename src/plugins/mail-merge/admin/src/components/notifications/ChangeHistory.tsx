import { Box, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { ConsentChange, NotificationChannel } from '../../services/sending';
import { useT, type Translate } from '../../utils/useT';
import { channelLabel, levelLabel } from './labels';
import { notificationChannelLabel } from './NotificationChoices';

const channels = (t: Translate, list: NotificationChannel[] | null) =>
  list && list.length > 0 ? list.map((channel) => notificationChannelLabel(t, channel)).join(', ') : t('notifications.nothing', 'aucun');

/** What changed, in the words of the screen: a contact detail's level, or a notification's channels. */
const describe = (t: Translate, change: ConsentChange, typeLabel: (code: string) => string) =>
  change.subject === 'notification'
    ? { what: typeLabel(change.notificationType), how: `${channels(t, change.oldChannels)} → ${channels(t, change.newChannels)}` }
    : { what: channelLabel(t, change.channel), how: `${levelLabel(t, change.oldLevel)} → ${levelLabel(t, change.newLevel)}` };

/** Every change of the membership's levels and choices: when, what, from what to what, by whom. */
export const ChangeHistory = ({ history, typeLabel }: { history: ConsentChange[]; typeLabel: (code: string) => string }) => {
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
            <Th><Typography variant="sigma">{t('consent.history.subject', 'Coordonnée ou notification')}</Typography></Th>
            <Th><Typography variant="sigma">{t('consent.history.change', 'Changement')}</Typography></Th>
            <Th><Typography variant="sigma">{t('consent.history.by', 'Par')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {history.map((h, index) => {
            const { what, how } = describe(t, h, typeLabel);
            return (
              <Tr key={`${h.createdAt}-${index}`}>
                <Td><Typography>{formatDate(h.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</Typography></Td>
                <Td><Typography>{what}</Typography></Td>
                <Td><Typography>{how}</Typography></Td>
                <Td><Typography>{h.changedBy ?? '—'}</Typography></Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
    </Box>
  );
};
