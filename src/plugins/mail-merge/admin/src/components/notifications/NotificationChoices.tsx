import * as React from 'react';
import { Checkbox, Typography } from '@strapi/design-system';
import type { NotificationChannel, NotificationSetting } from '../../services/sending';
import { useT, type Translate } from '../../utils/useT';

export const NOTIFICATION_CHANNELS: NotificationChannel[] = ['courrier', 'mail', 'sms', 'application', 'portail'];

export const notificationChannelLabel = (t: Translate, channel: NotificationChannel) =>
  ({
    courrier: t('notifications.channel.courrier', 'Courrier'),
    mail: t('notifications.channel.mail', 'Mail'),
    sms: t('notifications.channel.sms', 'SMS'),
    application: t('notifications.channel.application', 'Appli. mobile'),
    portail: t('notifications.channel.portail', 'Portail web'),
  })[channel] ?? channel;

type Props = {
  settings: NotificationSetting[];
  chosen: Record<string, NotificationChannel[]>;
  onChange: (code: string, channels: NotificationChannel[]) => void;
  disabled?: boolean;
};

// A plain table, not the design system's: its wrapper scrolls sideways, which would hide the
// member's columns at 1440 px; here the twelve columns share the width and the headers wrap.
const cell: React.CSSProperties = { padding: '8px 6px', textAlign: 'center', borderBottom: '1px solid #eaeaef', verticalAlign: 'middle' };
const head: React.CSSProperties = { ...cell, fontSize: '1.1rem', fontWeight: 600, color: '#666687', lineHeight: 1.3 };
const group: React.CSSProperties = { ...head, borderLeft: '2px solid #dcdce4', textTransform: 'uppercase' };

const Tick = ({ on, label }: { on: boolean; label: string }) => (
  <span role="img" aria-label={label} style={{ color: on ? '#328048' : '#a5a5ba', fontWeight: 700 }}>
    {on ? '✓' : '—'}
  </span>
);

/**
 * « Liste des notifications disponibles » laid out as the seed's screen: two column groups,
 * « Paramétrage mutuelle » (activated, then the five channels the mutual offers: read-only here,
 * shown even for a type it has not activated) and « Choix de l'adhérent » (the same five channels,
 * editable where the mutual offers them on an activated type).
 */
export const NotificationChoices = ({ settings, chosen, onChange, disabled }: Props) => {
  const t = useT();
  if (settings.length === 0) {
    return <Typography textColor="neutral600">{t('notifications.none', 'La mutuelle n’a paramétré aucune notification.')}</Typography>;
  }
  const yes = t('notifications.active.yes', 'Oui');
  const no = t('notifications.active.no', 'Non');
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }} data-testid="notification-choices">
      <colgroup>
        <col style={{ width: '28%' }} />
        {Array.from({ length: 1 + 2 * NOTIFICATION_CHANNELS.length }, (_, i) => (
          <col key={i} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th rowSpan={2} scope="col" style={{ ...head, textAlign: 'left' }}>
            {t('notifications.type', 'Libellé de la notification')}
          </th>
          <th colSpan={1 + NOTIFICATION_CHANNELS.length} scope="colgroup" style={group}>
            {t('notifications.group.mutual', 'Paramétrage mutuelle')}
          </th>
          <th colSpan={NOTIFICATION_CHANNELS.length} scope="colgroup" style={group}>
            {t('notifications.group.member', 'Choix de l’adhérent')}
          </th>
        </tr>
        <tr>
          <th scope="col" style={{ ...head, borderLeft: '2px solid #dcdce4' }} data-column="mutual-active">
            {t('notifications.active', 'Activée')}
          </th>
          {NOTIFICATION_CHANNELS.map((channel) => (
            <th key={channel} scope="col" style={head} data-column={`mutual-${channel}`}>
              {notificationChannelLabel(t, channel)}
            </th>
          ))}
          {NOTIFICATION_CHANNELS.map((channel, index) => (
            <th key={channel} scope="col" style={index === 0 ? { ...head, borderLeft: '2px solid #dcdce4' } : head} data-column={`member-${channel}`}>
              {notificationChannelLabel(t, channel)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {settings.map((setting) => {
          const current = chosen[setting.code] ?? [];
          return (
            <tr key={setting.code} data-notification={setting.code}>
              <td style={{ ...cell, textAlign: 'left' }}>
                <Typography fontWeight="semiBold">{setting.label}</Typography>
              </td>
              <td style={{ ...cell, borderLeft: '2px solid #dcdce4' }}>
                <Tick on={setting.active} label={setting.active ? yes : no} />
              </td>
              {NOTIFICATION_CHANNELS.map((channel) => {
                const offered = setting.channels.includes(channel);
                return (
                  <td key={channel} style={cell}>
                    <Tick
                      on={offered}
                      label={`${notificationChannelLabel(t, channel)} : ${offered ? t('notifications.offered', 'proposé') : t('notifications.notOffered', 'Non proposé par la mutuelle')}`}
                    />
                  </td>
                );
              })}
              {NOTIFICATION_CHANNELS.map((channel, index) => {
                const choosable = setting.active && setting.channels.includes(channel);
                return (
                  <td key={channel} style={index === 0 ? { ...cell, borderLeft: '2px solid #dcdce4' } : cell}>
                    {choosable ? (
                      <span style={{ display: 'inline-flex', justifyContent: 'center' }}>
                        <Checkbox
                          aria-label={`${setting.label} — ${notificationChannelLabel(t, channel)}`}
                          checked={current.includes(channel)}
                          disabled={disabled}
                          onCheckedChange={(checked: boolean) =>
                            onChange(setting.code, checked ? [...current, channel] : current.filter((c) => c !== channel))
                          }
                        />
                      </span>
                    ) : (
                      <Typography textColor="neutral400" aria-label={t('notifications.notChoosable', 'Non proposé pour cette notification')}>—</Typography>
                    )}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
};
