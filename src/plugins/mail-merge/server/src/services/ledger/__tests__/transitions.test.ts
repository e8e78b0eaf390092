import { describe, expect, it } from 'vitest';
import { MESSAGE_STATUSES } from '../../../constants';
import { assertTransition, TransitionError } from '../transitions';

/** The moves a mail may make, written out here rather than read from constants.ts. */
const ALLOWED = new Set([
  'queued→sending', 'queued→held', 'queued→cancelled',
  'sending→sent', 'sending→failed', 'sending→queued', 'sending→uncertain', 'sending→held', 'sending→cancelled', 'sending→bounced',
  'held→queued', 'held→cancelled',
  'failed→queued', 'failed→held',
  'uncertain→queued', 'uncertain→bounced',
  'sent→bounced',
]);

describe('the ledger’s transition table', () => {
  for (const from of MESSAGE_STATUSES) {
    for (const to of MESSAGE_STATUSES) {
      const move = `${from}→${to}`;
      if (ALLOWED.has(move)) {
        it(`allows ${move}`, () => expect(() => assertTransition(from, to)).not.toThrow());
      } else {
        it(`refuses ${move}`, () => expect(() => assertTransition(from, to)).toThrow(TransitionError));
      }
    }
  }

  it('refuses a bulk move when one of its sources may not make it', () => {
    expect(() => assertTransition(['queued', 'sent'], 'cancelled')).toThrow(/from "sent" to "cancelled"/);
  });

  it('refuses a status that does not exist', () => {
    expect(() => assertTransition('queued', 'delivered' as any)).toThrow(TransitionError);
  });
});
