/**
 * The one-click unsubscribe link of a mail (RFC 8058): `<base>/api/mail-merge/unsubscribe/<token>`,
 * where the token names the mail's ledger row and proves the link was minted here:
 * `<ledger documentId>.<base64url HMAC-SHA-256 of that documentId>`. Nothing in it can be guessed
 * from another mail's link, and no row can be named without the app's secret.
 *
 * The secret is derived from the app's keys (`server.app.keys`, APP_KEYS), one per key: links are
 * signed with the first key and accepted with any of them, so rotating the keys (a new key first,
 * the old one kept for a while) leaves the links of mails already sent working.
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { CONSENT_LEVEL } from '../../constants';
import { getConfig } from '../../utils/config';

const PURPOSE = 'mail-merge one-click unsubscribe link';
/** A ledger documentId (Strapi's are 24 lower-case letters and digits), a dot, 32 bytes in base64url. */
const TOKEN = /^([a-z0-9]{1,64})\.([A-Za-z0-9_-]{43})$/;

/** One signing secret per app key, purpose-bound: the raw APP_KEYS never sign anything here. */
export const secretsFrom = (keys: readonly string[]) =>
  keys.filter((key) => typeof key === 'string' && key.length > 0).map((key) => crypto.createHmac('sha256', key).update(PURPOSE).digest());

const macOf = (secret: Buffer, documentId: string) => crypto.createHmac('sha256', secret).update(documentId).digest();

/** The token of a mail, signed with the first secret. */
export const tokenFor = (documentId: string, secrets: readonly Buffer[]) => {
  if (secrets.length === 0) throw new Error('mail-merge: no app key to sign unsubscribe links with (server.app.keys)');
  return `${documentId}.${macOf(secrets[0], documentId).toString('base64url')}`;
};

/** The ledger documentId a token names, or null when it is malformed or was not signed with one of the secrets. */
export const documentIdOf = (token: unknown, secrets: readonly Buffer[]): string | null => {
  if (typeof token !== 'string') return null;
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, documentId, mac] = match;
  const given = Buffer.from(mac, 'base64url');
  // Every secret is tried (no early exit on a match): the time taken does not tell which key signed.
  let valid = false;
  for (const secret of secrets) {
    const expected = macOf(secret, documentId);
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) valid = true;
  }
  return valid ? documentId : null;
};

/**
 * The public base URL links start with: the plugin's `unsubscribe.baseUrl` when set (the address
 * mail readers reach, which may differ from the one Strapi knows itself by), else Strapi's
 * `server.url` when it is absolute; null otherwise (a relative `server.url` names no host).
 */
export const baseUrlOf = (strapi: Core.Strapi): string | null => {
  const configured = getConfig(strapi).unsubscribe?.baseUrl;
  const serverUrl = String(strapi.config.get('server.url') ?? '');
  const base = configured || (/^https?:\/\//i.test(serverUrl) ? serverUrl : '');
  return base ? base.replace(/\/+$/, '') : null;
};

/** The content API's prefix (`/api` unless the app changed `api.rest.prefix`). */
const apiPrefixOf = (strapi: Core.Strapi) => `/${String(strapi.config.get('api.rest.prefix') ?? '/api').replace(/^\/+|\/+$/g, '')}`;

export const UNSUBSCRIBE_PATH = '/mail-merge/unsubscribe';

/**
 * Communications (outside management: the seed's « Limité » consent use) are the templates whose
 * minimum consent is « limite » or « public »; « interne » is management mail, which a member
 * cannot leave by a link (a reimbursement notice, a request for documents) and carries none.
 */
export const isCommunication = (minimumConsent: string | null | undefined) =>
  minimumConsent === CONSENT_LEVEL.limite || minimumConsent === CONSENT_LEVEL.public;

export type UnsubscribeLinks = {
  /** The URL of a mail's link, or null when the app has no public URL (or no key). */
  urlFor: (documentId: string) => string | null;
  /** The ledger documentId of a valid token, else null. */
  verify: (token: unknown) => string | null;
};

export const createLinks = (strapi: Core.Strapi): UnsubscribeLinks => {
  let secrets: Buffer[] | undefined;
  const keys = () => {
    if (!secrets) secrets = secretsFrom(((strapi.config.get('server.app.keys') as string[] | undefined) ?? []).map(String));
    return secrets;
  };
  return {
    urlFor(documentId) {
      const base = baseUrlOf(strapi);
      if (!base || keys().length === 0) return null;
      return `${base}${apiPrefixOf(strapi)}${UNSUBSCRIBE_PATH}/${tokenFor(documentId, keys())}`;
    },
    verify: (token) => documentIdOf(token, keys()),
  };
};
