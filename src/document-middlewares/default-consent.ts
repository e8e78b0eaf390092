import type { Core } from '@strapi/strapi';

const ADHESION = 'api::adhesion.adhesion';

/**
 * An adhesion always carries its consent levels: created without them, it gets the component
 * with every channel at its schema default (« interne », management use only), so that what
 * governs mail to the membership is stored, visible and editable rather than implied.
 */
export const defaultConsent: Parameters<Core.Strapi['documents']['use']>[0] = async (ctx, next) => {
  if (ctx.uid === ADHESION && ctx.action === 'create') {
    const params = ctx.params as { data?: Record<string, unknown> };
    const data = params.data ?? {};
    if (data.consent === undefined || data.consent === null) {
      params.data = { ...data, consent: {} };
    }
  }
  return next();
};
