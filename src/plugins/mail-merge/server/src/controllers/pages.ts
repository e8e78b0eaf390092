import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetPages } from '../../../shared/contracts/pages';
import { getService } from '../utils';
import { contentTypeOf } from '../utils/strapi-adapters';

const createPagesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /mail-merge/pages — the configured pages, grouped by the admin UI by module. */
  async find(ctx: Context) {
    const pages = getService('pages', { strapi }).list();
    const consentForm = getService('consent-form', { strapi });
    const consentHolder = consentForm.holderUid();
    ctx.body = {
      meta: { consentHolder },
      data: pages.map(({ key, module, page, contentType, defaultRecipients, consent }) => ({
        key,
        module,
        page,
        contentType,
        // The name the Content Manager shows for these records (« Bénéficiaire »), not the uid.
        contentTypeName: (contentTypeOf(strapi, contentType)?.info?.displayName as string) ?? contentType,
        defaultRecipients,
        consentGated: Boolean(consent),
        // « Gérer les notifications » and the consent panel need levels per channel on a membership.
        consentForm: Boolean(consent) && consentForm.hasForm(key),
        // Tells the insured person from a dependant beside the consent (record's screen).
        memberRole: consent?.memberRole ?? null,
      })),
    } satisfies GetPages.Response;
  },
});

export default createPagesController;
