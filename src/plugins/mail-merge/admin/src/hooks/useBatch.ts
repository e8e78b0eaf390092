import { useEffect, useState } from 'react';
import { isFinished, useGetBatchQuery } from '../services/batches';
import { apiError } from '../utils/errors';

const POLL_MS = 1000;

/**
 * One batch, read again every second while it is being prepared, sent or paused (RTK Query's
 * polling); an action's answer replaces it at once (services/batches.ts). Polling stops once it is
 * done or cancelled, and starts again when « Relancer les échecs » runs it anew.
 */
export const useBatch = (documentId: string | undefined) => {
  const [pollingInterval, setPollingInterval] = useState(POLL_MS);
  const { currentData, error } = useGetBatchQuery({ documentId: documentId ?? '' }, { skip: !documentId, pollingInterval, refetchOnMountOrArgChange: true });
  const batch = currentData?.data ?? null;
  const status = error ? apiError(error)?.status : undefined;
  // A passing failure (network): try again, a little later; a refusal or an unknown batch: never.
  const next = error ? (status === 403 || status === 404 ? 0 : POLL_MS * 5) : batch && isFinished(batch) ? 0 : POLL_MS;
  useEffect(() => setPollingInterval(next), [next]);
  return { batch, error: error ?? null };
};
