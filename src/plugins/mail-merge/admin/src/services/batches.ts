import { useMemo } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

const BASE = '/mail-merge';

/** Why a record of the selection gets no mail (the server's reasons, every key always present). */
export const SKIP_REASONS = ['no-email', 'invalid-email', 'consent', 'notification', 'duplicate', 'no-row', 'not-found', 'render'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
export type SkipCounts = Record<SkipReason, number>;

/** The ticked rows, or the whole list as filtered (the Content Manager's `filters` and `_q`). */
export type Selection = { ids: string[] } | { filters?: Record<string, unknown>; search?: string };

export type Preflight = {
  total: number;
  eligible: number;
  skipped: SkipCounts;
  sample: { record: { documentId: string; label: string }; to: string[]; subject: string; html: string }[];
  estimatedSeconds: number;
  /** The sender profile's address, when the server tells it (a grouped send needs one). */
  from?: string | null;
};

export type BatchStatus = 'preparing' | 'sending' | 'paused' | 'done' | 'cancelled';

export type BatchCounts = {
  total: number;
  queued: number;
  held: number;
  sending: number;
  sent: number;
  failed: number;
  uncertain: number;
  cancelled: number;
  skipped: number;
  skippedByReason: SkipCounts;
};

export type Batch = {
  documentId: string;
  page: string;
  templateId: string;
  templateTitle: string;
  status: BatchStatus;
  pausedReason: string | null;
  createdByName: string | null;
  createdAt: string;
  finishedAt: string | null;
  priority: boolean;
  counts: BatchCounts;
  rate: number | null;
  etaSeconds: number | null;
};

export type BatchInput = {
  page: string;
  template: string;
  selection: Selection;
  priority?: boolean;
  /** « Génération événement envoi mail » on each record (the server's default: yes). */
  logEvent?: boolean;
  attachments?: number[];
};

export const isFinished = (batch: Pick<Batch, 'status'>) => batch.status === 'done' || batch.status === 'cancelled';

/** Recipients whose outcome is known: the bar's filled part. */
export const settledCount = ({ counts }: Pick<Batch, 'counts'>) => counts.sent + counts.failed + counts.skipped + counts.cancelled + counts.uncertain;

/** « Envoi de mails groupés »: pre-flight, creation, follow-up and the actions on a batch. */
export const useBatchesApi = () => {
  const { get, post } = useFetchClient();
  return useMemo(
    () => ({
      preflight: async (input: Pick<BatchInput, 'page' | 'template' | 'selection'>) =>
        (await post<{ data: Preflight }>(`${BASE}/batches/preflight`, input)).data.data,
      create: async (input: BatchInput) => (await post<{ data: Batch }>(`${BASE}/batches`, input)).data.data,
      list: async () => (await get<{ data: Batch[] }>(`${BASE}/batches`)).data.data,
      get: async (documentId: string) => (await get<{ data: Batch }>(`${BASE}/batches/${encodeURIComponent(documentId)}`)).data.data,
      act: async (documentId: string, action: 'pause' | 'resume' | 'cancel' | 'retry-failed') =>
        (await post<{ data: Batch }>(`${BASE}/batches/${encodeURIComponent(documentId)}/${action}`)).data.data,
      /** The CSV report, fetched with the admin token (a plain link would not carry it). */
      report: async (documentId: string) =>
        (await get<Blob>(`${BASE}/batches/${encodeURIComponent(documentId)}/report.csv`, { responseType: 'blob' } as any)).data,
    }),
    [get, post]
  );
};
