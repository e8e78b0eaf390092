import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { Page } from './pages';

type Registry = { pages: Page[]; consentHolder: string | null };

let cache: Promise<Registry> | null = null;

/**
 * The configured page bound to a Content Manager model (its `contentType`), or null. The page
 * registry is the same for every user: it is fetched once per admin session.
 */
export const usePageOf = (
  model: string | undefined
): { page: Page | null; consentHolder: string | null; isConsentHolder: boolean; isLoading: boolean } => {
  const { get } = useFetchClient();
  const [state, setState] = useState<{ pages: Page[] | null; consentHolder?: string | null }>({ pages: null });

  useEffect(() => {
    let cancelled = false;
    if (!cache) {
      cache = get<{ data: Page[]; meta?: { consentHolder?: string | null } }>('/mail-merge/pages').then(({ data }) => ({
        pages: data.data,
        consentHolder: data.meta?.consentHolder ?? null,
      }));
      cache.catch(() => {
        cache = null;
      });
    }
    cache
      .then((registry) => !cancelled && setState(registry))
      .catch(() => !cancelled && setState({ pages: [], consentHolder: null }));
    return () => {
      cancelled = true;
    };
  }, [get]);

  return {
    page: state.pages?.find((p) => p.contentType === model) ?? null,
    // The content type of the membership that holds consent (the adhesion, in the reference app).
    consentHolder: state.consentHolder ?? null,
    // The membership gets the consent form on its own screen.
    isConsentHolder: Boolean(model && state.consentHolder === model),
    isLoading: state.pages === null,
  };
};
