import { useGetPagesQuery } from './api';
import type { Page } from './pages';

/**
 * The configured page bound to a Content Manager model (its `contentType`), or null. The page
 * registry is the same for every user: it is fetched once per admin session (RTK Query's cache,
 * kept for the session; a failed read is tried again by the next screen that needs it).
 */
export const usePageOf = (
  model: string | undefined
): { page: Page | null; consentHolder: string | null; isConsentHolder: boolean; isLoading: boolean } => {
  const { data, isError, isLoading } = useGetPagesQuery();
  const pages = data?.data ?? (isError ? [] : null);
  const consentHolder = data?.meta?.consentHolder ?? null;
  return {
    page: pages?.find((p) => p.contentType === model) ?? null,
    // The content type of the membership that holds consent (the adhesion, in the reference app).
    consentHolder,
    // The membership gets the consent form on its own screen.
    isConsentHolder: Boolean(model && consentHolder === model),
    isLoading: pages === null || isLoading,
  };
};
