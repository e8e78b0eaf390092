/**
 * E-mail consent (« Notifications & Consentements »): the insured person's level on the adhesion
 * governs mail to every beneficiary of the membership. Pages without a consent path (structures,
 * health professionals: legal entities) are not gated.
 *
 * Levels: refus (0) never; interne (1) management mail; limite (2) communications outside
 * management; public (3) anything. A template asks for a minimum level.
 */
import type { Core } from '@strapi/strapi';
import type { PageConfig } from '../config/schema';
import { CONSENT_LEVEL, CONSENT_LEVELS, DEFAULT_CONSENT_LEVEL, SKIP_REASON, type ConsentLevel } from '../constants';
import { forbiddenError, notFoundError } from '../utils/errors';
import { populateFor, readPath, selectFor } from '../utils/paths';
import { documentsOf, queryOf, type DocumentRow } from '../utils/strapi-adapters';

const LABELS: Record<ConsentLevel, string> = { refus: 'Refus (0)', interne: 'Interne (1)', limite: 'Limité (2)', public: 'Public (3)' };

export const rank = (level: ConsentLevel) => CONSENT_LEVELS.indexOf(level);

export const allows = (level: ConsentLevel, minimum: ConsentLevel) => level !== CONSENT_LEVEL.refus && rank(level) >= rank(minimum);

/**
 * A stored level, or the schema default when there is none (or an unknown one): an adhesion
 * always carries its levels, and a record without one is never treated as a wider consent.
 */
export const levelOrDefault = (value: unknown): ConsentLevel =>
  CONSENT_LEVELS.includes(value as ConsentLevel) ? (value as ConsentLevel) : DEFAULT_CONSENT_LEVEL;

export type ConsentState = { gated: boolean; level: ConsentLevel | null; minimum: ConsentLevel; allowed: boolean };

const createConsentService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The e-mail consent level that governs a record, read fresh from the database. */
  async levelFor(page: PageConfig, recordId: string): Promise<ConsentLevel | null> {
    if (!page.consent) return null;
    // The query engine, not the Document Service: no transaction around a read on every send.
    const record = await queryOf(strapi, page.contentType).findOne({
      where: { documentId: recordId },
      select: selectFor([page.consent.path]),
      populate: populateFor([page.consent.path]),
    });
    if (!record) throw notFoundError('record.not-found', 'Fiche introuvable.', 'Record not found.', { record: recordId });
    // An adhesion always carries its levels (default « interne »); a record without one is
    // treated as the schema default, never as a wider consent.
    return levelOrDefault(readPath(record, page.consent.path));
  },

  /** The levels of many records of a page at once (records not found are absent from the map). */
  async levelsFor(page: PageConfig, recordIds: string[]): Promise<Map<string, ConsentLevel | null>> {
    const levels = new Map<string, ConsentLevel | null>();
    if (!page.consent) {
      for (const id of recordIds) levels.set(id, null);
      return levels;
    }
    const records = await documentsOf<DocumentRow>(strapi, page.contentType).findMany({
      filters: { documentId: { $in: [...new Set(recordIds)] } },
      fields: selectFor([page.consent.path]),
      populate: populateFor([page.consent.path]),
    });
    for (const record of records) {
      levels.set(record.documentId, levelOrDefault(readPath(record, page.consent.path)));
    }
    return levels;
  },

  /**
   * For the dispatcher, once per claimed group: each record's level and, when `choicesPath` is
   * given, the member's notification choices. One query-engine read per page (no Document
   * Service transaction around it); the app's types have no draft and publish (checked in tests).
   */
  async gatesFor(page: PageConfig, recordIds: string[], choicesPath: string | null) {
    const found = new Map<string, { level: ConsentLevel | null; choices: unknown }>();
    if (!page.consent || recordIds.length === 0) return found;
    const records = await queryOf<DocumentRow>(strapi, page.contentType).findMany({
      where: { documentId: { $in: [...new Set(recordIds)] } },
      select: selectFor([page.consent.path, ...(choicesPath ? [choicesPath] : [])]),
      populate: populateFor([page.consent.path, ...(choicesPath ? [choicesPath] : [])]),
    });
    for (const record of records) {
      found.set(record.documentId, {
        level: levelOrDefault(readPath(record, page.consent.path)),
        choices: choicesPath ? (readPath(record, choicesPath) ?? null) : null,
      });
    }
    return found;
  },

  async stateFor(page: PageConfig, recordId: string, minimum: ConsentLevel = DEFAULT_CONSENT_LEVEL): Promise<ConsentState> {
    const level = await this.levelFor(page, recordId);
    return { gated: Boolean(page.consent), level, minimum, allowed: level === null || allows(level, minimum) };
  },

  /** Throws a 403 with reason « consent » when the membership's consent does not allow this mail. */
  async assertAllowed(page: PageConfig, recordId: string, minimum: ConsentLevel = DEFAULT_CONSENT_LEVEL) {
    const state = await this.stateFor(page, recordId, minimum);
    if (!state.allowed) {
      const level = state.level as ConsentLevel;
      throw forbiddenError(
        SKIP_REASON.consent,
        level === CONSENT_LEVEL.refus
          ? 'L’adhérent a refusé l’utilisation de son adresse électronique : aucun mail ne peut être envoyé.'
          : `Le consentement de l’adhérent (${LABELS[level]}) ne permet pas ce mail (minimum requis : ${LABELS[minimum]}).`,
        level === CONSENT_LEVEL.refus
          ? 'The member refused the use of their e-mail address: no mail can be sent.'
          : `The member's consent (${level}) does not allow this mail (required: ${minimum}).`,
        { reason: SKIP_REASON.consent, level, minimum }
      );
    }
    return state;
  },
});

export type ConsentService = ReturnType<typeof createConsentService>;
export default createConsentService;
