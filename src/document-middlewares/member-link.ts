import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const ADHESION = 'api::adhesion.adhesion';

/**
 * A member account opens exactly one adhesion in the members' web space. The relation is
 * one-way (users-permissions' user schema is left alone), so Strapi would let two adhesions name
 * the same account: the write and this check share one transaction, and a second link is a 400
 * that leaves nothing written.
 */
export const memberLink =
  (strapi: Core.Strapi): Parameters<Core.Strapi['documents']['use']>[0] =>
  async (ctx, next) => {
    if (ctx.uid !== ADHESION || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const data = (ctx.params as any)?.data;
    if (!data || !('member' in data) || data.member === null) return next();
    return strapi.db.transaction(async () => {
      const result = (await next()) as any;
      const documentId = result?.documentId ?? (ctx.params as any).documentId;
      const adhesion = (await strapi.documents(ADHESION).findOne({ documentId, fields: ['number'], populate: { member: { fields: ['email'] } } } as any)) as any;
      const member = adhesion?.member;
      if (member) {
        const others = (await strapi.documents(ADHESION).findMany({
          filters: { member: { id: member.id }, documentId: { $ne: documentId } },
          fields: ['number'],
          limit: 1,
        } as any)) as any[];
        if (others.length > 0) {
          throw new errors.ValidationError(
            `Le compte adhérent ${member.email} est déjà rattaché à l’adhésion ${others[0].number} : un compte n’ouvre qu’une adhésion.`,
            { code: 'member.already-linked', en: `The member account ${member.email} is already linked to the adhesion ${others[0].number}.` }
          );
        }
      }
      return result;
    });
  };
