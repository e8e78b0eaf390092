/** How the provider's errors are read: retry later, or fail for good. */
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKET', 'ECONNECTION', 'EDNS', 'ETLS', 'EAI_AGAIN', 'EPIPE']);

/** 4xx SMTP answers and network failures are worth another try; anything else is final. */
export const isTransient = (error: any) => {
  const code = Number(error?.responseCode);
  if (code >= 400 && code < 500) return true;
  if (code >= 500) return false;
  return TRANSIENT_CODES.has(error?.code) || TRANSIENT_CODES.has(error?.errno);
};


/** The provider's answer, short enough for the ledger. */
export const describe = (error: any) =>
  [error?.responseCode, error?.code, error?.response ?? error?.message].filter(Boolean).join(' ').slice(0, 1000);
