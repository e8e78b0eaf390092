import type { Core } from '@strapi/strapi';
import type { UserAbility } from '../utils/strapi-adapters';

/** The policy context is the request's Koa context, whose `state` Strapi's type leaves out. */
type AdminPolicyContext = Core.PolicyContext & { state?: { userAbility?: UserAbility } };

/**
 * Lets an admin through when they hold at least one of `config.actions` (the core
 * `admin::hasPermissions` policy requires all of them). Used for read-only routes every
 * mail-merge user needs, such as the page registry.
 */
const hasAnyAction = (policyContext: AdminPolicyContext, config: { actions: string[] }, _deps: { strapi: Core.Strapi }) => {
  const ability = policyContext.state?.userAbility;
  if (!ability) return false;
  return config.actions.some((action) => ability.can(action));
};

export default hasAnyAction;
