import { useMemo } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
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
import type { Batch, BatchAction, BatchStatus } from './types';

const BASE = '/mail-merge';

export { SKIP_REASONS } from '../../../shared/constants';
export type { Batch, BatchCounts, BatchInput, BatchStatus, Preflight, Selection, SkipCounts, SkipReason } from './types';

export const isFinished = (batch: Pick<Batch, 'status'>) => (FINISHED_BATCH_STATUSES as readonly BatchStatus[]).includes(batch.status);

/** Recipients whose outcome is known: the bar's filled part. */
export const settledCount = ({ counts }: Pick<Batch, 'counts'>) => counts.sent + counts.failed + counts.skipped + counts.cancelled + counts.uncertain;

/** « Envoi de mails groupés »: pre-flight, creation, follow-up and the actions on a batch. */
export const useBatchesApi = () => {
  const { get, post } = useFetchClient();
  return useMemo(
    () => ({
      preflight: async (input: PreflightBatch.Request['body']) =>
        (await post<PreflightBatch.Response>(`${BASE}/batches/preflight`, input)).data.data,
      create: async (input: CreateBatch.Request['body']) => (await post<CreateBatch.Response>(`${BASE}/batches`, input)).data.data,
      list: async () => (await get<GetBatches.Response>(`${BASE}/batches`)).data.data,
      get: async (documentId: string) => (await get<GetBatch.Response>(`${BASE}/batches/${encodeURIComponent(documentId)}`)).data.data,
      act: async (documentId: string, action: BatchAction) =>
        (await post<PauseBatch.Response | ResumeBatch.Response | CancelBatch.Response | RetryFailedBatch.Response>(
          `${BASE}/batches/${encodeURIComponent(documentId)}/${action}`
        )).data.data,
      /** The CSV report, fetched with the admin token (a plain link would not carry it). */
      report: async (documentId: string) =>
        (await get<Blob>(`${BASE}/batches/${encodeURIComponent(documentId)}/report.csv`, { responseType: 'blob' } as any)).data,
    }),
    [get, post]
  );
};
