import { Badge, Checkbox, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { NotificationChannel, NotificationSetting } from '../../services/sending';
import { useT, type Translate } from '../../utils/useT';

export const NOTIFICATION_CHANNELS: NotificationChannel[] = ['courrier', 'mail', 'sms', 'application', 'portail'];

export const notificationChannelLabel = (t: Translate, channel: NotificationChannel) =>
  ({
    courrier: t('notifications.channel.courrier', 'Courrier'),
    mail: t('notifications.channel.mail', 'Mail'),
    sms: t('notifications.channel.sms', 'SMS'),
    application: t('notifications.channel.application', 'Application mobile'),
    portail: t('notifications.channel.portail', 'Portail web'),
  })[channel] ?? channel;

type Props = {
  settings: NotificationSetting[];
  chosen: Record<string, NotificationChannel[]>;
  onChange: (code: string, channels: NotificationChannel[]) => void;
  disabled?: boolean;
};

/**
 * « Liste des notifications disponibles »: each type with what the mutual offers (activated, its
 * channels: read-only here) and the member's choice among the offered channels (editable).
 */
export const NotificationChoices = ({ settings, chosen, onChange, disabled }: Props) => {
  const t = useT();
  if (settings.length === 0) {
    return <Typography textColor="neutral600">{t('notifications.none', 'La mutuelle n’a paramétré aucune notification.')}</Typography>;
  }
  return (
    <Table colCount={2 + NOTIFICATION_CHANNELS.length} rowCount={settings.length + 1}>
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">{t('notifications.type', 'Notification')}</Typography></Th>
          <Th><Typography variant="sigma">{t('notifications.active', 'Activée par la mutuelle')}</Typography></Th>
          {NOTIFICATION_CHANNELS.map((channel) => (
            <Th key={channel}><Typography variant="sigma">{notificationChannelLabel(t, channel)}</Typography></Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {settings.map((setting) => {
          const current = chosen[setting.code] ?? [];
          return (
            <Tr key={setting.code} data-notification={setting.code}>
              <Td><Typography fontWeight="semiBold">{setting.label}</Typography></Td>
              <Td>
                {setting.active ? (
                  <Badge textColor="success700" backgroundColor="success100">{t('notifications.active.yes', 'Oui')}</Badge>
                ) : (
                  <Badge>{t('notifications.active.no', 'Non')}</Badge>
                )}
              </Td>
              {NOTIFICATION_CHANNELS.map((channel) => {
                const offered = setting.active && setting.channels.includes(channel);
                return (
                  <Td key={channel}>
                    {offered ? (
                      <Checkbox
                        aria-label={`${setting.label} — ${notificationChannelLabel(t, channel)}`}
                        checked={current.includes(channel)}
                        disabled={disabled}
                        onCheckedChange={(checked: boolean) =>
                          onChange(setting.code, checked ? [...current, channel] : current.filter((c) => c !== channel))
                        }
                      />
                    ) : (
                      <Typography textColor="neutral400" aria-label={t('notifications.notOffered', 'Non proposé par la mutuelle')}>—</Typography>
                    )}
                  </Td>
                );
              })}
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
