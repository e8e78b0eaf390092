import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

export type Page = {
  key: string;
  module: string;
  page: string;
  contentType: string;
  /** Display name of the content type; absent for pages made up by the admin (orphans). */
  contentTypeName?: string;
  defaultRecipients: { field: string; label: string }[];
  consentGated: boolean;
  /** The record attribute telling the insured person from a dependant, and its dependant value. */
  memberRole?: { field: string; dependant: string } | null;
};

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
