import { describe, expect, it } from 'vitest';
import { isoToParisWallTime, parisWallTimeToIso } from '../parisTime';

describe('Paris wall-clock time', () => {
  it('reads a winter time as UTC+1 and a summer time as UTC+2', () => {
    expect(parisWallTimeToIso('2026-12-02T09:00')).toBe('2026-12-02T08:00:00.000Z');
    expect(parisWallTimeToIso('2026-07-14T09:00')).toBe('2026-07-14T07:00:00.000Z');
  });

  it('is right on both sides of the change to summer time (29 March 2026, 02:00 → 03:00)', () => {
    expect(parisWallTimeToIso('2026-03-29T01:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(parisWallTimeToIso('2026-03-29T03:30')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('goes back to the same wall-clock time', () => {
    expect(isoToParisWallTime('2026-12-02T08:00:00.000Z')).toBe('2026-12-02T09:00');
    expect(isoToParisWallTime('2026-07-14T07:00:00.000Z')).toBe('2026-07-14T09:00');
  });

  it('refuses what is not a date and a time', () => {
    expect(parisWallTimeToIso('')).toBeNull();
    expect(parisWallTimeToIso('02/12/2026 09:00')).toBeNull();
  });
});
