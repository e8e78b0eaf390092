import { useEffect, useRef } from 'react';
import { useLatest } from './useLatest';

/**
 * Puts a fetched record into a form when what was fetched changed (another record, a new version),
 * not at every answer: the page shows the cached record at once and refetches it, and that answer,
 * landing after the user started typing, used to put the saved text back over what they typed.
 * Another `id` (a new record, the next one) applies whatever comes.
 */
export const useApplyFetched = <T>(id: string | null, fetched: T | undefined, keyOf: (value: T) => string, apply: (value: T) => void) => {
  const applied = useRef<string | null>(null);
  const latest = useLatest({ keyOf, apply });

  useEffect(() => {
    applied.current = null;
  }, [id]);

  useEffect(() => {
    if (fetched === undefined) return;
    const key = latest.current.keyOf(fetched);
    if (key === applied.current) return;
    applied.current = key;
    latest.current.apply(fetched);
  }, [fetched, latest]);
};
