/**
 * The channels a notification can take (« Courrier, Mail, SMS, Appli. Mobile, Portail Web » in
 * MutualIT): the mutual offers some of them for each notification type, the member chooses among
 * those offered. Stored as JSON arrays of these codes, always in this order.
 */
export const NOTIFICATION_CHANNELS = ['courrier', 'mail', 'sms', 'application', 'portail'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const CHANNEL_LABELS: Record<NotificationChannel, string> = {
  courrier: 'Courrier',
  mail: 'Mail',
  sms: 'SMS',
  application: 'Application mobile',
  portail: 'Portail web',
};

export const NOTIFICATION_TYPE_UID = 'api::notification-type.notification-type';

/** The three notifications of the MutualIT document, shipped with the app. */
export const SHIPPED_NOTIFICATION_TYPES = [
  {
    code: 'rejet-virement-sante',
    label: 'Envoi des notifications de rejets de virements en santé pour les adhérents',
    active: false,
    channels: ['mail'],
  },
  {
    code: 'remboursement-assure',
    label: 'Envoi des notifications de remboursement Assuré',
    active: true,
    channels: ['mail'],
  },
  {
    code: 'rejet-prelevement-adherent',
    label: 'Rejet de prélèvement adhérent',
    active: true,
    channels: ['mail'],
  },
] as const;
