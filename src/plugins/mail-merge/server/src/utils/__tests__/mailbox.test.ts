import { describe, expect, it } from 'vitest';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { displayNameOf, formatMailbox, senderMailbox } from '../mailbox';

const strapi = { config: { get: () => 'Mutuelle Test <no-reply@mutuelle.example.test>' } } as any;
const ADDRESS = 'gestion@mutuelle.example.test';

describe('the sender as the recipient reads it', () => {
  it('quotes the display name, and the address parser reads back exactly the name and address', () => {
    for (const name of ['Élise Durand', 'Dupont, Jean', 'O’Brien "Bob" \\ le grand', 'Anne (service) <adhésions>']) {
      const mailbox = formatMailbox(name, ADDRESS);
      expect(addressparser(mailbox)).toEqual([{ name, address: ADDRESS }]);
    }
  });

  it('never lets a name inject a header or pass for another address', () => {
    expect(formatMailbox('Claire\r\nBcc: x', ADDRESS)).toBe(`"Claire Bcc: x" <${ADDRESS}>`);
    expect(formatMailbox('directeur@banque.example', ADDRESS)).toBe(ADDRESS);
    expect(formatMailbox('   ', ADDRESS)).toBe(ADDRESS);
    expect(formatMailbox('x'.repeat(300), ADDRESS).length).toBeLessThan(120);
  });

  it('takes the person’s name, else the configured default sender’s', () => {
    expect(displayNameOf('Mutuelle Test <no-reply@mutuelle.example.test>')).toBe('Mutuelle Test');
    expect(senderMailbox(strapi, ADDRESS, 'Claire Gestionnaire')).toBe(`"Claire Gestionnaire" <${ADDRESS}>`);
    expect(senderMailbox(strapi, ADDRESS, null)).toBe(`"Mutuelle Test" <${ADDRESS}>`);
    expect(senderMailbox(strapi, ADDRESS, 'claire@mutuelle.example.test')).toBe(`"Mutuelle Test" <${ADDRESS}>`);
    // A mailbox that has its name already keeps it.
    expect(senderMailbox(strapi, `"Claire G." <${ADDRESS}>`, 'Autre')).toBe(`"Claire G." <${ADDRESS}>`);
  });
});
