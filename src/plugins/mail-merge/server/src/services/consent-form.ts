/**
 * The gestionnaire's consent form (« Notifications & Consentements »): the four levels of the
 * membership that holds a record's consent, the notification types with the mutual's settings
 * (read-only here) and the member's choices, their history, and their change. Only users who may
 * update that membership in the Content Manager may change them; the app validates the choices
 * (src/document-middlewares/notification-settings.ts, a 400 in French) and records every change
 * (src/document-middlewares/consent-audit.ts).
 */
import type { Core } from '@strapi/strapi';
import type { ConsentChange } from '../../../shared/contracts/consent';
import { getService } from '../utils';
import { errorProperty, forbiddenError, notFoundError, validationError } from '../utils/errors';
import { populateFor, readPath } from '../utils/paths';
import type { Ability } from './access';
import { CONSENT_CHANNELS, CONSENT_LEVELS, DEFAULT_CONSENT_LEVEL, type ConsentChannel, type ConsentLevel } from '../constants';
import { validateYupSchema } from '@strapi/utils';
import { preferencesChangeSchema } from '../validation';
import { getConfig } from '../utils/config';
import { documentsOf, contentTypeOf } from '../utils/strapi-adapters';

/** The `page` parameter that designates the membership itself. */
export const HOLDER = 'holder';

const createConsentFormService = ({ strapi }: { strapi: Core.Strapi }) => {
  /** Where a page's consent lives (`member.household.consent.email`): the holder's content type, the component, the relation path to it. */
  const locate = (pageKey: string) => {
    const page = getService('pages', { strapi }).get(pageKey);
    if (!page.consent) {
      throw validationError('consent.not-gated', 'Cette page ne relève pas du consentement (personne morale).', 'This page is not subject to consent (legal entity).');
    }
    const segments = page.consent.path.split('.');
    const relationPath = segments.slice(0, -2); // drop the component and its field
    const component = segments[segments.length - 2];
    let uid = page.contentType;
    for (const segment of relationPath) uid = contentTypeOf(strapi, uid)!.attributes[segment].target!;
    // The form edits a component of levels per channel; an app may keep a single level in a
    // plain field instead (a customer's `contactConsent`): it gates mail, but has no form here.
    if (!component || contentTypeOf(strapi, uid)?.attributes?.[component]?.type !== 'component') {
      throw validationError(
        'consent.no-form',
        'Le consentement de cette page est un simple champ de la fiche : il se modifie dans la fiche.',
        'This page’s consent is a plain field of the record: it is changed on the record.'
      );
    }
    return { page, relationPath, component, uid };
  };

  /** Whether a page's consent has the gestionnaire's form (levels per channel on a membership). */
  const hasForm = (pageKey: string) => {
    try {
      locate(pageKey);
      return true;
    } catch {
      return false;
    }
  };

  /** The content type that holds consent (the adhesion), as the pages with a form describe it. */
  const holderType = () => {
    const gated = getService('pages', { strapi }).list().find((page) => page.consent && hasForm(page.key));
    return gated ? locate(gated.key) : null;
  };

  /**
   * The membership whose consent governs a record. `page` is a page key, or `holder` when the
   * record is the membership itself (the adhesion's own screen).
   */
  const holderOf = async (ability: Ability, pageKey: string, recordId: string) => {
    const access = getService('access', { strapi });
    if (pageKey === HOLDER) {
      const type = holderType();
      if (!type) throw validationError('consent.not-gated', 'Aucune page ne relève du consentement.', 'No page is subject to consent.');
      await access.assertCanReadDocument(ability, type.uid, recordId);
      const holder = await documentsOf(strapi, type.uid).findOne({ documentId: recordId });
      if (!holder) throw notFoundError('record.not-found', 'Adhésion introuvable.', 'Membership not found.');
      return { uid: type.uid, documentId: recordId, component: type.component };
    }
    await access.assertCanRead(ability, locate(pageKey).page, recordId);
    return recordHolder(pageKey, recordId);
  };

  /**
   * The membership of a page's record, read without a user's rights: for holderOf once the user's
   * right is checked, and for a caller that proves its own (a mail's signed unsubscribe link).
   */
  const recordHolder = async (pageKey: string, recordId: string) => {
    const { page, relationPath, component, uid } = locate(pageKey);
    const record = await documentsOf(strapi, page.contentType).findOne({
      documentId: recordId,
      populate: relationPath.length ? populateFor([`${relationPath.join('.')}.documentId`]) : undefined,
    });
    if (!record) throw notFoundError('record.not-found', 'Fiche introuvable.', 'Record not found.');
    const holderId = readPath(record, [...relationPath, 'documentId'].join('.'));
    if (!holderId) {
      throw notFoundError('consent.no-holder', 'Cette fiche n’est rattachée à aucune adhésion.', 'This record belongs to no membership.');
    }
    return { uid, documentId: holderId as string, component };
  };

  /** The CM update right on this membership and on each field changed (field-level rights, conditions). */
  const assertCanUpdate = async (ability: Ability, holder: { uid: string; documentId: string }, fields: string[]) => {
    try {
      await getService('access', { strapi }).assertCanUpdateFields(ability, holder.uid, holder.documentId, fields);
    } catch (error) {
      if (errorProperty(errorProperty(error, 'details'), 'code') === 'record.update-forbidden') {
        throw forbiddenError('consent.forbidden', 'Vous n’avez pas le droit de modifier cette adhésion.', 'You may not update this membership.');
      }
      if (errorProperty(errorProperty(error, 'details'), 'code') === 'record.fields-forbidden') {
        throw forbiddenError(
          'consent.fields-forbidden',
          'Vous n’avez pas le droit de modifier ces champs de l’adhésion (consentement ou choix de notification).',
          'You may not update these fields of the membership (consent or notification choices).',
          { fields: errorProperty(errorProperty(error, 'details'), 'fields') }
        );
      }
      throw error;
    }
  };

  type Holder = { uid: string; documentId: string; component: string };

  /** A membership's four levels (the default for a missing one) and its stored notification choices. */
  const current = async (holder: Holder) => {
    const choicesAttribute = getService('notifications', { strapi }).settings()?.choicesAttribute;
    const entity = await documentsOf(strapi, holder.uid).findOne({
      documentId: holder.documentId,
      populate: [holder.component],
      ...(choicesAttribute ? { fields: [choicesAttribute] } : {}),
    });
    const levels = Object.fromEntries(
      CONSENT_CHANNELS.map((channel) => [channel, readPath(entity?.[holder.component], channel) ?? DEFAULT_CONSENT_LEVEL])
    ) as Record<ConsentChannel, ConsentLevel>;
    const stored = choicesAttribute ? entity?.[choicesAttribute] : null;
    return { levels, choices: (stored && typeof stored === 'object' ? stored : {}) as Record<string, string[]> };
  };

  /**
   * The one write of levels and choices (through the Document Service, so that the app's document
   * middlewares validate the choices and record every change in the consent history). Only the
   * channels and types given change.
   */
  const write = async (holder: Holder, levels: Record<string, string> = {}, choices: Record<string, string[]> | undefined = undefined) => {
    const choicesAttribute = getService('notifications', { strapi }).settings()?.choicesAttribute;
    const data: Record<string, unknown> = {};
    const now = Object.keys(levels).length > 0 || (choices && Object.keys(choices).length > 0) ? await current(holder) : null;
    if (now && Object.keys(levels).length > 0) data[holder.component] = { ...now.levels, ...levels };
    if (now && choices && Object.keys(choices).length > 0) {
      if (!choicesAttribute) {
        throw validationError('consent.notifications-off', 'Les notifications ne sont pas configurées.', 'Notifications are not configured.');
      }
      // Only the types given change; the app refuses unknown or inactive types and channels not offered.
      data[choicesAttribute] = { ...now.choices, ...choices };
    }
    if (Object.keys(data).length > 0) await documentsOf(strapi, holder.uid).update({ documentId: holder.documentId, data });
  };

  return {
    /** Checks a change of levels (under `levelsKey`) and notification choices; French 400 otherwise. */
    validateChange: (body: unknown, levelsKey: string) => validateYupSchema(preferencesChangeSchema(levelsKey))(body),

    hasForm,

    /** The holder's content type uid, for the admin to offer the form on its screen too. */
    holderUid: () => holderType()?.uid ?? null,

    async get(ability: Ability, pageKey: string, recordId: string) {
      const holder = await holderOf(ability, pageKey, recordId);
      const entity = await documentsOf(strapi, holder.uid).findOne({ documentId: holder.documentId, populate: [holder.component] });
      const notifications = getService('notifications', { strapi });
      const choicesAttribute = notifications.settings()?.choicesAttribute;
      const { labelField, history: historySettings } = getConfig(strapi).membership ?? {};
      // The app records the changes (a document middleware); the plugin only reads them, if told where.
      const history = historySettings
        ? await documentsOf<ConsentChange>(strapi, historySettings.contentType).findMany({
            filters: { [historySettings.holderAttribute]: { documentId: holder.documentId } },
            sort: 'createdAt:desc',
            limit: 50,
          })
        : [];
      const levels = Object.fromEntries(
        CONSENT_CHANNELS.map((channel) => [channel, readPath(entity?.[holder.component], channel) ?? DEFAULT_CONSENT_LEVEL])
      ) as Record<ConsentChannel, ConsentLevel>;
      // The membership's label field holds its text (a name, a number).
      const label = ((labelField && entity?.[labelField]) || holder.documentId) as string;
      return {
        holder: { uid: holder.uid, documentId: holder.documentId, label },
        levels,
        // [{ code, label, active, channels (offered by the mutual), chosen (the member's, among those offered) }]
        notifications: choicesAttribute ? await notifications.overview(entity?.[choicesAttribute]) : [],
        // Consent changes (subject « consent »: channel, oldLevel, newLevel) and choice changes
        // (subject « notification »: notificationType, oldChannels, newChannels), newest first.
        history: history.map((change) => ({ ...change, subject: change.subject ?? 'consent' }) as ConsentChange),
      };
    },

    async update(
      userAbility: Ability,
      pageKey: string,
      recordId: string,
      levels: Record<string, string> = {},
      choices: Record<string, string[]> | undefined = undefined
    ) {
      const holder = await holderOf(userAbility, pageKey, recordId);
      const choicesAttribute = getService('notifications', { strapi }).settings()?.choicesAttribute;
      const fields = [
        ...Object.keys(levels).map((channel) => `${holder.component}.${channel}`),
        ...(choices && Object.keys(choices).length > 0 && choicesAttribute ? [choicesAttribute] : []),
      ];
      await assertCanUpdate(userAbility, holder, fields);
      const invalid = Object.entries(levels).filter(
        ([channel, level]) => !(CONSENT_CHANNELS as readonly string[]).includes(channel) || !(CONSENT_LEVELS as readonly string[]).includes(level)
      );
      if (invalid.length > 0) {
        throw validationError('consent.invalid', 'Niveau de consentement invalide.', 'Invalid consent level.', { invalid: invalid.map(([c]) => c) });
      }
      await write(holder, levels, choices);
      return this.get(userAbility, pageKey, recordId);
    },

    /**
     * A record's membership and its current levels and choices, read without a user's rights (the
     * one-click unsubscribe link of a mail, services/unsubscribe): 404 when the record or its
     * membership is gone.
     */
    async stateOf(pageKey: string, recordId: string) {
      const holder = await recordHolder(pageKey, recordId);
      return { holder, ...(await current(holder)) };
    },

    /**
     * The same write as a gestionnaire's change (update above), for a change without a user: the
     * app validates it and records it in the consent history, its author taken from the request.
     */
    write,
  };
};

export type ConsentFormService = ReturnType<typeof createConsentFormService>;
export default createConsentFormService;
