import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

import type { Page } from '../../../shared/contracts/pages';

export type { Page };

type State = { pages: Page[]; isLoading: boolean; error: unknown };

/** The page registry (GET /mail-merge/pages). */
export const usePages = (): State => {
  const { get } = useFetchClient();
  const [state, setState] = useState<State>({ pages: [], isLoading: true, error: null });

  useEffect(() => {
    let cancelled = false;
    get<{ data: Page[] }>('/mail-merge/pages')
      .then(({ data }) => !cancelled && setState({ pages: data.data, isLoading: false, error: null }))
      .catch((error) => !cancelled && setState({ pages: [], isLoading: false, error }));
    return () => {
      cancelled = true;
    };
  }, [get]);

  return state;
};
