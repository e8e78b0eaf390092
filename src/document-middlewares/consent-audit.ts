import type { Core } from '@strapi/strapi';

const ADHESION = 'api::adhesion.adhesion';
const CHANNELS = ['postalAddress', 'landline', 'mobile', 'email'] as const;

/** Who is acting, from the request being served: an admin, a member (users-permissions) or a token. */
const currentActor = (strapi: Core.Strapi): { changedBy: string; changedByKind: 'admin' | 'member' | 'api' | 'system' } => {
  const ctx = strapi.requestContext.get() as any;
  const state = ctx?.state;
  if (!state?.user && !state?.auth) return { changedBy: 'système', changedByKind: 'system' };
  const strategy = state.auth?.strategy?.name;
  if (strategy === 'content-api-token') {
    return { changedBy: `jeton API ${state.auth.credentials?.name ?? ''}`.trim(), changedByKind: 'api' };
  }
  const user = state.user;
  if (strategy === 'admin' || strategy === 'admin-token') {
    return { changedBy: [user?.firstname, user?.lastname].filter(Boolean).join(' ') || user?.email || 'admin', changedByKind: 'admin' };
  }
  return { changedBy: user?.email ?? user?.username ?? 'adhérent', changedByKind: 'member' };
};

/**
 * Keeps every change of an adhesion's consent levels: who, when, old and new level, whichever
 * way it was made (admin, content API, members' space).
 */
export const consentAudit =
  (strapi: Core.Strapi): Parameters<Core.Strapi['documents']['use']>[0] =>
  async (ctx, next) => {
    // A creation sets the first levels; only later changes are history.
    if (ctx.uid !== ADHESION || ctx.action !== 'update') return next();
    const params = ctx.params as any;
    const touchesConsent = params?.data && 'consent' in params.data;
    if (!touchesConsent) return next();

    const before = (await strapi.documents(ADHESION).findOne({ documentId: params.documentId, populate: ['consent'] } as any)) as any;
    const result = (await next()) as any;
    const documentId = result?.documentId ?? params.documentId;
    if (!documentId) return result;
    const after = (await strapi.documents(ADHESION).findOne({ documentId, populate: ['consent'] } as any)) as any;
    const actor = currentActor(strapi);
    for (const channel of CHANNELS) {
      const oldLevel = before?.consent?.[channel] ?? null;
      const newLevel = after?.consent?.[channel] ?? null;
      if (newLevel && oldLevel !== newLevel) {
        await strapi.documents('api::consent-change.consent-change').create({
          data: { adhesion: documentId, channel, oldLevel, newLevel, ...actor } as any,
        });
      }
    }
    return result;
  };
