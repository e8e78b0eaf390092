/** Polls until `check` returns a truthy value (or throws its last error after `timeoutMs`). */
export const eventually = async <T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, intervalMs = 50): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw last instanceof Error ? last : new Error(`condition not met within ${timeoutMs} ms`);
};
