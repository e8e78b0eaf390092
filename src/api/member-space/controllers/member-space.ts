import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const ADHESION = 'api::adhesion.adhesion';
const CHANNELS = ['postalAddress', 'landline', 'mobile', 'email'] as const;
// The same shape as the gestionnaire's form, checked by the plugin (French messages), the levels under `consent`.
const validateBody = (strapi: Core.Strapi, body: unknown) => strapi.plugin('mail-merge').service('consent-form').validateChange(body, 'consent');

/** The member's own adhesion, from the authenticated users-permissions user; never from a parameter. */
const ownAdhesion = async (strapi: Core.Strapi, ctx: any) => {
  const user = ctx.state.user;
  if (!user || ctx.state.auth?.strategy?.name !== 'users-permissions') {
    // A PolicyError is a 403 whose message reaches the client (a ForbiddenError's is hidden).
    throw new errors.PolicyError('Espace adhérent : connectez-vous avec votre compte adhérent.', {
      code: 'member.not-a-member',
      en: "Members' space: log in with a member account.",
    });
  }
  const adhesion = (await strapi.documents(ADHESION).findFirst({
    filters: { member: { id: user.id } },
    fields: ['number', 'notificationChoices'],
    populate: ['consent'],
  } as any)) as any;
  if (!adhesion) {
    throw new errors.NotFoundError('Aucune adhésion n’est rattachée à ce compte.', { code: 'member.no-adhesion', en: 'No adhesion is linked to this account.' });
  }
  return adhesion;
};

const preferences = async (strapi: Core.Strapi, adhesion: any) => ({
  adhesion: { documentId: adhesion.documentId, number: adhesion.number },
  consent: Object.fromEntries(CHANNELS.map((channel) => [channel, adhesion.consent?.[channel] ?? 'interne'])),
  notifications: await strapi.plugin('mail-merge').service('notifications').overview(adhesion.notificationChoices),
});

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async getPreferences(ctx: any) {
    ctx.body = { data: await preferences(strapi, await ownAdhesion(strapi, ctx)) };
  },

  /**
   * `{ consent?: { email?: 'refus' | … }, notifications?: { [code]: channels[] } }`: only what is
   * given changes. The app's document middlewares refuse unknown or inactive types and channels the
   * mutual does not offer (400), and record each change with the member as its author.
   */
  async updatePreferences(ctx: any) {
    const adhesion = await ownAdhesion(strapi, ctx);
    const body = (await validateBody(strapi, ctx.request.body ?? {})) as { consent?: Record<string, string>; notifications?: Record<string, string[]> };
    const data: Record<string, unknown> = {};
    if (body.consent && Object.keys(body.consent).length > 0) {
      const current = Object.fromEntries(CHANNELS.map((channel) => [channel, adhesion.consent?.[channel] ?? 'interne']));
      data.consent = { ...current, ...body.consent };
    }
    if (body.notifications && Object.keys(body.notifications).length > 0) {
      data.notificationChoices = { ...(adhesion.notificationChoices ?? {}), ...body.notifications };
    }
    if (Object.keys(data).length > 0) await strapi.documents(ADHESION).update({ documentId: adhesion.documentId, data } as any);
    ctx.body = { data: await preferences(strapi, await ownAdhesion(strapi, ctx)) };
  },
});
