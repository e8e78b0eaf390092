/**
 * The raw body of the bounce route (POST /api/mail-merge/bounces), whatever its Content-Type.
 *
 * Strapi's body middleware (`strapi::body`, koa-body with `multipart: true`, no `includeUnparsed`)
 * reads three kinds of body before any route runs: JSON and urlencoded, `text/*` (into a string,
 * at most 56 kB) and `multipart/*` (through formidable, which takes a `multipart/report` apart and
 * drops the message's own headers). `message/*` it leaves alone. A route's `config` cannot change
 * that (route middlewares run after it), and the app's middleware config is the app's.
 *
 * So, for this one route only, a middleware the plugin puts before the app's stack (register)
 * sets the request's Content-Type aside (`application/octet-stream` for koa-body, which then
 * reads nothing); the controller, once Strapi has authenticated the API token, reads the stream
 * itself, bounded, and the original Content-Type from `ctx.state`.
 */
import { errors } from '@strapi/utils';
import { httpError } from './errors';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/** The route, under the content API's prefix (`/api` by default). */
export const BOUNCE_ROUTE = '/mail-merge/bounces';

const ORIGINAL_TYPE = 'mailMergeContentType';

export const unsupportedMediaType = (accepted: readonly string[], given: string) =>
  httpError(
    415,
    'bounce.content-type',
    `Type de contenu non accepté (« ${given || 'aucun'} ») : ${accepted.join(', ')}.`,
    `Unsupported Content-Type ("${given || 'none'}"): ${accepted.join(', ')}.`,
    { accepted: [...accepted] }
  );

/** Registered in the plugin's register(): runs before the app's middlewares, for this route only. */
export const rawBodyForBounces = (strapi: Core.Strapi) => {
  const path = `${String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/$/, '')}${BOUNCE_ROUTE}`;
  return async (ctx: Context, next: Next) => {
    if (ctx.method === 'POST' && (ctx.path === path || ctx.path === `${path}/`)) {
      ctx.state[ORIGINAL_TYPE] = ctx.get('content-type');
      ctx.req.headers['content-type'] = 'application/octet-stream';
    }
    await next();
  };
};

/** The request's own Content-Type (set aside by rawBodyForBounces). */
export const originalContentType = (ctx: Context): string => String(ctx.state[ORIGINAL_TYPE] ?? ctx.get('content-type') ?? '');

const tooLarge = (limit: number) =>
  new errors.PayloadTooLargeError(`Message trop volumineux (${Math.round(limit / 1024)} Ko au plus).`, {
    code: 'bounce.too-large',
    en: `Message too large (${Math.round(limit / 1024)} kB at most).`,
  });

/** The request body as bytes, at most `limit` of them (413 beyond: the connection then closes). */
export const readRawBody = (ctx: Context, limit: number) =>
  new Promise<Buffer>((resolve, reject) => {
    const refuse = () => {
      ctx.set('Connection', 'close');
      reject(tooLarge(limit));
    };
    if (Number(ctx.get('content-length') || 0) > limit) return refuse();
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      ctx.req.off('data', onData);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done = true;
        ctx.req.off('data', onData);
        ctx.req.pause();
        return refuse();
      }
      chunks.push(chunk);
    };
    ctx.req.on('data', onData);
    ctx.req.once('end', () => finish());
    ctx.req.once('error', (error) => finish(error));
  });
