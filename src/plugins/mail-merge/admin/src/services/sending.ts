import type { GetConsent, UpdateConsent } from '../../../shared/contracts/consent';
import type { GetRecordEvents } from '../../../shared/contracts/messages';
import type { GetProfile, UpdateProfile } from '../../../shared/contracts/profile';
import type { ComposeMail, GetChoices, SendMail, UploadedFile } from '../../../shared/contracts/sending';
import { BASE, mailMergeApi, recordPath } from './api';

export type {
  Choices,
  ConsentChange,
  ConsentChannel,
  ConsentForm,
  ConsentLevel,
  ConsentUpdate,
  Draft,
  MailEvent,
  NotificationChannel,
  NotificationSetting,
  Profile,
  SendInput,
  TemplateChoice,
  UploadedFile,
} from './types';
export type { MessageDetail, MessageFilters, MessageSummary, Pagination } from './types';

type RecordArgs = GetChoices.Request['params'];

const sendingApi = mailMergeApi.injectEndpoints({
  endpoints: (build) => ({
    getChoices: build.query<GetChoices.Response, RecordArgs>({
      query: ({ page, documentId }) => `${BASE}/records/${recordPath(page, documentId)}/choices`,
      providesTags: (_result, _error, { page, documentId }) => [{ type: 'MailMergeChoices', id: `${page}/${documentId}` }],
    }),
    composeMail: build.mutation<ComposeMail.Response, ComposeMail.Request['body']>({
      query: (data) => ({ url: `${BASE}/compose`, method: 'POST', data }),
    }),
    sendMail: build.mutation<SendMail.Response, SendMail.Request['body']>({
      query: (data) => ({ url: `${BASE}/send`, method: 'POST', data }),
      invalidatesTags: (_result, _error, { page, record }) => [
        { type: 'MailMergeMessage', id: 'LIST' },
        { type: 'MailMergeEvent', id: `${page}/${record}` },
      ],
    }),
    getRecordEvents: build.query<GetRecordEvents.Response, GetRecordEvents.Request['params']>({
      query: ({ page, documentId }) => `${BASE}/records/${recordPath(page, documentId)}/events`,
      providesTags: (_result, _error, { page, documentId }) => [{ type: 'MailMergeEvent', id: `${page}/${documentId}` }],
    }),
    getProfile: build.query<GetProfile.Response, void>({
      query: () => `${BASE}/profile`,
      providesTags: ['MailMergeProfile'],
    }),
    updateProfile: build.mutation<UpdateProfile.Response, UpdateProfile.Request['body']>({
      query: (data) => ({ url: `${BASE}/profile`, method: 'PUT', data }),
      invalidatesTags: ['MailMergeProfile'],
    }),
    /** A Media Library upload (Strapi's own route, answering the files without `data`). */
    uploadFile: build.mutation<UploadedFile[], File>({
      query: (file) => {
        const form = new FormData();
        form.append('files', file);
        return { url: '/upload', method: 'POST', data: form };
      },
    }),
    getConsent: build.query<GetConsent.Response, GetConsent.Request['params']>({
      query: ({ page, documentId }) => `${BASE}/consent/${recordPath(page, documentId)}`,
      providesTags: (_result, _error, { page, documentId }) => [{ type: 'MailMergeConsent', id: `${page}/${documentId}` }],
    }),
    updateConsent: build.mutation<UpdateConsent.Response, UpdateConsent.Request['params'] & { body: UpdateConsent.Request['body'] }>({
      query: ({ page, documentId, body }) => ({ url: `${BASE}/consent/${recordPath(page, documentId)}`, method: 'PUT', data: body }),
      // Every record of the membership may show it (and offer other templates): all of them.
      invalidatesTags: ['MailMergeConsent', 'MailMergeChoices'],
    }),
  }),
});

export const {
  useGetChoicesQuery,
  useComposeMailMutation,
  useSendMailMutation,
  useGetRecordEventsQuery,
  useGetProfileQuery,
  useUpdateProfileMutation,
  useUploadFileMutation,
  useGetConsentQuery,
  useUpdateConsentMutation,
} = sendingApi;
