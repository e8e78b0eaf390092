/**
 * The mutual works on Paris time, whatever the gestionnaire's computer says: a send programmed
 * for « 02/12/2026 09:00 » leaves at 09:00 in Paris. The browser's `datetime-local` value is read
 * as a wall-clock time in Europe/Paris and turned into an instant (summer and winter time alike).
 */
export const MUTUAL_TIME_ZONE = 'Europe/Paris';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: MUTUAL_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Paris's offset from UTC at an instant, in ms (3 600 000 in winter, 7 200 000 in summer). */
const offsetAt = (instant: number) => {
  const p = Object.fromEntries(parts.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(instant / 1000) * 1000;
};

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `2026-12-02T09:00` (Paris) → `2026-12-02T08:00:00.000Z`; null when the text is no such time. */
export const parisWallTimeToIso = (local: string): string | null => {
  const match = LOCAL.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The offset at the guess, then at the corrected instant: right on both sides of a change.
  const first = wall - offsetAt(wall);
  const instant = wall - offsetAt(first);
  return Number.isNaN(instant) ? null : new Date(instant).toISOString();
};

/** An instant as Paris's wall-clock time for a `datetime-local` input: `2026-12-02T09:00`. */
export const isoToParisWallTime = (iso: string): string => {
  const instant = Date.parse(iso);
  return new Date(instant + offsetAt(instant)).toISOString().slice(0, 16);
};
