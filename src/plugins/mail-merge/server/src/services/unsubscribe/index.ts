/**
 * One-click unsubscribe (RFC 8058). A communication mail (services/unsubscribe/links.ts,
 * `isCommunication`) leaves with `List-Unsubscribe: <…/api/mail-merge/unsubscribe/<token>>` and
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (services/dispatcher/headers.ts). A POST to
 * that URL records the member's refusal, as the mail's template says:
 *
 * - tied to a notification type: the member's choice for that type loses the mail channel
 *   (config `notifications.channel`), the other channels stay;
 * - otherwise: the membership's e-mail consent is lowered to « interne » (management mail only),
 *   below the minimum of any communication.
 *
 * The change goes through the gestionnaire's own write (services/consent-form.ts), so the app
 * validates it and records it in the consent history; its author is the link (the controller
 * says so to the app through `ctx.state.auth`, see UNSUBSCRIBE_STRATEGY). It is idempotent: a
 * second POST finds nothing left to change and writes nothing. A GET only describes what a POST
 * would do (link scanners prefetch links; only a POST changes anything).
 *
 * What a link acts on is read from the mail's ledger row (page, record, minimum consent,
 * notification type as they were when it was sent), never from the template, which may have
 * changed or gone since.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONSENT_LEVEL, type ConsentLevel } from '../../constants';
import { getService } from '../../utils';
import { notFoundError, validationError } from '../../utils/errors';
import { rank } from '../consent';
import type { UnsubscribeResult } from '../../../../shared/contracts/unsubscribe';
import { createLinks, isCommunication } from './links';

/**
 * The authentication strategy name the controller puts in `ctx.state.auth` while it writes: the
 * app's consent history (src/document-middlewares/consent-audit.ts in the reference app) names the
 * author of a change from the request, and names this one « désinscription en un clic ».
 */
export const UNSUBSCRIBE_STRATEGY = 'mail-merge-unsubscribe';

/** The level a refusal of communications leaves: management mail only. */
const MANAGEMENT_ONLY: ConsentLevel = CONSENT_LEVEL.interne;

/** What a link does, for the confirmation page and the POST's answer (`done`: nothing left to change). */
export type UnsubscribeState = Omit<UnsubscribeResult, 'changed'>;

/** What headers.ts needs to know of a mail to give it a link. */
export type LinkSource = { documentId: string; page: string; minimumConsent?: string | null; notificationType?: string | null; test?: boolean | null };

const invalidLink = () =>
  validationError(
    'unsubscribe.invalid-link',
    'Ce lien de désinscription n’est pas valide : il a pu être tronqué ou modifié. Ouvrez-le de nouveau depuis le mail reçu, en entier.',
    'This unsubscribe link is not valid: it may have been cut or altered. Open it again, whole, from the mail received.'
  );

const mailGone = () =>
  notFoundError(
    'unsubscribe.mail-gone',
    'Ce mail n’est plus connu de la mutuelle : la désinscription ne peut pas être enregistrée par ce lien. Contactez votre mutuelle.',
    'This mail is no longer known: the unsubscription cannot be recorded through this link. Contact your mutual.'
  );

const recordGone = () =>
  notFoundError(
    'unsubscribe.record-gone',
    'La fiche à laquelle ce mail a été envoyé n’existe plus : il n’y a plus rien à désinscrire.',
    'The record this mail was sent to no longer exists: there is nothing left to unsubscribe from.'
  );

const createUnsubscribeService = ({ strapi }: { strapi: Core.Strapi }) => {
  const links = createLinks(strapi);
  /** Changes of one membership, one after the other in this process (a mail client may POST twice at once). */
  const queues = new Map<string, Promise<unknown>>();

  const serialized = <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    queues.set(key, next);
    return next.finally(() => {
      if (queues.get(key) === next) queues.delete(key);
    });
  };

  /** Whether a page's records can take a refusal: their consent is a membership's levels (the form's). */
  const canRecord = (mail: LinkSource) => {
    const consentForm = getService('consent-form', { strapi });
    if (!getService('pages', { strapi }).find(mail.page) || !consentForm.hasForm(mail.page)) return false;
    if (mail.notificationType) {
      const notifications = getService('notifications', { strapi });
      return Boolean(notifications.choicesPath(getService('pages', { strapi }).get(mail.page)));
    }
    return true;
  };

  /** The mail a token names, its membership and what a refusal would change (nothing is written). */
  const resolve = async (token: unknown) => {
    const documentId = links.verify(token);
    if (!documentId) throw invalidLink();
    const mail = await getService('ledger', { strapi }).findOne(documentId, {}, [
      'documentId', 'page', 'recordId', 'minimumConsent', 'notificationType', 'test',
    ]);
    if (!mail) throw mailGone();
    // A link is only ever minted for such a mail: a valid token for another is not acted upon.
    if (!isCommunication(mail.minimumConsent) || mail.test) {
      throw validationError(
        'unsubscribe.not-a-communication',
        'Ce mail est un mail de gestion de votre adhésion : il ne propose pas de désinscription.',
        'This mail is management mail of the membership: it offers no unsubscription.'
      );
    }
    const page = getService('pages', { strapi }).find(mail.page);
    if (!page?.consent || !canRecord(mail)) throw recordGone();
    let state;
    try {
      state = await getService('consent-form', { strapi }).stateOf(mail.page, mail.recordId);
    } catch (error) {
      if (error instanceof errors.NotFoundError) throw recordGone();
      throw error;
    }
    const notifications = getService('notifications', { strapi });
    if (mail.notificationType) {
      const code = mail.notificationType;
      const channel = notifications.settings()?.channel ?? 'mail';
      const type = await notifications.typeByCode(code);
      const chosen = Array.isArray(state.choices[code]) ? state.choices[code].map(String) : [];
      // A type deleted since sends nothing any more: nothing to change.
      const change = type && chosen.includes(channel) ? { [code]: chosen.filter((c) => c !== channel) } : null;
      return {
        mail,
        holder: state.holder,
        state: { subject: 'notification', notificationType: code, label: type?.label ?? code, done: !change } satisfies UnsubscribeState,
        apply: change ? () => getService('consent-form', { strapi }).write(state.holder, {}, change) : null,
      };
    }
    // The channel is the last segment of the consent path (`adhesion.consent.email` → `email`).
    const channel = page.consent.path.split('.').pop()!;
    const level = state.levels[channel as keyof typeof state.levels] as ConsentLevel | undefined;
    const lower = level !== undefined && rank(level) > rank(MANAGEMENT_ONLY);
    return {
      mail,
      holder: state.holder,
      state: { subject: 'consent', notificationType: null, label: null, done: !lower } satisfies UnsubscribeState,
      apply: lower ? () => getService('consent-form', { strapi }).write(state.holder, { [channel]: MANAGEMENT_ONLY }) : null,
    };
  };

  return {
    /**
     * For the dispatcher (headers.ts): the one-click URL of a mail, or null when it gets none — not
     * a communication, an « envoi test » (it went to the sender, not the member), a page whose
     * records hold no membership consent (legal entities), or no public URL configured.
     */
    urlFor(mail: LinkSource): string | null {
      if (!isCommunication(mail.minimumConsent) || mail.test || !canRecord(mail)) return null;
      return links.urlFor(mail.documentId);
    },

    /** GET: what the link would do, and whether it is already done. Writes nothing. */
    async describe(token: unknown): Promise<UnsubscribeState> {
      return (await resolve(token)).state;
    },

    /** POST: records the refusal (idempotent). `changed` is false when it was already recorded. */
    async unsubscribe(token: unknown): Promise<UnsubscribeState & { changed: boolean }> {
      const first = await resolve(token);
      // Read again inside the membership's queue: a second POST at once finds the first one's change.
      return serialized(`${first.holder.uid}:${first.holder.documentId}`, async () => {
        const { state, apply, mail } = await resolve(token);
        if (apply) {
          await apply();
          strapi.log.info(`[mail-merge] one-click unsubscribe: mail ${mail.documentId} (${state.subject}${state.notificationType ? ` ${state.notificationType}` : ''})`);
        }
        return { ...state, done: true, changed: Boolean(apply) };
      });
    },
  };
};

export type UnsubscribeService = ReturnType<typeof createUnsubscribeService>;
export default createUnsubscribeService;
