import { useMemo } from 'react';
import { adminApi } from '@strapi/strapi/admin';
import type {
  CheckExtraction,
  CreateExtraction,
  DeleteExtraction,
  ExtractionInput,
  GetExtraction,
  GetExtractions,
  TestExtractionQuery,
  TestSavedExtraction,
  UpdateExtraction,
} from '../../../shared/contracts/extractions';
import type { GetNotificationTypes } from '../../../shared/contracts/notifications';
import type { GetPages } from '../../../shared/contracts/pages';
import type { SearchRecords } from '../../../shared/contracts/records';
import type {
  CreateTemplate,
  DeleteTemplate,
  DuplicateTemplate,
  GetTemplate,
  GetTemplates,
  PreviewDraftTemplate,
  PreviewSavedTemplate,
  TemplateInput,
  UpdateTemplate,
} from '../../../shared/contracts/templates';

export const BASE = '/mail-merge';

/** `encodeURIComponent` of each segment of a record's route. */
export const recordPath = (page: string, documentId: string) => `${encodeURIComponent(page)}/${encodeURIComponent(documentId)}`;

const LIST = 'LIST';

/**
 * The plugin's admin API on Strapi's own RTK Query api (its store and Strapi's baseQuery): the
 * areas inject their endpoints into this one (sending.ts, messages.ts, batches.ts).
 */
export const mailMergeApi = adminApi.enhanceEndpoints({
  addTagTypes: [
    'MailMergePage',
    'MailMergeExtraction',
    'MailMergeTemplate',
    'MailMergeNotificationType',
    'MailMergeBatch',
    'MailMergeMessage',
    'MailMergeEvent',
    'MailMergeChoices',
    'MailMergeProfile',
    'MailMergeConsent',
  ],
});

/** Templates and extractions lists change together: an extraction's edit may break templates. */
const CONFIGURATION_LISTS = [
  { type: 'MailMergeExtraction' as const, id: LIST },
  { type: 'MailMergeTemplate' as const, id: LIST },
];

const configurationApi = mailMergeApi.injectEndpoints({
  endpoints: (build) => ({
    getPages: build.query<GetPages.Response, void>({
      query: () => `${BASE}/pages`,
      providesTags: ['MailMergePage'],
      // The registry is the same for every user, for the whole admin session.
      keepUnusedDataFor: 24 * 60 * 60,
    }),
    searchRecords: build.query<SearchRecords.Response, SearchRecords.Request['params'] & SearchRecords.Request['query']>({
      query: ({ key, ...params }) => ({ url: `${BASE}/pages/${encodeURIComponent(key)}/records`, method: 'GET', config: { params } }),
    }),
    getNotificationTypes: build.query<GetNotificationTypes.Response, void>({
      query: () => `${BASE}/notification-types`,
      providesTags: ['MailMergeNotificationType'],
    }),

    getExtractions: build.query<GetExtractions.Response, GetExtractions.Request['query']>({
      query: (params) => ({ url: `${BASE}/extractions`, method: 'GET', config: { params } }),
      providesTags: (result) => [
        { type: 'MailMergeExtraction', id: LIST },
        ...(result?.data ?? []).map(({ documentId }) => ({ type: 'MailMergeExtraction' as const, id: documentId })),
      ],
    }),
    getExtraction: build.query<GetExtraction.Response, GetExtraction.Request['params']>({
      query: ({ documentId }) => `${BASE}/extractions/${encodeURIComponent(documentId)}`,
      providesTags: (_result, _error, { documentId }) => [{ type: 'MailMergeExtraction', id: documentId }],
    }),
    createExtraction: build.mutation<CreateExtraction.Response, CreateExtraction.Request['body']>({
      query: (data) => ({ url: `${BASE}/extractions`, method: 'POST', data }),
      invalidatesTags: CONFIGURATION_LISTS,
    }),
    updateExtraction: build.mutation<UpdateExtraction.Response, UpdateExtraction.Request['params'] & { body: UpdateExtraction.Request['body'] }>({
      query: ({ documentId, body }) => ({ url: `${BASE}/extractions/${encodeURIComponent(documentId)}`, method: 'PUT', data: body }),
      invalidatesTags: (_result, _error, { documentId }) => [{ type: 'MailMergeExtraction', id: documentId }, ...CONFIGURATION_LISTS, 'MailMergeTemplate'],
    }),
    deleteExtraction: build.mutation<DeleteExtraction.Response, DeleteExtraction.Request['params']>({
      query: ({ documentId }) => ({ url: `${BASE}/extractions/${encodeURIComponent(documentId)}`, method: 'DELETE' }),
      invalidatesTags: (_result, _error, { documentId }) => [{ type: 'MailMergeExtraction', id: documentId }, ...CONFIGURATION_LISTS],
    }),
    checkExtraction: build.mutation<CheckExtraction.Response, CheckExtraction.Request['query'] & { body: CheckExtraction.Request['body'] }>({
      query: ({ documentId, body }) => ({
        url: `${BASE}/extractions/check`,
        method: 'POST',
        data: body,
        config: { params: documentId ? { documentId } : undefined },
      }),
    }),
    testExtractionQuery: build.mutation<TestExtractionQuery.Response, TestExtractionQuery.Request['body']>({
      query: (data) => ({ url: `${BASE}/extractions/test`, method: 'POST', data }),
    }),
    testSavedExtraction: build.mutation<TestSavedExtraction.Response, TestSavedExtraction.Request['params'] & { body: TestSavedExtraction.Request['body'] }>({
      query: ({ documentId, body }) => ({ url: `${BASE}/extractions/${encodeURIComponent(documentId)}/test`, method: 'POST', data: body }),
    }),

    getTemplates: build.query<GetTemplates.Response, GetTemplates.Request['query']>({
      query: (params) => ({ url: `${BASE}/templates`, method: 'GET', config: { params } }),
      providesTags: (result) => [
        { type: 'MailMergeTemplate', id: LIST },
        ...(result?.data ?? []).map(({ documentId }) => ({ type: 'MailMergeTemplate' as const, id: documentId })),
      ],
    }),
    getTemplate: build.query<GetTemplate.Response, GetTemplate.Request['params']>({
      query: ({ documentId }) => `${BASE}/templates/${encodeURIComponent(documentId)}`,
      providesTags: (_result, _error, { documentId }) => [{ type: 'MailMergeTemplate', id: documentId }],
    }),
    createTemplate: build.mutation<CreateTemplate.Response, CreateTemplate.Request['body']>({
      query: (data) => ({ url: `${BASE}/templates`, method: 'POST', data }),
      invalidatesTags: [{ type: 'MailMergeTemplate', id: LIST }, { type: 'MailMergeExtraction', id: LIST }],
    }),
    updateTemplate: build.mutation<UpdateTemplate.Response, UpdateTemplate.Request['params'] & { body: UpdateTemplate.Request['body'] }>({
      query: ({ documentId, body }) => ({ url: `${BASE}/templates/${encodeURIComponent(documentId)}`, method: 'PUT', data: body }),
      invalidatesTags: (_result, _error, { documentId }) => [{ type: 'MailMergeTemplate', id: documentId }, { type: 'MailMergeTemplate', id: LIST }],
    }),
    deleteTemplate: build.mutation<DeleteTemplate.Response, DeleteTemplate.Request['params']>({
      query: ({ documentId }) => ({ url: `${BASE}/templates/${encodeURIComponent(documentId)}`, method: 'DELETE' }),
      invalidatesTags: (_result, _error, { documentId }) => [{ type: 'MailMergeTemplate', id: documentId }, ...CONFIGURATION_LISTS],
    }),
    duplicateTemplate: build.mutation<DuplicateTemplate.Response, DuplicateTemplate.Request['params'] & { body: DuplicateTemplate.Request['body'] }>({
      query: ({ documentId, body }) => ({ url: `${BASE}/templates/${encodeURIComponent(documentId)}/duplicate`, method: 'POST', data: body }),
      invalidatesTags: CONFIGURATION_LISTS,
    }),
    previewDraftTemplate: build.mutation<PreviewDraftTemplate.Response, PreviewDraftTemplate.Request['body']>({
      query: (data) => ({ url: `${BASE}/templates/preview`, method: 'POST', data }),
    }),
    previewSavedTemplate: build.mutation<PreviewSavedTemplate.Response, PreviewSavedTemplate.Request['params'] & { body: PreviewSavedTemplate.Request['body'] }>({
      query: ({ documentId, body }) => ({ url: `${BASE}/templates/${encodeURIComponent(documentId)}/preview`, method: 'POST', data: body }),
    }),
  }),
});

export const {
  useGetPagesQuery,
  useLazySearchRecordsQuery,
  useGetNotificationTypesQuery,
  useGetExtractionsQuery,
  useGetExtractionQuery,
  useCreateExtractionMutation,
  useUpdateExtractionMutation,
  useDeleteExtractionMutation,
  useCheckExtractionMutation,
  useTestExtractionQueryMutation,
  useTestSavedExtractionMutation,
  useGetTemplatesQuery,
  useLazyGetTemplatesQuery,
  useGetTemplateQuery,
  useCreateTemplateMutation,
  useUpdateTemplateMutation,
  useDeleteTemplateMutation,
  useDuplicateTemplateMutation,
  usePreviewDraftTemplateMutation,
  usePreviewSavedTemplateMutation,
} = configurationApi;

/** Data of another argument is never shown: `data` is the current argument's only. */
const current = <R extends { currentData?: unknown; isFetching: boolean; isLoading: boolean }>(result: R) => ({
  ...result,
  data: result.currentData as R['currentData'],
  isLoading: result.isLoading || (result.isFetching && result.currentData === undefined),
});

export const useExtractions = (page?: string | null, skip = false) =>
  current(useGetExtractionsQuery(page ? { page } : {}, { skip, refetchOnMountOrArgChange: true }));

export const useExtraction = (id: string | null) => current(useGetExtractionQuery({ documentId: id ?? '' }, { skip: !id, refetchOnMountOrArgChange: true }));

export const useTemplates = () => current(useGetTemplatesQuery({}, { refetchOnMountOrArgChange: true }));

export const useNotificationTypes = (skip = false) => current(useGetNotificationTypesQuery(undefined, { skip }));

export const useTemplate = (id: string | null) => current(useGetTemplateQuery({ documentId: id ?? '' }, { skip: !id, refetchOnMountOrArgChange: true }));

/** Every write and action of the configuration, resolving to the response body's `data` (and `meta`). */
export const useMailMergeApi = () => {
  const [searchRecords] = useLazySearchRecordsQuery();
  const [createExtraction] = useCreateExtractionMutation();
  const [updateExtraction] = useUpdateExtractionMutation();
  const [checkExtraction] = useCheckExtractionMutation();
  const [deleteExtraction] = useDeleteExtractionMutation();
  const [testQuery] = useTestExtractionQueryMutation();
  const [testSaved] = useTestSavedExtractionMutation();
  const [createTemplate] = useCreateTemplateMutation();
  const [updateTemplate] = useUpdateTemplateMutation();
  const [deleteTemplate] = useDeleteTemplateMutation();
  const [duplicateTemplate] = useDuplicateTemplateMutation();
  const [previewDraft] = usePreviewDraftTemplateMutation();
  const [previewSaved] = usePreviewSavedTemplateMutation();
  return useMemo(
    () => ({
      searchRecords: async (page: string, search: string, limit = 20) => (await searchRecords({ key: page, search, limit }).unwrap()).data,
      createExtraction: (input: ExtractionInput) => createExtraction(input).unwrap(),
      updateExtraction: (documentId: string, body: ExtractionInput) => updateExtraction({ documentId, body }).unwrap(),
      checkExtraction: async (documentId: string | null, body: ExtractionInput) =>
        (await checkExtraction({ documentId: documentId ?? undefined, body }).unwrap()).data,
      deleteExtraction: async (documentId: string) => {
        await deleteExtraction({ documentId }).unwrap();
      },
      testQuery: async (body: TestExtractionQuery.Request['body']) => (await testQuery(body).unwrap()).data,
      testSaved: async (documentId: string, body: TestSavedExtraction.Request['body']) => (await testSaved({ documentId, body }).unwrap()).data,
      createTemplate: async (input: TemplateInput) => (await createTemplate(input).unwrap()).data,
      updateTemplate: async (documentId: string, body: TemplateInput) => (await updateTemplate({ documentId, body }).unwrap()).data,
      deleteTemplate: async (documentId: string) => {
        await deleteTemplate({ documentId }).unwrap();
      },
      duplicateTemplate: async (documentId: string, body: { page: string; extraction: string; title?: string }) =>
        (await duplicateTemplate({ documentId, body }).unwrap()).data,
      previewDraft: async (input: TemplateInput, record: string) => (await previewDraft({ ...input, record }).unwrap()).data,
      previewSaved: async (documentId: string, record: string) => (await previewSaved({ documentId, body: { record } }).unwrap()).data,
    }),
    [searchRecords, createExtraction, updateExtraction, checkExtraction, deleteExtraction, testQuery, testSaved, createTemplate, updateTemplate, deleteTemplate, duplicateTemplate, previewDraft, previewSaved]
  );
};
