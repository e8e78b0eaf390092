import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetProfile, UpdateProfile } from '../../../shared/contracts/profile';
import { getService } from '../utils';
import { validateProfileBody } from '../validation';

/** « Mon profil d'envoi »: always the current user's own profile, never another's. */
const createProfileController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(ctx: Context) {
    const profile = await getService('sender-profiles', { strapi }).get(ctx.state.user.id);
    ctx.body = { data: { email: profile?.email ?? null, signature: profile?.signature ?? '' } } satisfies GetProfile.Response;
  },

  async update(ctx: Context) {
    const body = (await validateProfileBody(ctx.request.body)) as UpdateProfile.Request['body'];
    const profile = await getService('sender-profiles', { strapi }).save(ctx.state.user.id, body);
    ctx.body = { data: { email: profile.email, signature: profile.signature ?? '' } } satisfies UpdateProfile.Response;
  },
});

export default createProfileController;
