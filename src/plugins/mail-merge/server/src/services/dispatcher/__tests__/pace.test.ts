import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPace } from '../pace';

const settings = (ratePerSecond: number, slowdownMs = 10_000) => () => ({ ratePerSecond, slowdownMs }) as any;

describe('the pace of deliveries', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-01T09:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('does not wait when no rate is set', async () => {
    const pace = createPace(settings(0));
    expect(await pace.wait()).toBe(0);
    expect(await pace.wait()).toBe(0);
  });

  it('spaces deliveries at the configured rate', async () => {
    const pace = createPace(settings(20));
    const waits = [pace.wait(), pace.wait(), pace.wait()];
    await vi.advanceTimersByTimeAsync(200);
    // 20 mails/s: one slot every 50 ms.
    expect(await Promise.all(waits)).toEqual([0, 50, 100]);
  });

  it('stops for the slow-down period after a busy answer, then goes on at half the rate', async () => {
    const pace = createPace(settings(20, 1_000));
    await pace.wait();
    pace.slowDown();
    const first = pace.wait();
    const second = pace.wait();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await first).toBe(1_000);
    // Half of 20 mails/s: 100 ms between slots.
    expect(await second).toBe(1_100);
  });
});
