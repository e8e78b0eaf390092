import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { NOTIFICATION_CHANNELS, NOTIFICATION_TYPE_UID, type NotificationChannel } from '../api/notification-type/channels';

const ADHESION = 'api::adhesion.adhesion';
const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type NotificationChoices = Record<string, NotificationChannel[]>;

/** A 400 in French (the mutual's language) with a stable code and the English text in details. */
const invalid = (code: string, fr: string, en: string, extra: Record<string, unknown> = {}) =>
  new errors.ValidationError(fr, { code, en, ...extra });

const isChannel = (value: unknown): value is NotificationChannel => NOTIFICATION_CHANNELS.includes(value as NotificationChannel);

/** Distinct channels in their canonical order; anything that is not a channel is refused. */
const channelList = (value: unknown, where: { fr: string; en: string; type?: string }): NotificationChannel[] => {
  if (!Array.isArray(value)) {
    throw invalid(
      'notification.channels-not-a-list',
      `${where.fr} : la liste des canaux est attendue (parmi ${NOTIFICATION_CHANNELS.join(', ')}).`,
      `${where.en}: a list of channels is expected (among ${NOTIFICATION_CHANNELS.join(', ')}).`,
      { type: where.type }
    );
  }
  const unknown = value.filter((channel) => !isChannel(channel));
  if (unknown.length > 0) {
    throw invalid(
      'notification.unknown-channel',
      `${where.fr} : canal inconnu « ${unknown.map(String).join(', ')} » (canaux possibles : ${NOTIFICATION_CHANNELS.join(', ')}).`,
      `${where.en}: unknown channel "${unknown.map(String).join(', ')}" (channels: ${NOTIFICATION_CHANNELS.join(', ')}).`,
      { type: where.type, channels: unknown }
    );
  }
  return NOTIFICATION_CHANNELS.filter((channel) => value.includes(channel));
};

const sameChannels = (a: unknown, b: unknown) =>
  JSON.stringify(Array.isArray(a) ? [...a].sort() : []) === JSON.stringify(Array.isArray(b) ? [...b].sort() : []);

/** The mutual's settings: a kebab-case code, channels among the five. */
const checkType = (data: Record<string, any>) => {
  if ('code' in data && (typeof data.code !== 'string' || !CODE.test(data.code))) {
    throw invalid(
      'notification.invalid-code',
      `Code de notification invalide « ${String(data.code)} » : minuscules, chiffres et tirets (par exemple « remboursement-assure »).`,
      `Invalid notification code "${String(data.code)}": lower case, digits and hyphens (for example "remboursement-assure").`
    );
  }
  if ('channels' in data) {
    const channels = data.channels === null ? [] : data.channels;
    data.channels = channelList(channels, { fr: 'Canaux proposés par la mutuelle', en: 'Channels offered by the mutual' });
  }
};

/**
 * The member's choices `{ [typeCode]: Channel[] }`: only activated types, only among the channels
 * the mutual offers for each. An entry left as it was stored is kept without being judged again
 * (a type deactivated since must not block a change of another type or of the consent levels).
 */
const checkChoices = async (strapi: Core.Strapi, value: unknown, stored: NotificationChoices): Promise<NotificationChoices> => {
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(
      'notification.choices-not-an-object',
      'Choix de notifications invalides : un objet { code de notification : [canaux] } est attendu.',
      'Invalid notification choices: an object { notification code: [channels] } is expected.'
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const changed = entries.filter(([code, channels]) => !(code in stored && sameChannels(stored[code], channels)));
  const types = changed.length
    ? ((await strapi.documents(NOTIFICATION_TYPE_UID as any).findMany({
        filters: { code: { $in: changed.map(([code]) => code) } },
        limit: -1,
      } as any)) as any[])
    : [];
  const byCode = new Map(types.map((type) => [type.code, type]));
  const result: NotificationChoices = {};
  for (const [code, channels] of entries) {
    if (!changed.some(([c]) => c === code)) {
      result[code] = stored[code];
      continue;
    }
    const type = byCode.get(code);
    if (!type) {
      throw invalid(
        'notification.unknown-type',
        `Type de notification inconnu : « ${code} ».`,
        `Unknown notification type: "${code}".`,
        { type: code }
      );
    }
    const chosen = channelList(channels, { fr: `Notification « ${type.label} »`, en: `Notification "${code}"`, type: code });
    if (!type.active && chosen.length > 0) {
      throw invalid(
        'notification.inactive-type',
        `La notification « ${type.label} » n’est pas activée par la mutuelle : aucun canal ne peut être choisi.`,
        `The notification "${code}" is not activated by the mutual: no channel can be chosen.`,
        { type: code }
      );
    }
    const offered: string[] = Array.isArray(type.channels) ? type.channels : [];
    const notOffered = chosen.filter((channel) => !offered.includes(channel));
    if (notOffered.length > 0) {
      throw invalid(
        'notification.channel-not-offered',
        `La mutuelle ne propose pas le canal « ${notOffered.join(', ')} » pour la notification « ${type.label} » (proposés : ${offered.join(', ') || 'aucun'}).`,
        `The mutual does not offer the channel "${notOffered.join(', ')}" for the notification "${code}" (offered: ${offered.join(', ') || 'none'}).`,
        { type: code, channels: notOffered }
      );
    }
    result[code] = chosen;
  }
  return result;
};

/**
 * Validates, on every path (Content Manager, content API, members' space, the plugin), the
 * mutual's notification settings and each adhesion's notification choices. A refusal is a 400.
 */
export const notificationSettings =
  (strapi: Core.Strapi): Parameters<Core.Strapi['documents']['use']>[0] =>
  async (ctx, next) => {
    if (ctx.action !== 'create' && ctx.action !== 'update') return next();
    const params = ctx.params as { data?: Record<string, any>; documentId?: string };
    if (!params?.data) return next();

    if (ctx.uid === NOTIFICATION_TYPE_UID) {
      checkType(params.data);
    } else if (ctx.uid === ADHESION && 'notificationChoices' in params.data && params.data.notificationChoices !== undefined) {
      const stored =
        ctx.action === 'update' && params.documentId
          ? (((await strapi.documents(ADHESION).findOne({ documentId: params.documentId, fields: ['notificationChoices'] } as any)) as any)
              ?.notificationChoices ?? {})
          : {};
      params.data.notificationChoices = await checkChoices(strapi, params.data.notificationChoices, stored ?? {});
    }
    return next();
  };
