import { useMemo } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type {
  BrokenTemplate,
  Extraction,
  ExtractionInput,
  Preview,
  RecordOption,
  Template,
  TemplateInput,
  NotificationType,
  TestResult,
} from './types';
import { useApiQuery } from './useApiQuery';

const BASE = '/mail-merge';

export const useExtractions = (page?: string | null, skip = false) =>
  useApiQuery<{ data: Extraction[] }>(skip ? null : `${BASE}/extractions`, page ? { page } : undefined);

export const useExtraction = (id: string | null) =>
  useApiQuery<{ data: Extraction; meta: { templates: Template[] } }>(id ? `${BASE}/extractions/${id}` : null);

export const useTemplates = () => useApiQuery<{ data: Template[] }>(`${BASE}/templates`);

export const useNotificationTypes = (skip = false) => useApiQuery<{ data: NotificationType[] }>(skip ? null : `${BASE}/notification-types`);

export const useTemplate = (id: string | null) => useApiQuery<{ data: Template }>(id ? `${BASE}/templates/${id}` : null);

/** Every write and action of the plugin's admin API, resolving to the response body's `data` (and `meta`). */
export const useMailMergeApi = () => {
  const { get, post, put, del } = useFetchClient();
  return useMemo(
    () => ({
      searchRecords: async (page: string, search: string, limit = 20) =>
        (await get<{ data: RecordOption[] }>(`${BASE}/pages/${encodeURIComponent(page)}/records`, { params: { search, limit } }))
          .data.data,

      createExtraction: async (input: ExtractionInput) =>
        (await post<{ data: Extraction; meta: { brokenTemplates: BrokenTemplate[] } }>(`${BASE}/extractions`, input)).data,
      updateExtraction: async (id: string, input: ExtractionInput) =>
        (await put<{ data: Extraction; meta: { brokenTemplates: BrokenTemplate[] } }>(`${BASE}/extractions/${id}`, input)).data,
      checkExtraction: async (id: string | null, input: ExtractionInput) =>
        (
          await post<{ data: { columns: string[]; brokenTemplates: BrokenTemplate[]; keyMismatches: string[] } }>(`${BASE}/extractions/check`, input, {
            params: id ? { documentId: id } : undefined,
          })
        ).data.data,
      deleteExtraction: async (id: string) => {
        await del(`${BASE}/extractions/${id}`);
      },
      testQuery: async (body: { query: string; page?: string; record?: string; limit?: number }) =>
        (await post<{ data: TestResult }>(`${BASE}/extractions/test`, body)).data.data,
      testSaved: async (id: string, body: { page?: string; record?: string; limit?: number }) =>
        (await post<{ data: TestResult }>(`${BASE}/extractions/${id}/test`, body)).data.data,

      createTemplate: async (input: TemplateInput) => (await post<{ data: Template }>(`${BASE}/templates`, input)).data.data,
      updateTemplate: async (id: string, input: TemplateInput) =>
        (await put<{ data: Template }>(`${BASE}/templates/${id}`, input)).data.data,
      deleteTemplate: async (id: string) => {
        await del(`${BASE}/templates/${id}`);
      },
      duplicateTemplate: async (id: string, target: { page: string; extraction: string; title?: string }) =>
        (await post<{ data: Template }>(`${BASE}/templates/${id}/duplicate`, target)).data.data,
      previewDraft: async (input: TemplateInput, record: string) =>
        (await post<{ data: Preview }>(`${BASE}/templates/preview`, { ...input, record })).data.data,
      previewSaved: async (id: string, record: string) =>
        (await post<{ data: Preview }>(`${BASE}/templates/${id}/preview`, { record })).data.data,
    }),
    [get, post, put, del]
  );
};
