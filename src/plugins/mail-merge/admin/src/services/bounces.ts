import type { ClearSuppression, GetSuppressions } from '../../../shared/contracts/bounces';
import { BASE, mailMergeApi } from './api';

export type { Suppression, SuppressionFilters } from '../../../shared/contracts/bounces';

const LIST = { type: 'MailMergeSuppression' as const, id: 'LIST' };

/** « Adresses en échec »: the suppression list and « Lever » (its own tag, added here). */
const bouncesApi = mailMergeApi.enhanceEndpoints({ addTagTypes: ['MailMergeSuppression'] }).injectEndpoints({
  endpoints: (build) => ({
    getSuppressions: build.query<GetSuppressions.Response, GetSuppressions.Request['query']>({
      query: (query) => ({
        url: `${BASE}/suppressions`,
        method: 'GET',
        config: { params: Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== '')) },
      }),
      providesTags: [LIST],
    }),
    clearSuppression: build.mutation<ClearSuppression.Response, ClearSuppression.Request['params']>({
      query: ({ documentId }) => ({ url: `${BASE}/suppressions/${encodeURIComponent(documentId)}/clear`, method: 'POST' }),
      invalidatesTags: [LIST],
    }),
  }),
});

export const { useGetSuppressionsQuery, useClearSuppressionMutation } = bouncesApi;
