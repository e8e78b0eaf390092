import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

export type QueryState<T> = { data: T | undefined; isLoading: boolean; error: unknown; refetch: () => void };

/** GET `url` (skipped while null) and keep the response body; `refetch` loads it again. */
export const useApiQuery = <T>(url: string | null, params?: Record<string, unknown>): QueryState<T> => {
  const { get } = useFetchClient();
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ data: T | undefined; isLoading: boolean; error: unknown }>({
    data: undefined,
    isLoading: Boolean(url),
    error: null,
  });
  const paramsKey = JSON.stringify(params ?? {});
  const key = `${url}?${paramsKey}`;
  const [loadedKey, setLoadedKey] = useState<string | null>(null);

  useEffect(() => {
    if (!url) {
      setState({ data: undefined, isLoading: false, error: null });
      return;
    }
    let cancelled = false;
    setState((previous) => ({ ...previous, isLoading: true, error: null }));
    get<T>(url, { params: JSON.parse(paramsKey) })
      .then(({ data }) => {
        if (cancelled) return;
        setState({ data, isLoading: false, error: null });
        setLoadedKey(`${url}?${paramsKey}`);
      })
      .catch((error) => !cancelled && setState({ data: undefined, isLoading: false, error }));
    return () => {
      cancelled = true;
    };
  }, [get, url, paramsKey, tick]);

  const refetch = useCallback(() => setTick((t) => t + 1), []);
  // Data of another URL is never shown: a refetch keeps the previous data, a new URL does not.
  const stale = loadedKey !== null && loadedKey !== key;
  return { ...state, data: stale ? undefined : state.data, isLoading: state.isLoading || (Boolean(url) && stale), refetch };
};
