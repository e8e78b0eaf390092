import type { Core } from '@strapi/strapi';

const ADHESION = 'api::adhesion.adhesion';
const CHANNELS = ['postalAddress', 'landline', 'mobile', 'email'] as const;

/** Who is acting, from the request being served: an admin, a member (users-permissions) or a token. */
const currentActor = (strapi: Core.Strapi): { changedBy: string; changedByKind: 'admin' | 'member' | 'api' | 'system' } => {
  const ctx = strapi.requestContext.get() as any;
  const state = ctx?.state;
  if (!state?.user && !state?.auth) return { changedBy: 'système', changedByKind: 'system' };
  const strategy = state.auth?.strategy?.name;
  // The one-click unsubscribe link of a mail (mail-merge, services/unsubscribe): the member's own act.
  if (strategy === 'mail-merge-unsubscribe') return { changedBy: 'désinscription en un clic', changedByKind: 'member' };
  if (strategy === 'content-api-token') {
    return { changedBy: `jeton API ${state.auth.credentials?.name ?? ''}`.trim(), changedByKind: 'api' };
  }
  const user = state.user;
  if (strategy === 'admin' || strategy === 'admin-token') {
    return { changedBy: [user?.firstname, user?.lastname].filter(Boolean).join(' ') || user?.email || 'admin', changedByKind: 'admin' };
  }
  return { changedBy: user?.email ?? user?.username ?? 'adhérent', changedByKind: 'member' };
};

const channelsOf = (choices: unknown, code: string): string[] => {
  const value = choices && typeof choices === 'object' ? (choices as Record<string, unknown>)[code] : undefined;
  return Array.isArray(value) ? value.map(String) : [];
};

/**
 * Keeps every change of an adhesion's consent levels and of its notification choices: who, when,
 * old and new value, whichever way it was made (admin, content API, members' space).
 */
export const consentAudit =
  (strapi: Core.Strapi): Parameters<Core.Strapi['documents']['use']>[0] =>
  async (ctx, next) => {
    // A creation sets the first levels and choices; only later changes are history.
    if (ctx.uid !== ADHESION || ctx.action !== 'update') return next();
    const params = ctx.params as any;
    const touchesConsent = Boolean(params?.data && 'consent' in params.data);
    const touchesChoices = Boolean(params?.data && 'notificationChoices' in params.data);
    if (!touchesConsent && !touchesChoices) return next();

    const read = (documentId: string) =>
      strapi.documents(ADHESION).findOne({ documentId, fields: ['notificationChoices'], populate: ['consent'] } as any) as Promise<any>;
    const before = await read(params.documentId);
    const result = (await next()) as any;
    const documentId = result?.documentId ?? params.documentId;
    if (!documentId) return result;
    const after = await read(documentId);
    const actor = currentActor(strapi);
    const record = (data: Record<string, unknown>) =>
      strapi.documents('api::consent-change.consent-change').create({ data: { adhesion: documentId, ...data, ...actor } as any });

    if (touchesConsent) {
      for (const channel of CHANNELS) {
        const oldLevel = before?.consent?.[channel] ?? null;
        const newLevel = after?.consent?.[channel] ?? null;
        if (newLevel && oldLevel !== newLevel) await record({ subject: 'consent', channel, oldLevel, newLevel });
      }
    }
    if (touchesChoices) {
      const codes = [...new Set([...Object.keys(before?.notificationChoices ?? {}), ...Object.keys(after?.notificationChoices ?? {})])].sort();
      for (const code of codes) {
        const oldChannels = channelsOf(before?.notificationChoices, code);
        const newChannels = channelsOf(after?.notificationChoices, code);
        if (JSON.stringify([...oldChannels].sort()) !== JSON.stringify([...newChannels].sort())) {
          await record({ subject: 'notification', notificationType: code, oldChannels, newChannels });
        }
      }
    }
    return result;
  };
