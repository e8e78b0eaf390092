/**
 * Independent reads at once, their refusals in a fixed order. A compose asks the database several
 * unrelated things (the template, the sender's profile; then consent, notification choice,
 * extraction row, layout): one after the other, PostgreSQL's round trips add up. Done together,
 * whichever fails first in time must not decide which error the gestionnaire reads: the first
 * failure in the order given is thrown, once every read has ended (none is left running).
 */
export const allInOrder = async <T extends unknown[]>(...promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> => {
  const settled = await Promise.allSettled(promises);
  const values: unknown[] = [];
  for (const result of settled) {
    if (result.status === 'rejected') throw result.reason;
    values.push(result.value);
  }
  return values as T;
};
