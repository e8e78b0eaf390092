/**
 * Who, among a chunk of records, gets the grouped mail, and why the others do not. Shared by the
 * pre-flight (counts and a sample, nothing written) and the preparation (ledger rows).
 *
 * The rules are those of a single send: consent of the membership against the template's
 * minimum, the extraction row, the template's recipient or else the record's first default
 * recipient, valid addresses, none on the suppression list (an earlier mail bounced: one query
 * per chunk); plus one rule of its own: an address already served by this send is skipped as a
 * duplicate (two children of one household share their parents' address).
 */
import type { Core } from '@strapi/strapi';
import type { PageConfig } from '../../config/schema';
import { getService } from '../../utils';
import { populateFor, readPath } from '../../utils/paths';
import { DEFAULT_CONSENT_LEVEL, SKIP_REASON, SKIP_REASONS, type ConsentLevel, type SkipReason } from '../../constants';
import { allows, levelOrDefault } from '../consent';
import { notificationRefusal, refusalMessage } from '../notifications';
import { CONTROL_CHARACTERS, parseAddress } from '../../utils/addresses';
import { errorMessage, errorProperty } from '../../utils/errors';
import { suppressionAmong, suppressionDetail } from '../bounces/suppressions';
import { mapInSlices } from '../../utils/event-loop';
import type { UsableTemplate } from '../templates';

/** The `error` of a skipped recipient's ledger row when nothing more precise is known. */
export const SKIP_MESSAGES: Record<SkipReason, string> = {
  [SKIP_REASON.noEmail]: 'Aucune adresse e-mail.',
  [SKIP_REASON.invalidEmail]: 'Adresse e-mail invalide.',
  [SKIP_REASON.bounced]: 'Adresse en échec : un mail précédent n’a pas pu lui être remis.',
  [SKIP_REASON.consent]: 'Consentement de l’adhérent insuffisant pour ce mail.',
  [SKIP_REASON.notification]: 'L’adhérent n’a pas choisi de recevoir cette notification par mail (ou la mutuelle ne l’a pas activée).',
  [SKIP_REASON.duplicate]: 'Adresse déjà destinataire de cet envoi.',
  [SKIP_REASON.noRow]: 'Aucune donnée d’extraction pour cette fiche.',
  [SKIP_REASON.notFound]: 'Fiche introuvable (supprimée depuis la sélection).',
  [SKIP_REASON.render]: 'Le modèle ne peut pas être rendu pour cette fiche.',
};

export type LoadedRecord = { id?: number; documentId: string; [field: string]: unknown };

export type Recipient =
  | { recordId: string; label: string; skipped: false; to: string[]; subject: string; html: string; text: string; consentLevel: ConsentLevel | null }
  | { recordId: string; label: string; skipped: true; reason: SkipReason; to: string[]; detail?: string };

export type RecipientContext = {
  page: PageConfig;
  template: UsableTemplate;
  /** Addresses already served by this send, lower-cased; filled as recipients are accepted. */
  seen: Set<string>;
};

/** What to populate so one query gives labels, default recipients, consent and notification choices. */
export const recordPopulate = (page: PageConfig, choicesPath: string | null = null) =>
  populateFor([
    ...page.defaultRecipients.map((r) => r.field),
    ...(page.consent ? [page.consent.path] : []),
    ...(choicesPath ? [choicesPath] : []),
  ]);

export const createRecipientClassifier = (strapi: Core.Strapi) => {
  const render = getService('render', { strapi });
  const extractions = getService('extractions', { strapi });
  const notifications = getService('notifications', { strapi });
  const suppressions = getService('suppressions', { strapi });

  const labelOf = (page: PageConfig, record: LoadedRecord) =>
    page.labelFields.map((field) => record[field]).filter(Boolean).join(' ') || record.documentId;

  const consentOf = (page: PageConfig, record: LoadedRecord): ConsentLevel | null => {
    if (!page.consent) return null;
    // As for a single send: a membership without a level counts as the default, never wider.
    return levelOrDefault(readPath(record, page.consent.path));
  };

  const defaultRecipientOf = (page: PageConfig, record: LoadedRecord) => {
    for (const recipient of page.defaultRecipients) {
      const value = String(readPath(record, recipient.field) ?? '').trim();
      if (value) return value;
    }
    return '';
  };

  /**
   * Classifies the records of one chunk, in the order of `keys` (records missing from `records`
   * were deleted since the selection). One extraction round-trip for the whole chunk.
   */
  return async (context: RecipientContext, keys: string[], records: LoadedRecord[]): Promise<Recipient[]> => {
    const { page, template, seen } = context;
    const minimum = (template.minimumConsent ?? DEFAULT_CONSENT_LEVEL) as ConsentLevel;
    const byKey = new Map(records.map((record) => [record.documentId, record]));
    // The notification type is read once per chunk: a type deactivated meanwhile stops the rest.
    const notificationType = template.notificationType || null;
    const choicesPath = notificationType ? notifications.choicesPath(page) : null;
    const type = choicesPath && notificationType ? await notifications.typeByCode(notificationType) : null;
    const channel = notifications.settings()?.channel ?? 'mail';
    const refusalOf = (record: LoadedRecord) =>
      choicesPath ? notificationRefusal(type, readPath(record, choicesPath), channel) : null;
    const consenting = keys.filter((key) => {
      const record = byKey.get(key);
      const level = record ? consentOf(page, record) : null;
      return record && (level === null || allows(level, minimum)) && refusalOf(record) === null;
    });
    const rows = consenting.length > 0 ? await extractions.rowsForRecords(template.extraction.query, page.key, consenting) : new Map();

    // Each record's mail as rendered, before the two rules that look beyond the record.
    // In slices: a chunk's rendering in one go held the event loop (and the SMTP sockets) for 100 ms and more.
    const drafts = await mapInSlices(keys, (recordId): Recipient => {
      const record = byKey.get(recordId);
      if (!record) return { recordId, label: recordId, skipped: true, reason: SKIP_REASON.notFound, to: [] };
      const label = labelOf(page, record);
      const level = consentOf(page, record);
      const skip = (reason: SkipReason, to: string[] = [], detail?: string): Recipient => ({ recordId, label, skipped: true, reason, to, detail });
      if (level !== null && !allows(level, minimum)) return skip(SKIP_REASON.consent);
      const refusal = refusalOf(record);
      if (refusal) return skip(SKIP_REASON.notification, [], refusalMessage(refusal, notificationType ?? '', type?.label).fr);
      const row = rows.get(recordId);
      if (!row) return skip(SKIP_REASON.noRow);

      let rendered;
      try {
        rendered = render.render(template, row);
      } catch (error) {
        const code = errorProperty(errorProperty(error, 'details'), 'code');
        return code === 'address.invalid' ? skip(SKIP_REASON.invalidEmail, [], errorMessage(error)) : skip(SKIP_REASON.render, [], errorMessage(error));
      }
      let to = rendered.to;
      if (to.length === 0) {
        const fallback = defaultRecipientOf(page, record);
        if (!fallback) return skip(SKIP_REASON.noEmail);
        // A record's address field holds one address: « a@x.fr, b@y.fr » is invalid, not two recipients.
        try {
          to = [parseAddress(fallback)];
        } catch (error) {
          return skip(SKIP_REASON.invalidEmail, CONTROL_CHARACTERS.test(fallback) ? [] : [fallback], errorMessage(error));
        }
      }
      return { recordId, label, skipped: false, to, subject: rendered.subject, html: rendered.html, text: rendered.text, consentLevel: level };
    });

    // The suppression list, asked once for the chunk: an address whose mail bounced is skipped.
    const bounced = await suppressions.activeAmong(drafts.flatMap((draft) => (draft.skipped ? [] : draft.to)));
    return drafts.map((draft): Recipient => {
      if (draft.skipped) return draft;
      const { recordId, label, to } = draft;
      const suppression = suppressionAmong(bounced, to);
      if (suppression) {
        return { recordId, label, skipped: true, reason: SKIP_REASON.bounced, to, detail: suppressionDetail(suppression) };
      }
      const key = to.map((address) => address.toLowerCase()).sort().join(',');
      if (seen.has(key)) return { recordId, label, skipped: true, reason: SKIP_REASON.duplicate, to };
      seen.add(key);
      return draft;
    });
  };
};

export type RecipientClassifier = ReturnType<typeof createRecipientClassifier>;

export const emptySkipCounts = () => Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<SkipReason, number>;
