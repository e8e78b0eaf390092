import { describe, expect, it } from 'vitest';
import { isAddress, parseAddress, parseAddressEntries, parseAddressList } from '../addresses';

describe('addresses: exactly one per entry, no control character', () => {
  it('takes one valid address, trimmed of surrounding spaces', () => {
    expect(parseAddress('  elise.durand@example.test ')).toBe('elise.durand@example.test');
    expect(parseAddressEntries(['a@x.fr', 'b@y.fr'], 'Pour')).toEqual(['a@x.fr', 'b@y.fr']);
  });

  it('refuses an entry holding two addresses instead of splitting it', () => {
    expect(() => parseAddress('a@x.fr, b@y.fr', 'Pour')).toThrow('Adresse e-mail invalide (Pour) : une seule adresse par entrée');
    expect(() => parseAddress('a@x.fr;b@y.fr')).toThrow(/une seule adresse par entrée/);
  });

  it('refuses line breaks, NUL, ESC, DEL, C1 controls and Unicode line separators', () => {
    for (const hostile of ['a@x.fr\r\nBcc: v@y.fr', 'a@x.fr\u0000', 'a\u001b@x.fr', 'a@x.fr\u007f', 'a@x\u0085.fr', 'a@x.fr\u2028', 'a\t@x.fr']) {
      expect(() => parseAddress(hostile, 'Copie à'), JSON.stringify(hostile)).toThrow(
        'Adresse e-mail invalide (Copie à) : saut de ligne ou caractère de contrôle interdit'
      );
    }
    // The refused entry is given back escaped, never as raw control characters.
    try {
      parseAddress('a@x.fr\u0000');
    } catch (error: any) {
      expect(error.details.addresses).toEqual(['a@x.fr\\u0000']);
      expect(error.details.en).toBe('Invalid e-mail address (destinataire): line breaks and control characters are not allowed');
    }
  });

  it('refuses what is not an address', () => {
    for (const hostile of ['', 'pas une adresse', 'x@', '@x.fr', 'a@x', 'a@x..fr', 'a@.x.fr', '<script>@x.fr', 'a b@x.fr', '"a"@x.fr']) {
      expect(isAddress(hostile), hostile).toBe(false);
    }
    expect(() => parseAddressEntries('a@x.fr', 'Pour')).toThrow('Liste d’adresses invalide (Pour).');
  });

  it('takes a display name and gives back the address alone, as nodemailer’s parser reads it', () => {
    expect(parseAddress('Élise Durand <elise.durand@example.test>')).toBe('elise.durand@example.test');
    expect(parseAddress('"Durand, Élise" <elise.durand@example.test>')).toBe('elise.durand@example.test');
    expect(parseAddress('<elise.durand@example.test>')).toBe('elise.durand@example.test');
    // A name that is itself an address would show one address and send to another.
    expect(() => parseAddress('direction@mutuelle.example.test <pirate@example.test>')).toThrow(/le nom affiché ne peut pas contenir d’adresse/);
    // What the parser would have to repair is refused, not guessed.
    for (const repaired of ['e@x.fr (Élise)', 'Élise e@x.fr']) expect(isAddress(repaired), repaired).toBe(false);
    expect(parseAddressList('"Durand, Élise" <e@x.fr>; compta@y.fr')).toEqual(['e@x.fr', 'compta@y.fr']);
  });

  it('splits only a list typed as one (a template’s fixed recipient)', () => {
    expect(parseAddressList('a@x.fr; b@y.fr, c@z.fr')).toEqual(['a@x.fr', 'b@y.fr', 'c@z.fr']);
    expect(() => parseAddressList('a@x.fr;\u0000b@y.fr')).toThrow(/caractère de contrôle interdit/);
  });
});
