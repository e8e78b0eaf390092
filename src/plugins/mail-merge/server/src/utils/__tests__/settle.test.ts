import { describe, expect, it } from 'vitest';
import { allInOrder } from '../settle';

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const failLater = (ms: number, message: string) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), ms));

describe('allInOrder', () => {
  it('gives the values in the order asked, whatever order they come in', async () => {
    await expect(allInOrder(later(20, 'template'), later(1, 42), Promise.resolve(null))).resolves.toEqual(['template', 42, null]);
  });

  it('throws the first failure in the order given, not the first in time', async () => {
    await expect(allInOrder(later(5, 'a'), failLater(30, 'consent refused'), failLater(1, 'no extraction row'))).rejects.toThrow('consent refused');
  });

  it('waits for every read to end before throwing', async () => {
    let ended = false;
    const slow = later(30, 'layout').then((value) => {
      ended = true;
      return value;
    });
    await expect(allInOrder(Promise.reject(new Error('forbidden')), slow)).rejects.toThrow('forbidden');
    expect(ended).toBe(true);
  });
});
