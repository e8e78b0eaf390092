import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { validateProfileBody } from '../validation';

/** « Mon profil d'envoi »: always the current user's own profile, never another's. */
const createProfileController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(ctx: any) {
    const profile = await getService('sender-profiles', { strapi }).get(ctx.state.user.id);
    ctx.body = { data: { email: profile?.email ?? null, signature: profile?.signature ?? '' } };
  },

  async update(ctx: any) {
    const body = await validateProfileBody(ctx.request.body);
    const profile = await getService('sender-profiles', { strapi }).save(ctx.state.user.id, body);
    ctx.body = { data: { email: profile.email, signature: profile.signature } };
  },
});

export default createProfileController;
