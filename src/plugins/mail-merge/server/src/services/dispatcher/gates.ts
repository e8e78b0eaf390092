/**
 * The gates read again just before delivery: the membership's consent; for a template tied to a
 * notification type, the type's activation and the member's choice; and the suppression list (an
 * address that bounced since the mail was queued: a paused send resumed days later, a retry).
 * Read for a whole claimed group at once (one read per page, one of the list), and again for one
 * mail that waited for its pace slot, so a member who withdraws meanwhile is not mailed.
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../../utils';
import { CONSENT_LEVEL, DEFAULT_CONSENT_LEVEL, type ConsentLevel } from '../../constants';
import { allows } from '../consent';
import type { ClaimedMail } from '../ledger';
import { notificationRefusal, refusalMessage, type NotificationType } from '../notifications';
import { suppressionAmong, suppressionDetail } from '../bounces/suppressions';

export type GateReading = {
  /** `page:recordId` → level; absent or null: not gated. */
  levels: Map<string, ConsentLevel | null>;
  /** Mail documentId → why the notification gate refuses it. */
  refusals: Map<string, string>;
  /** Mail documentId → the address of it that bounced since (« Adresse en échec depuis le … »). */
  bounced: Map<string, string>;
};

const groupByPage = (mails: ClaimedMail[]) => {
  const byPage = new Map<string, ClaimedMail[]>();
  for (const mail of mails) {
    const list = byPage.get(mail.page);
    if (list) list.push(mail);
    else byPage.set(mail.page, [mail]);
  }
  return byPage;
};

export const readGates = async (strapi: Core.Strapi, mails: ClaimedMail[]): Promise<GateReading> => {
  const levels = new Map<string, ConsentLevel | null>();
  const refusals = new Map<string, string>();
  // « Envoi test » goes to the sender only: no gate applies.
  const gated = mails.filter((mail) => !mail.test);
  const bounced = await bouncedAmong(strapi, gated);
  if (gated.length === 0) return { levels, refusals, bounced };
  const pages = getService('pages', { strapi });
  const notifications = getService('notifications', { strapi });
  const typed = gated.some((mail) => mail.notificationType);
  const types = typed ? new Map<string, NotificationType>((await notifications.listTypes()).map((type) => [type.code, type])) : new Map();
  const channel = notifications.settings()?.channel ?? 'mail';

  for (const [pageKey, pageMails] of groupByPage(gated)) {
    const page = pages.find(pageKey);
    if (!page?.consent) continue;
    const choicesPath = pageMails.some((mail) => mail.notificationType) ? notifications.choicesPath(page) : null;
    const found = await getService('consent', { strapi }).gatesFor(page, pageMails.map((mail) => mail.recordId), choicesPath);
    for (const mail of pageMails) {
      const record = found.get(mail.recordId);
      // A record deleted since queuing has no consent left to give.
      levels.set(`${pageKey}:${mail.recordId}`, record?.level ?? CONSENT_LEVEL.refus);
      if (!choicesPath || !mail.notificationType) continue;
      const type = types.get(mail.notificationType) ?? null;
      const refusal = notificationRefusal(type, record?.choices ?? null, channel);
      if (refusal) refusals.set(mail.documentId, refusalMessage(refusal, mail.notificationType, type?.label).fr);
    }
  }
  return { levels, refusals, bounced };
};

/** The mails one of whose addresses is on the suppression list now, with why. */
const bouncedAmong = async (strapi: Core.Strapi, mails: ClaimedMail[]) => {
  const bounced = new Map<string, string>();
  const addressesOf = (mail: ClaimedMail) => [...mail.to, ...mail.cc, ...mail.bcc];
  const addresses = mails.flatMap(addressesOf);
  if (addresses.length === 0) return bounced;
  const suppressed = await getService('suppressions', { strapi }).activeAmong(addresses);
  if (suppressed.size === 0) return bounced;
  for (const mail of mails) {
    const suppression = suppressionAmong(suppressed, addressesOf(mail));
    if (suppression) bounced.set(mail.documentId, suppressionDetail(suppression));
  }
  return bounced;
};

export const consentAllows = (reading: GateReading, mail: ClaimedMail) => {
  const level = reading.levels.get(`${mail.page}:${mail.recordId}`);
  return level === undefined || level === null || allows(level, (mail.minimumConsent ?? DEFAULT_CONSENT_LEVEL) as ConsentLevel);
};
