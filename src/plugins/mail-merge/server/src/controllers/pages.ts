import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

const createPagesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /mail-merge/pages — the configured pages, grouped by the admin UI by module. */
  async find(ctx: any) {
    const pages = getService('pages', { strapi }).list();
    const consentHolder = getService('consent-form', { strapi }).holderUid();
    ctx.body = {
      meta: { consentHolder },
      data: pages.map(({ key, module, page, contentType, defaultRecipients, consent }) => ({
        key,
        module,
        page,
        contentType,
        // The name the Content Manager shows for these records (« Bénéficiaire »), not the uid.
        contentTypeName: (strapi.contentType(contentType as any)?.info?.displayName as string) ?? contentType,
        defaultRecipients,
        consentGated: Boolean(consent),
        // Tells the insured person from a dependant beside the consent (record's screen).
        memberRole: consent?.memberRole ?? null,
      })),
    };
  },
});

export default createPagesController;
