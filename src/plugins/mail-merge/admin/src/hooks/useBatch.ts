import { useEffect, useState } from 'react';
import { isFinished, useBatchesApi, type Batch } from '../services/batches';
import { apiError } from '../utils/errors';

const POLL_MS = 1000;

/**
 * One batch, read again every second while it is being prepared, sent or paused; `set` takes the
 * batch an action answered with. Polling stops once it is done or cancelled.
 */
export const useBatch = (documentId: string | undefined) => {
  const api = useBatchesApi();
  const [batch, setBatch] = useState<Batch | null>(null);
  const [error, setError] = useState<unknown>(null);
  const finished = batch ? isFinished(batch) : false;
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!documentId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    api
      .get(documentId)
      .then((next) => {
        if (cancelled) return;
        setBatch(next);
        setError(null);
        if (!isFinished(next)) timer = setTimeout(() => setTick((n) => n + 1), POLL_MS);
      })
      .catch((e) => {
        if (cancelled) return;
        setError(e);
        const status = apiError(e)?.status;
        if (status === 403 || status === 404) return;
        // A passing failure (network): try again, a little later.
        timer = setTimeout(() => setTick((n) => n + 1), POLL_MS * 5);
      });
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, documentId, tick]);

  /** After an action: show its answer, and poll again if the batch runs anew (« Relancer les échecs »). */
  const set = (next: Batch) => {
    setBatch(next);
    if (finished && !isFinished(next)) setTick((n) => n + 1);
  };

  return { batch, error, set };
};
