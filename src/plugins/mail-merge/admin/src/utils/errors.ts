import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { isFetchError } from '@strapi/strapi/admin';

export type ApiErrorBody = {
  status?: number;
  name?: string;
  message?: string;
  details?: { code?: string; en?: string; fields?: string[]; [key: string]: unknown };
};

/**
 * The `error` object of a failed admin API call, if there is one: a FetchError of the fetch client,
 * or what RTK Query's Strapi baseQuery answers (`{ name, message, details, status }`, thrown by
 * `unwrap()` or in a query's `error`).
 */
export const apiError = (error: unknown): ApiErrorBody | undefined => {
  if (isFetchError(error)) return (error.response?.data?.error as ApiErrorBody | undefined) ?? { message: error.message };
  if (error instanceof Error || typeof error !== 'object' || error === null || !('name' in error)) return undefined;
  const body = error as ApiErrorBody;
  // A response without Strapi's error body: `details` is the raw response, not the plugin's.
  if (body.name === 'UnknownError') return { name: body.name, message: body.message, status: body.status };
  return body;
};

/**
 * The message to show for a failed call: the server's French message, or its English text when
 * the admin is in English.
 */
export const useErrorMessage = () => {
  const { locale, formatMessage } = useIntl();
  return useCallback(
    (error: unknown) => {
      const body = apiError(error);
      if (locale.startsWith('en') && body?.details?.en) return body.details.en;
      return (
        body?.message ||
        (error instanceof Error ? error.message : '') ||
        formatMessage({ id: 'mail-merge.error.unknown', defaultMessage: 'Une erreur est survenue.' })
      );
    },
    [locale, formatMessage]
  );
};
