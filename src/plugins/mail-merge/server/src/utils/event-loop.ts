/**
 * CPU-bound work in slices. A grouped send's preparation renders and writes hundreds of mails per
 * chunk; done in one go it held the event loop for 200–300 ms at each chunk, and every SMTP
 * connection of the dispatcher, idle meanwhile, stood still (measured: the send ran at half the
 * speed of its own SMTP client). Between slices the loop serves the sockets.
 */

/** Lets the event loop serve pending I/O (SMTP sockets, HTTP requests) before going on. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Items per slice: a few milliseconds of rendering (about 0.3 ms per mail). */
export const SLICE = 16;

/** `items.map(fn)`, yielding to the event loop every `size` items. */
export const mapInSlices = async <T, R>(items: readonly T[], fn: (item: T, index: number) => R, size = SLICE): Promise<R[]> => {
  const results: R[] = [];
  for (let index = 0; index < items.length; index += 1) {
    if (index > 0 && index % size === 0) await yieldToEventLoop();
    results.push(fn(items[index], index));
  }
  return results;
};
