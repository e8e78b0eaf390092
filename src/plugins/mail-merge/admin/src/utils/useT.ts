import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from './getTranslation';

export type Translate = (id: string, defaultMessage: string, values?: Record<string, any>) => string;

/** `t('key', 'Texte par défaut', values)`: every label goes through react-intl, prefixed with the plugin id. */
export const useT = (): Translate => {
  const { formatMessage } = useIntl();
  return useCallback(
    (id, defaultMessage, values) => formatMessage({ id: getTranslation(id), defaultMessage }, values) as string,
    [formatMessage]
  );
};
