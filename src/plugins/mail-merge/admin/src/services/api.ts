import { adminApi, type SanitizedAdminRole } from '@strapi/strapi/admin';
import type { CheckExtraction, CreateExtraction, DeleteExtraction, GetExtraction, GetExtractions, TestExtractionQuery, TestSavedExtraction, UpdateExtraction } from '../../../shared/contracts/extractions';
import type { GetNotificationTypes } from '../../../shared/contracts/notifications';
import type { GetPages } from '../../../shared/contracts/pages';
import type { SearchRecords } from '../../../shared/contracts/records';
import type { CreateTemplate, DeleteTemplate, DuplicateTemplate, GetTemplate, GetTemplates, PreviewDraftTemplate, PreviewSavedTemplate, UpdateTemplate } from '../../../shared/contracts/templates';

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
    // Strapi's own tag of the roles: a role created or renamed in the settings is read again.
    'Role',
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
    /** The admin roles (Strapi's own route), for the links to their « Mails de fusion » rights. */
    getAdminRoles: build.query<{ data: SanitizedAdminRole[] }, void>({
      query: () => '/admin/roles',
      providesTags: [{ type: 'Role', id: LIST }],
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
      // Not after a refusal: a 409's refetch would bring the colleague's version over what the user typed.
      invalidatesTags: (_result, error, { documentId }) => (error ? [] : [{ type: 'MailMergeTemplate', id: documentId }, { type: 'MailMergeTemplate', id: LIST }]),
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

/**
 * A deleted record leaves the cached lists as soon as the server confirms it. The tag's refetch
 * answers later: until then the recap the user is sent back to would still show what they just
 * deleted. A refused deletion (409) changes nothing.
 */
type ListEndpoint = 'getTemplates' | 'getExtractions';
const LIST_TAG = { getTemplates: 'MailMergeTemplate', getExtractions: 'MailMergeExtraction' } as const;

const leaveCachedLists =
  (endpoint: ListEndpoint) =>
  async (
    { documentId }: { documentId: string },
    { dispatch, getState, queryFulfilled }: {
      dispatch: (patch: ReturnType<typeof configurationApi.util.updateQueryData>) => unknown;
      getState: () => Parameters<typeof configurationApi.util.selectInvalidatedBy>[0];
      queryFulfilled: Promise<unknown>;
    },
  ) => {
    try {
      await queryFulfilled;
    } catch {
      return; // refused: the form shows why, the lists keep the record
    }
    for (const { endpointName, originalArgs } of configurationApi.util.selectInvalidatedBy(getState(), [{ type: LIST_TAG[endpoint], id: LIST }])) {
      if (endpointName !== endpoint) continue;
      dispatch(
        configurationApi.util.updateQueryData(endpoint, originalArgs, (list) => {
          const at = list.data.findIndex((record) => record.documentId === documentId);
          if (at >= 0) list.data.splice(at, 1);
        }),
      );
    }
  };

configurationApi.enhanceEndpoints({
  endpoints: {
    deleteTemplate: { onQueryStarted: leaveCachedLists('getTemplates') },
    deleteExtraction: { onQueryStarted: leaveCachedLists('getExtractions') },
  },
});

export const {
  useGetPagesQuery,
  useSearchRecordsQuery,
  useGetAdminRolesQuery,
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
