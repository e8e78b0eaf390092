import type { DispatcherSettings } from '../../config/schema';

/** « Service not available » and « temporary failure »: the server asks us to slow down. */
export const BUSY_CODES = new Set([421, 454]);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The pace of deliveries: at most `ratePerSecond` (0 = no limit). A busy answer stops deliveries
 * for `slowdownMs` and halves the pace; each quiet `slowdownMs` after that doubles it back.
 */
export const createPace = (settings: () => DispatcherSettings) => {
  let nextSlot = 0;
  let slowUntil = 0;
  let slowRate: number | null = null;
  let lastSlowdown = 0;
  const recent: number[] = [];

  const measured = () => {
    const since = Date.now() - 10_000;
    while (recent.length > 0 && recent[0] < since) recent.shift();
    return recent.length >= 10 ? recent.length / 10 : null;
  };

  const limit = () => {
    const { ratePerSecond, slowdownMs } = settings();
    if (slowRate !== null && Date.now() - lastSlowdown > slowdownMs) {
      slowRate *= 2;
      lastSlowdown = Date.now();
      if ((ratePerSecond > 0 && slowRate >= ratePerSecond) || slowRate > 10_000) slowRate = null;
    }
    const rates = [ratePerSecond > 0 ? ratePerSecond : null, slowRate].filter((r): r is number => r !== null);
    return rates.length ? Math.min(...rates) : 0;
  };

  return {
    /** Waits for this delivery's slot; says how long it waited (ms). */
    async wait() {
      const now = Date.now();
      const rate = limit();
      const slot = Math.max(now, slowUntil, rate > 0 ? nextSlot : 0);
      if (rate > 0) nextSlot = slot + 1000 / rate;
      if (slot > now) await sleep(slot - now);
      return slot - now;
    },
    delivered() {
      const now = Date.now();
      recent.push(now);
      while (recent[0] < now - 10_000) recent.shift();
    },
    slowDown() {
      const { ratePerSecond, slowdownMs } = settings();
      const base = slowRate ?? (ratePerSecond > 0 ? ratePerSecond : measured() ?? 10);
      slowRate = Math.max(0.5, base / 2);
      slowUntil = Date.now() + slowdownMs;
      lastSlowdown = Date.now();
    },
    expectedRate() {
      const rate = limit();
      const seen = measured();
      if (rate > 0) return seen ? Math.min(seen, rate) : rate;
      return seen;
    },
  };
};

