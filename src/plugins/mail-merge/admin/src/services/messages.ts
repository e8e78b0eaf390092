import type { GetMessage, GetMessages, ResendMessage } from '../../../shared/contracts/messages';
import { BASE, mailMergeApi } from './api';

export type { MessageDetail, MessageFilters, MessageSummary, Pagination } from './types';

const messagesApi = mailMergeApi.injectEndpoints({
  endpoints: (build) => ({
    /** « Suivi des mails »: one page of the ledger under the filters (empty ones left out). */
    getMessages: build.query<GetMessages.Response, GetMessages.Request['query']>({
      query: (query) => ({
        url: `${BASE}/messages`,
        method: 'GET',
        config: { params: Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== '')) },
      }),
      providesTags: (result) => [
        { type: 'MailMergeMessage', id: 'LIST' },
        ...(result?.data ?? []).map(({ documentId }) => ({ type: 'MailMergeMessage' as const, id: documentId })),
      ],
    }),
    getMessage: build.query<GetMessage.Response, GetMessage.Request['params']>({
      query: ({ documentId }) => `${BASE}/messages/${encodeURIComponent(documentId)}`,
      providesTags: (_result, _error, { documentId }) => [{ type: 'MailMergeMessage', id: documentId }],
    }),
    /** « Renvoyer »: the mail is queued again. */
    resendMessage: build.mutation<ResendMessage.Response, ResendMessage.Request['params']>({
      query: ({ documentId }) => ({ url: `${BASE}/messages/${encodeURIComponent(documentId)}/resend`, method: 'POST' }),
      invalidatesTags: (_result, _error, { documentId }) => [
        { type: 'MailMergeMessage', id: documentId },
        { type: 'MailMergeMessage', id: 'LIST' },
        'MailMergeEvent',
      ],
    }),
  }),
});

export const { useGetMessagesQuery, useGetMessageQuery, useResendMessageMutation } = messagesApi;
