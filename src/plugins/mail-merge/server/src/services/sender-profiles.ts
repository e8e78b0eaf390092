/**
 * « Paramétrage utilisateur »: each admin user's sender address and signature. Sender addresses
 * must belong to the domains the mutual allows (config sending.allowedSenderDomains): nobody
 * sends in the name of another organisation.
 */
import type { Core } from '@strapi/strapi';
import { getConfig } from '../utils/config';
import { validationError } from '../utils/errors';
import { sanitizeMailHtml } from '../utils/html';
import { parseAddress } from '../utils/addresses';
import type { SenderProfileRow } from '../content-types/rows';
import { queryOf } from '../utils/strapi-adapters';

export const SENDER_PROFILE_UID = 'plugin::mail-merge.sender-profile';

const domainMatches = (domain: string, allowed: string) =>
  allowed.startsWith('*.') ? domain.endsWith(allowed.slice(1).toLowerCase()) : domain === allowed.toLowerCase();

const createSenderProfilesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Throws a 400 unless `address` is one valid address in an allowed domain. */
  assertSenderAllowed(address: string) {
    if (!String(address ?? '').trim()) {
      throw validationError('sender.required', 'Indiquez une adresse d’expéditeur.', 'Give one sender address.');
    }
    const sender = parseAddress(address, 'expéditeur');
    const allowed = getConfig(strapi).sending.allowedSenderDomains;
    const domain = sender.split('@')[1].toLowerCase();
    if (allowed.length > 0 && !allowed.some((entry) => domainMatches(domain, entry))) {
      throw validationError(
        'sender.domain',
        `L’adresse d’expéditeur doit appartenir à la mutuelle (${allowed.join(', ')}) : « ${sender} » est refusée.`,
        `The sender address must belong to the mutual (${allowed.join(', ')}): "${sender}" is refused.`,
        { allowed }
      );
    }
    return sender;
  },

  async get(userId: number) {
    return queryOf<SenderProfileRow>(strapi, SENDER_PROFILE_UID).findOne({ where: { userId } });
  },

  async save(userId: number, input: { email?: string | null; signature?: string | null }) {
    const email = input.email?.trim() ? this.assertSenderAllowed(input.email.trim()) : null;
    const data = { email, signature: sanitizeMailHtml(input.signature ?? '') };
    const existing = await this.get(userId);
    if (existing) {
      return (await queryOf<SenderProfileRow>(strapi, SENDER_PROFILE_UID).update({ where: { id: existing.id }, data }))!;
    }
    return queryOf<SenderProfileRow>(strapi, SENDER_PROFILE_UID).create({ data: { ...data, userId } });
  },
});

export type SenderProfilesService = ReturnType<typeof createSenderProfilesService>;
export default createSenderProfilesService;
