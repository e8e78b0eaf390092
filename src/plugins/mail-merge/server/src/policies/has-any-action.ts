import type { Core } from '@strapi/strapi';

/**
 * Lets an admin through when they hold at least one of `config.actions` (the core
 * `admin::hasPermissions` policy requires all of them). Used for read-only routes every
 * mail-merge user needs, such as the page registry.
 */
const hasAnyAction = (policyContext: any, config: { actions: string[] }, _deps: { strapi: Core.Strapi }) => {
  const ability = policyContext.state?.userAbility;
  if (!ability) return false;
  return config.actions.some((action) => ability.can(action));
};

export default hasAnyAction;
