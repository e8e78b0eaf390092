import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { Page } from './pages';

let cache: Promise<Page[]> | null = null;

/**
 * The configured page bound to a Content Manager model (its `contentType`), or null. The page
 * registry is the same for every user: it is fetched once per admin session.
 */
export const usePageOf = (model: string | undefined): { page: Page | null; isLoading: boolean } => {
  const { get } = useFetchClient();
  const [state, setState] = useState<{ pages: Page[] | null }>({ pages: null });

  useEffect(() => {
    let cancelled = false;
    if (!cache) {
      cache = get<{ data: Page[] }>('/mail-merge/pages').then(({ data }) => data.data);
      cache.catch(() => {
        cache = null;
      });
    }
    cache.then((pages) => !cancelled && setState({ pages })).catch(() => !cancelled && setState({ pages: [] }));
    return () => {
      cancelled = true;
    };
  }, [get]);

  return {
    page: state.pages?.find((p) => p.contentType === model) ?? null,
    isLoading: state.pages === null,
  };
};
