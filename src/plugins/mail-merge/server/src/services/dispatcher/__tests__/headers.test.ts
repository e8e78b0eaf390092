import { describe, expect, it } from 'vitest';
import { identityOf } from '../headers';

const BOUNCES = { domain: 'retours.mutuelle.example.test', localPart: 'bounce' } as Parameters<typeof identityOf>[1];
const NO_BOUNCE_DOMAIN = { domain: null, localPart: 'bounce' } as unknown as Parameters<typeof identityOf>[1];

const mail = (overrides: Partial<Parameters<typeof identityOf>[0]> = {}): Parameters<typeof identityOf>[0] => ({
  documentId: 'k3v9qz1a2b3c4d5e6f7g8h9i',
  fromAddress: 'Service adhésions <gestion@mutuelle.example.test>',
  to: ['elise.durand@example.test'],
  cc: [],
  bcc: [],
  origin: 'batch',
  page: 'beneficiaries',
  minimumConsent: 'limite',
  notificationType: null,
  ...overrides,
});

describe('List-Id (RFC 2919)', () => {
  it('names a communication by its notification type, in the bounce domain', () => {
    const { headers } = identityOf(mail({ notificationType: 'remboursement-assure' }), BOUNCES);
    expect(headers['List-Id']).toBe('<remboursement-assure.retours.mutuelle.example.test>');
  });

  it('reduces a notification type code to a dot-atom label, and falls back to « communications »', () => {
    expect(identityOf(mail({ notificationType: 'Relevé Santé 2027' }), BOUNCES).headers['List-Id']).toBe('<releve-sante-2027.retours.mutuelle.example.test>');
    expect(identityOf(mail({ notificationType: '<>' }), BOUNCES).headers['List-Id']).toBe('<communications.retours.mutuelle.example.test>');
    expect(identityOf(mail({ minimumConsent: 'public' }), NO_BOUNCE_DOMAIN).headers['List-Id']).toBe('<communications.mutuelle.example.test>');
  });

  it('is absent from management mail and from an « envoi test »', () => {
    expect(identityOf(mail({ minimumConsent: 'interne' }), BOUNCES).headers).not.toHaveProperty('List-Id');
    expect(identityOf(mail({ minimumConsent: null }), BOUNCES).headers).not.toHaveProperty('List-Id');
    expect(identityOf(mail({ test: true }), BOUNCES).headers).not.toHaveProperty('List-Id');
  });
});
