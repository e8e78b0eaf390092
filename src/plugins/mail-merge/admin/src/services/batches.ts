import { FINISHED_BATCH_STATUSES } from '../../../shared/constants';
import type {
  CancelBatch,
  CreateBatch,
  GetBatch,
  GetBatches,
  PauseBatch,
  PreflightBatch,
  ResumeBatch,
  RetryFailedBatch,
} from '../../../shared/contracts/batches';
import { BASE, mailMergeApi } from './api';
import type { Batch, BatchAction, BatchStatus } from './types';

export { SKIP_REASONS } from '../../../shared/constants';
export type { Batch, BatchAction, BatchCounts, BatchInput, BatchStatus, Preflight, Selection, SkipCounts, SkipReason } from './types';

export const isFinished = (batch: Pick<Batch, 'status'>) => (FINISHED_BATCH_STATUSES as readonly BatchStatus[]).includes(batch.status);

/** Recipients whose outcome is known: the bar's filled part. */
export const settledCount = ({ counts }: Pick<Batch, 'counts'>) =>
  counts.sent + counts.failed + counts.skipped + counts.cancelled + counts.uncertain + counts.bounced;

const batchPath = (documentId: string) => `${BASE}/batches/${encodeURIComponent(documentId)}`;

type ActionResponse = PauseBatch.Response | ResumeBatch.Response | CancelBatch.Response | RetryFailedBatch.Response;

/** « Envoi de mails groupés »: pre-flight, creation, follow-up and the actions on a batch. */
const batchesApi = mailMergeApi.injectEndpoints({
  endpoints: (build) => ({
    preflightBatch: build.mutation<PreflightBatch.Response, PreflightBatch.Request['body']>({
      query: (data) => ({ url: `${BASE}/batches/preflight`, method: 'POST', data }),
    }),
    createBatch: build.mutation<CreateBatch.Response, CreateBatch.Request['body']>({
      query: (data) => ({ url: `${BASE}/batches`, method: 'POST', data }),
      invalidatesTags: [{ type: 'MailMergeBatch', id: 'LIST' }, { type: 'MailMergeMessage', id: 'LIST' }, 'MailMergeEvent'],
    }),
    getBatches: build.query<GetBatches.Response, void>({
      query: () => `${BASE}/batches`,
      providesTags: (result) => [
        { type: 'MailMergeBatch', id: 'LIST' },
        ...(result?.data ?? []).map(({ documentId }) => ({ type: 'MailMergeBatch' as const, id: documentId })),
      ],
    }),
    getBatch: build.query<GetBatch.Response, GetBatch.Request['params']>({
      query: ({ documentId }) => batchPath(documentId),
      providesTags: (_result, _error, { documentId }) => [{ type: 'MailMergeBatch', id: documentId }],
    }),
    /** Pause, Reprendre, Annuler, Relancer les échecs: the batch's page shows the answer at once. */
    actOnBatch: build.mutation<ActionResponse, GetBatch.Request['params'] & { action: BatchAction }>({
      query: ({ documentId, action }) => ({ url: `${batchPath(documentId)}/${action}`, method: 'POST' }),
      async onQueryStarted({ documentId }, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(batchesApi.util.updateQueryData('getBatch', { documentId }, (draft) => ({ ...draft, data: data.data })));
        } catch {
          // The error is the caller's (unwrap).
        }
      },
      invalidatesTags: (_result, _error, { documentId }) => [
        { type: 'MailMergeBatch', id: documentId },
        { type: 'MailMergeBatch', id: 'LIST' },
        { type: 'MailMergeMessage', id: 'LIST' },
      ],
    }),
    /** The CSV report, fetched with the admin token (a plain link would not carry it). */
    getBatchReport: build.mutation<Blob, GetBatch.Request['params']>({
      query: ({ documentId }) => ({ url: `${batchPath(documentId)}/report.csv`, method: 'GET', config: { responseType: 'blob' } }),
    }),
  }),
});

export const {
  usePreflightBatchMutation,
  useCreateBatchMutation,
  useGetBatchesQuery,
  useGetBatchQuery,
  useActOnBatchMutation,
  useGetBatchReportMutation,
} = batchesApi;
