import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

const createPagesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /mail-merge/pages — the configured pages, grouped by the admin UI by module. */
  async find(ctx: any) {
    const pages = getService('pages', { strapi }).list();
    ctx.body = {
      data: pages.map(({ key, module, page, contentType, defaultRecipients, consent }) => ({
        key,
        module,
        page,
        contentType,
        defaultRecipients,
        consentGated: Boolean(consent),
      })),
    };
  },
});

export default createPagesController;
