import { errorProperty } from '../../utils/errors';

/** How the provider's errors are read: retry later, or fail for good. */
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKET', 'ECONNECTION', 'EDNS', 'ETLS', 'EAI_AGAIN', 'EPIPE']);

/** 4xx SMTP answers and network failures are worth another try; anything else is final. */
export const isTransient = (error: unknown) => {
  const code = Number(errorProperty(error, 'responseCode'));
  if (code >= 400 && code < 500) return true;
  if (code >= 500) return false;
  return TRANSIENT_CODES.has(String(errorProperty(error, 'code'))) || TRANSIENT_CODES.has(String(errorProperty(error, 'errno')));
};

/** The provider's answer, short enough for the ledger. */
export const describe = (error: unknown) =>
  [errorProperty(error, 'responseCode'), errorProperty(error, 'code'), errorProperty(error, 'response') ?? errorProperty(error, 'message') ?? (typeof error === 'string' ? error : null)]
    .filter(Boolean)
    .join(' ')
    .slice(0, 1000);
