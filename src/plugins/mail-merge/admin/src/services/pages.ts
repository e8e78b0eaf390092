import type { Page } from '../../../shared/contracts/pages';
import { useGetPagesQuery } from './api';

export type { Page };

const NO_PAGES: Page[] = [];

/** The page registry (GET /mail-merge/pages), read again when a screen that lists it opens. */
export const usePages = (): { pages: Page[]; isLoading: boolean; error: unknown } => {
  const { data, isLoading, error } = useGetPagesQuery(undefined, { refetchOnMountOrArgChange: true });
  return { pages: data?.data ?? NO_PAGES, isLoading, error };
};
