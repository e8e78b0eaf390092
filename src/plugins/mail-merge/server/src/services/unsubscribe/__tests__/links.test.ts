import { describe, expect, it } from 'vitest';
import { baseUrlOf, documentIdOf, isCommunication, secretsFrom, tokenFor } from '../links';

const DOCUMENT_ID = 'k3j2h1g0f9e8d7c6b5a4z3y2';

describe('one-click unsubscribe tokens', () => {
  const secrets = secretsFrom(['key-1', 'key-2']);

  it('name their ledger row and are accepted back', () => {
    const token = tokenFor(DOCUMENT_ID, secrets);
    expect(token).toMatch(new RegExp(`^${DOCUMENT_ID}\\.[A-Za-z0-9_-]{43}$`));
    expect(documentIdOf(token, secrets)).toBe(DOCUMENT_ID);
  });

  it('cannot be forged: another row, an altered signature, other keys, junk', () => {
    const token = tokenFor(DOCUMENT_ID, secrets);
    const [, mac] = token.split('.');
    expect(documentIdOf(`a${DOCUMENT_ID.slice(1)}.${mac}`, secrets)).toBeNull();
    const flipped = `${mac.slice(0, 10)}${mac[10] === 'A' ? 'B' : 'A'}${mac.slice(11)}`;
    expect(documentIdOf(`${DOCUMENT_ID}.${flipped}`, secrets)).toBeNull();
    expect(documentIdOf(token, secretsFrom(['another-key']))).toBeNull();
    for (const junk of ['', DOCUMENT_ID, `${DOCUMENT_ID}.`, `${DOCUMENT_ID}.${mac}x`, `${DOCUMENT_ID}.${mac}.x`, null, 42, { token }]) {
      expect(documentIdOf(junk, secrets)).toBeNull();
    }
  });

  it('survive a key rotation: signed with the first key, accepted with any', () => {
    const old = tokenFor(DOCUMENT_ID, secretsFrom(['key-1']));
    expect(documentIdOf(old, secretsFrom(['key-0', 'key-1']))).toBe(DOCUMENT_ID);
    expect(tokenFor(DOCUMENT_ID, secretsFrom(['key-0', 'key-1']))).not.toBe(old);
  });

  it('are given to communications only (minimum « limite » or « public »)', () => {
    expect([null, 'refus', 'interne', 'limite', 'public'].map(isCommunication)).toEqual([false, false, false, true, true]);
  });
});

describe('the public base URL of the links', () => {
  const strapiWith = (baseUrl: string | undefined, serverUrl: string) =>
    ({
      config: {
        get: (key: string) => (key === 'plugin::mail-merge' ? { pages: [], ...(baseUrl === undefined ? {} : { unsubscribe: { baseUrl } }) } : key === 'server.url' ? serverUrl : undefined),
      },
    }) as any;

  it('is the plugin’s unsubscribe.baseUrl, else an absolute server.url, else none (no header then)', () => {
    expect(baseUrlOf(strapiWith('https://adherents.mutuelle.fr/', 'https://api.interne.example'))).toBe('https://adherents.mutuelle.fr');
    expect(baseUrlOf(strapiWith(undefined, 'https://adherents.mutuelle.fr'))).toBe('https://adherents.mutuelle.fr');
    expect(baseUrlOf(strapiWith('', 'https://adherents.mutuelle.fr'))).toBe('https://adherents.mutuelle.fr');
    expect(baseUrlOf(strapiWith(undefined, '/strapi'))).toBeNull();
    expect(baseUrlOf(strapiWith(undefined, ''))).toBeNull();
  });
});
