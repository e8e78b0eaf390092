import { useCallback, useMemo } from 'react';
import { useQueryParams } from '@strapi/strapi/admin';
import { useGetMessagesQuery, type MessageFilters } from '../services/messages';
import { useErrorMessage } from '../utils/errors';

const PAGE_SIZE = 20;

/** The filters kept in the query string (« Voir les mails de cet envoi » links to ?batch=…). */
const FILTER_KEYS = ['status', 'page', 'template', 'recipient', 'from', 'until', 'record', 'batch'] as const satisfies readonly (keyof MessageFilters)[];

/** The list's page number in the query string (`page` is the filter on a page of the registry). */
const PAGE_NUMBER = 'pageNumber';

type Query = Partial<Record<(typeof FILTER_KEYS)[number] | typeof PAGE_NUMBER, unknown>>;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * « Suivi des mails »: one page of the sent mails under the filters, read again on `refresh`
 * (« Actualiser », after « Renvoyer »). Filters and page live in the URL, so a filtered list can be
 * bookmarked; changing a filter goes back to the first page.
 */
export const useMessages = () => {
  const errorMessage = useErrorMessage();
  const [{ query }, setQuery] = useQueryParams<Query>();
  const filters = useMemo(() => {
    const next: MessageFilters = {};
    for (const key of FILTER_KEYS) {
      const value = text(query[key]);
      if (value) next[key] = value;
    }
    return next;
  }, [query]);
  const pageNumber = Math.max(1, Number(text(query[PAGE_NUMBER])) || 1);

  const { data, error: failure, refetch } = useGetMessagesQuery(
    { ...filters, 'pagination[page]': pageNumber, 'pagination[pageSize]': PAGE_SIZE },
    { refetchOnMountOrArgChange: true }
  );
  const result = data ? { data: data.data, pagination: data.meta.pagination } : null;
  const error = failure ? errorMessage(failure) : null;

  // useQueryParams writes values as they are: each is encoded here.
  const setFilter = useCallback(
    (key: keyof MessageFilters, value: string | undefined) => {
      if ((filters[key] ?? '') === (value ?? '')) return;
      setQuery({ [key]: value ? encodeURIComponent(value) : undefined, [PAGE_NUMBER]: undefined });
    },
    [filters, setQuery]
  );
  const goTo = useCallback((n: number) => setQuery({ [PAGE_NUMBER]: n > 1 ? String(n) : undefined }), [setQuery]);
  const refresh = useCallback(() => void refetch(), [refetch]);
  const previousPage = useCallback(() => goTo(pageNumber - 1), [goTo, pageNumber]);
  const nextPage = useCallback(() => goTo(pageNumber + 1), [goTo, pageNumber]);

  return { filters, setFilter, pageNumber, previousPage, nextPage, result, error, refresh };
};
