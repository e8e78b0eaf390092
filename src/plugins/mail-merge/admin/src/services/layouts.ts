import type { CreateLayout, DeleteLayout, GetLayout, GetLayouts, PreviewLayout, UpdateLayout } from '../../../shared/contracts/layouts';
import { BASE, mailMergeApi } from './api';

export type { ComposedMail, Layout, LayoutBody, LayoutInput, LayoutLogo } from '../../../shared/contracts/layouts';

const LIST = 'LIST';

/** « Mise en page »: the letterheads; a template's preview depends on them too. */
const layoutsApi = mailMergeApi.enhanceEndpoints({ addTagTypes: ['MailMergeLayout'] }).injectEndpoints({
  endpoints: (build) => ({
    getLayouts: build.query<GetLayouts.Response, void>({
      query: () => `${BASE}/layouts`,
      providesTags: (result) => [
        { type: 'MailMergeLayout', id: LIST },
        ...(result?.data ?? []).map(({ documentId }) => ({ type: 'MailMergeLayout' as const, id: documentId })),
      ],
    }),
    getLayout: build.query<GetLayout.Response, GetLayout.Request['params']>({
      query: ({ documentId }) => `${BASE}/layouts/${encodeURIComponent(documentId)}`,
      providesTags: (_result, _error, { documentId }) => [{ type: 'MailMergeLayout', id: documentId }],
    }),
    createLayout: build.mutation<CreateLayout.Response, CreateLayout.Request['body']>({
      query: (data) => ({ url: `${BASE}/layouts`, method: 'POST', data }),
      // Another layout may have stopped being the default.
      invalidatesTags: ['MailMergeLayout'],
    }),
    updateLayout: build.mutation<UpdateLayout.Response, UpdateLayout.Request['params'] & { body: UpdateLayout.Request['body'] }>({
      query: ({ documentId, body }) => ({ url: `${BASE}/layouts/${encodeURIComponent(documentId)}`, method: 'PUT', data: body }),
      invalidatesTags: ['MailMergeLayout'],
    }),
    deleteLayout: build.mutation<DeleteLayout.Response, DeleteLayout.Request['params']>({
      query: ({ documentId }) => ({ url: `${BASE}/layouts/${encodeURIComponent(documentId)}`, method: 'DELETE' }),
      // Templates that used it now take the default layout.
      invalidatesTags: ['MailMergeLayout', 'MailMergeTemplate'],
    }),
    previewLayout: build.mutation<PreviewLayout.Response, PreviewLayout.Request['body']>({
      query: (data) => ({ url: `${BASE}/layouts/preview`, method: 'POST', data }),
    }),
  }),
});

/** As for templates and extractions (api.ts): the list the user goes back to no longer shows the deleted layout. */
layoutsApi.enhanceEndpoints({
  endpoints: {
    deleteLayout: {
      async onQueryStarted({ documentId }, { dispatch, queryFulfilled }) {
        try {
          await queryFulfilled;
        } catch {
          return;
        }
        dispatch(
          layoutsApi.util.updateQueryData('getLayouts', undefined, (list) => {
            list.data = list.data.filter((layout) => layout.documentId !== documentId);
          }),
        );
      },
    },
  },
});

export const {
  useGetLayoutsQuery,
  useGetLayoutQuery,
  useCreateLayoutMutation,
  useUpdateLayoutMutation,
  useDeleteLayoutMutation,
  usePreviewLayoutMutation,
} = layoutsApi;
