import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { isFetchError } from '@strapi/strapi/admin';

export type ApiErrorBody = {
  status?: number;
  name?: string;
  message?: string;
  details?: { code?: string; en?: string; fields?: string[]; [key: string]: unknown };
};

/** The `error` object of a failed admin API call, if there is one. */
export const apiError = (error: unknown): ApiErrorBody | undefined =>
  isFetchError(error) ? ((error.response?.data?.error as ApiErrorBody | undefined) ?? { message: error.message }) : undefined;

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
