/**
 * Notifications (« Liste des notifications disponibles »): a template may be tied to one of the
 * mutual's notification types. Besides consent, such a mail goes only to memberships whose member
 * chose the mail channel for that type, and only while the mutual offers mail for it and keeps it
 * activated. The one rule, used by the single send (compose, queue), the grouped send (pre-flight
 * and preparation) and the dispatcher just before delivery. Pages without consent (legal entities)
 * are not gated.
 *
 * The types and the choices are the app's data (config `notifications`): types carry code, label,
 * active and channels; the consent holder (the adhesion) carries `{ [code]: channels[] }`.
 */
import type { Core } from '@strapi/strapi';
import type { NotificationSettings, PageConfig } from '../config/schema';
import { SKIP_REASON } from '../constants';
import { getConfig } from '../utils/config';
import { forbiddenError, notFoundError, validationError } from '../utils/errors';
import { choicesPathFor, populateFor, readPath, selectFor } from '../utils/paths';
import { documentsOf, type DocumentRow } from '../utils/strapi-adapters';

export type NotificationType = { code: string; label: string; active: boolean; channels: string[] };
export type NotificationChoices = Record<string, string[]>;
/** Why a mail tied to a type may not go: the type is gone, off, mail not offered, or not chosen. */
export type NotificationRefusal = 'unknown-type' | 'inactive' | 'not-offered' | 'not-chosen';

export type NotificationOverview = NotificationType & { chosen: string[] };

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** A record of the app's notification types (config `notifications.contentType`), the fields read. */
type NotificationTypeRecord = { code: string; label: string; active?: boolean | null; channels?: unknown };

const toType = (record: NotificationTypeRecord): NotificationType => ({
  code: record.code,
  label: record.label,
  active: Boolean(record.active),
  channels: asList(record.channels),
});

/** The decision itself, on values already read. */
export const notificationRefusal = (
  type: NotificationType | null,
  choices: unknown,
  channel: string
): NotificationRefusal | null => {
  if (!type) return 'unknown-type';
  if (!type.active) return 'inactive';
  if (!type.channels.includes(channel)) return 'not-offered';
  const chosen = choices && typeof choices === 'object' ? asList((choices as Record<string, unknown>)[type.code]) : [];
  return chosen.includes(channel) ? null : 'not-chosen';
};

const MESSAGES: Record<NotificationRefusal, (code: string, label: string) => { fr: string; en: string }> = {
  'unknown-type': (code) => ({
    fr: `Le type de notification « ${code} » du modèle n’existe plus : aucun mail ne peut être envoyé avec ce modèle.`,
    en: `The template's notification type "${code}" no longer exists: no mail can be sent with this template.`,
  }),
  inactive: (code, label) => ({
    fr: `La notification « ${label} » n’est pas activée par la mutuelle : aucun mail ne peut être envoyé avec ce modèle.`,
    en: `The notification "${code}" is not activated by the mutual: no mail can be sent with this template.`,
  }),
  'not-offered': (code, label) => ({
    fr: `La mutuelle ne propose pas le mail pour la notification « ${label} ».`,
    en: `The mutual does not offer mail for the notification "${code}".`,
  }),
  'not-chosen': (code, label) => ({
    fr: `L’adhérent n’a pas choisi de recevoir la notification « ${label} » par mail : aucun mail ne peut lui être envoyé avec ce modèle.`,
    en: `The member did not choose to receive the notification "${code}" by mail: no mail can be sent with this template.`,
  }),
};

export const refusalMessage = (refusal: NotificationRefusal, code: string, label?: string) => MESSAGES[refusal](code, label ?? code);

export type NotificationState = {
  gated: boolean;
  type: NotificationType | null;
  code: string | null;
  allowed: boolean;
  refusal: NotificationRefusal | null;
};

const createNotificationsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = (): NotificationSettings | undefined => getConfig(strapi).notifications;

  const types = () => documentsOf<NotificationTypeRecord>(strapi, settings()!.contentType);

  const choicesPath = (page: PageConfig) => choicesPathFor(page, settings()?.choicesAttribute);

  const listTypes = async (): Promise<NotificationType[]> => {
    if (!settings()) return [];
    const records = await types().findMany({ sort: ['label:asc'], limit: -1 });
    return records.map(toType);
  };

  const typeByCode = async (code: string): Promise<NotificationType | null> => {
    if (!settings()) return null;
    const record = await types().findFirst({ filters: { code } });
    return record ? toType(record) : null;
  };

  const choicesFor = async (page: PageConfig, recordIds: string[]): Promise<Map<string, unknown>> => {
    const found = new Map<string, unknown>();
    const path = choicesPath(page);
    if (!path || recordIds.length === 0) return found;
    const records = await documentsOf<DocumentRow>(strapi, page.contentType).findMany({
      filters: { documentId: { $in: [...new Set(recordIds)] } },
      fields: selectFor([path]),
      populate: populateFor([path]),
    });
    for (const record of records) found.set(record.documentId, readPath(record, path) ?? null);
    return found;
  };

  const stateFor = async (page: PageConfig, recordId: string, code: string | null | undefined): Promise<NotificationState> => {
    const path = choicesPath(page);
    if (!code || !path) return { gated: false, type: null, code: code ?? null, allowed: true, refusal: null };
    const type = await typeByCode(code);
    const choices = await choicesFor(page, [recordId]);
    if (!choices.has(recordId)) throw notFoundError('record.not-found', 'Fiche introuvable.', 'Record not found.', { record: recordId });
    const refusal = notificationRefusal(type, choices.get(recordId), settings()!.channel);
    return { gated: true, type, code, allowed: refusal === null, refusal };
  };

  return {
    settings,
    choicesPath,
    listTypes,
    typeByCode,
    choicesFor,
    stateFor,

    /** For a template being saved: its type must exist (it may be inactive: the mutual may activate it later). */
    async assertKnownType(code: string | null | undefined) {
      if (!code) return null;
      if (!settings()) {
        throw validationError(
          'template.notifications-off',
          'Les notifications ne sont pas configurées : un modèle ne peut pas être rattaché à un type de notification.',
          'Notifications are not configured: a template cannot be tied to a notification type.',
          { field: 'notificationType' }
        );
      }
      const type = await typeByCode(code);
      if (!type) {
        throw validationError(
          'template.unknown-notification',
          `Type de notification inconnu : « ${code} ».`,
          `Unknown notification type: "${code}".`,
          { field: 'notificationType', notificationType: code }
        );
      }
      return type;
    },

    /** Every type with the mutual's settings and the member's choice (chosen among the offered channels). */
    async overview(choices: unknown): Promise<NotificationOverview[]> {
      const stored = choices && typeof choices === 'object' ? (choices as Record<string, unknown>) : {};
      return (await listTypes()).map((type) => ({
        ...type,
        chosen: asList(stored[type.code]).filter((channel) => type.channels.includes(channel)),
      }));
    },

    /** Throws a 403 with reason « notification » when this mail may not go to this record. */
    async assertAllowed(page: PageConfig, recordId: string, code: string | null | undefined) {
      const state = await stateFor(page, recordId, code);
      if (!state.allowed) {
        const { fr, en } = refusalMessage(state.refusal!, code!, state.type?.label);
        throw forbiddenError(SKIP_REASON.notification, fr, en, { reason: SKIP_REASON.notification, refusal: state.refusal, notificationType: code });
      }
      return state;
    },
  };
};

export type NotificationsService = ReturnType<typeof createNotificationsService>;
export default createNotificationsService;
