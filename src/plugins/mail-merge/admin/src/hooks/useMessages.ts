import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMessagesApi, type MessageFilters, type MessageSummary, type Pagination } from '../services/sending';
import { useErrorMessage } from '../utils/errors';

const PAGE_SIZE = 20;

type Result = { data: MessageSummary[]; pagination: Pagination };

/**
 * « Suivi des mails »: one page of the sent mails under the filters, read again on `refresh`
 * (« Actualiser », after « Renvoyer »). Changing a filter goes back to the first page.
 */
export const useMessages = () => {
  const api = useMessagesApi();
  const errorMessage = useErrorMessage();
  // « Voir les mails de cet envoi » from a grouped send: ?batch=<documentId>.
  const [searchParams] = useSearchParams();
  const [filters, setFilters] = useState<MessageFilters>(() => (searchParams.get('batch') ? { batch: searchParams.get('batch')! } : {}));
  const [pageNumber, setPageNumber] = useState(1);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api
      .list(filters, pageNumber, PAGE_SIZE)
      .then((r) => !cancelled && (setResult({ data: r.data, pagination: r.meta.pagination }), setError(null)))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [api, errorMessage, filters, pageNumber, tick]);

  const setFilter = useCallback((key: keyof MessageFilters, value: string | undefined) => {
    setPageNumber(1);
    setFilters((previous) => ({ ...previous, [key]: value || undefined }));
  }, []);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const previousPage = useCallback(() => setPageNumber((n) => n - 1), []);
  const nextPage = useCallback(() => setPageNumber((n) => n + 1), []);

  return { filters, setFilter, pageNumber, previousPage, nextPage, result, error, refresh };
};
