/**
 * The public one-click unsubscribe link (content API, `auth: false`): the token in the URL is the
 * credential (services/unsubscribe/links.ts). `POST` records the refusal (RFC 8058: the mail
 * client posts `List-Unsubscribe=One-Click`, form-encoded; the confirmation page's button posts
 * the same); `GET` only shows the confirmation page. A browser (Accept: text/html) gets French
 * pages, errors included; anything else gets JSON (errors as Strapi's, French message, English
 * text and code in details).
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import type { PostUnsubscribe } from '../../../shared/contracts/unsubscribe';
import { getService } from '../utils';
import { UNSUBSCRIBE_STRATEGY } from '../services/unsubscribe';
import { confirmationPage, donePage, errorPage } from '../services/unsubscribe/page';

const wantsHtml = (ctx: Context) => ctx.accepts('json', 'html') === 'html';

/** The link is a secret: not cached, not indexed, never sent on as a referrer. */
const privatePage = (ctx: Context) => {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Robots-Tag', 'noindex, nofollow');
  ctx.set('Referrer-Policy', 'no-referrer');
};

/** In a browser, an expected refusal (invalid link, mail or record gone) is a French page with its status. */
const answering = async (ctx: Context, task: () => Promise<void>) => {
  privatePage(ctx);
  try {
    await task();
  } catch (error) {
    if (!wantsHtml(ctx) || !(error instanceof errors.ValidationError || error instanceof errors.NotFoundError)) throw error;
    ctx.status = error instanceof errors.NotFoundError ? 404 : 400;
    ctx.type = 'html';
    ctx.body = errorPage(error.message);
  }
};

const createUnsubscribeController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET: the page with the button; changes nothing. */
  async show(ctx: Context) {
    await answering(ctx, async () => {
      const state = await getService('unsubscribe', { strapi }).describe(ctx.params.token);
      if (wantsHtml(ctx)) {
        ctx.type = 'html';
        ctx.body = confirmationPage(state);
      } else {
        ctx.body = { data: { ...state, changed: false } } satisfies PostUnsubscribe.Response;
      }
    });
  },

  /** POST: records the refusal (idempotent), whatever the body (RFC 8058's is `List-Unsubscribe=One-Click`). */
  async confirm(ctx: Context) {
    await answering(ctx, async () => {
      // The app's consent history names the author of a change from the request: this link.
      ctx.state.auth = { strategy: { name: UNSUBSCRIBE_STRATEGY }, credentials: null };
      const result = await getService('unsubscribe', { strapi }).unsubscribe(ctx.params.token);
      if (wantsHtml(ctx)) {
        ctx.type = 'html';
        ctx.body = donePage(result);
      } else {
        ctx.body = { data: result } satisfies PostUnsubscribe.Response;
      }
    });
  },
});

export default createUnsubscribeController;
