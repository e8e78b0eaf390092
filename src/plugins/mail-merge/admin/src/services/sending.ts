import { useMemo } from 'react';
import type { GetConsent, UpdateConsent } from '../../../shared/contracts/consent';
import type { GetRecordEvents } from '../../../shared/contracts/messages';
import type { GetProfile, UpdateProfile } from '../../../shared/contracts/profile';
import type { ComposeMail, GetChoices, SendMail, UploadedFile } from '../../../shared/contracts/sending';
import { BASE, mailMergeApi, recordPath } from './api';
import type { ConsentUpdate, SendInput } from './types';

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
  useLazyGetChoicesQuery,
  useComposeMailMutation,
  useSendMailMutation,
  useGetRecordEventsQuery,
  useGetProfileQuery,
  useLazyGetProfileQuery,
  useUpdateProfileMutation,
  useUploadFileMutation,
  useGetConsentQuery,
  useLazyGetConsentQuery,
  useUpdateConsentMutation,
} = sendingApi;

/** Sending a mail from a record: choices, draft, send, sender profile, attachments (each read fresh). */
export const useSendingApi = () => {
  const [getChoices] = useLazyGetChoicesQuery();
  const [composeMail] = useComposeMailMutation();
  const [sendMail] = useSendMailMutation();
  const [getProfile] = useLazyGetProfileQuery();
  const [updateProfile] = useUpdateProfileMutation();
  const [uploadFile] = useUploadFileMutation();
  return useMemo(
    () => ({
      choices: async (page: string, documentId: string) => (await getChoices({ page, documentId }).unwrap()).data,
      compose: async (page: string, record: string, template: string) => (await composeMail({ page, record, template }).unwrap()).data,
      send: async (input: SendInput) => (await sendMail(input).unwrap()).data,
      profile: async () => (await getProfile().unwrap()).data,
      saveProfile: async (profile: { email: string; signature: string }) => (await updateProfile(profile).unwrap()).data,
      upload: async (file: File) => (await uploadFile(file).unwrap())[0],
    }),
    [getChoices, composeMail, sendMail, getProfile, updateProfile, uploadFile]
  );
};

/** « Notifications & Consentements » of the adhesion a record belongs to (read fresh each time). */
export const useConsentApi = () => {
  const [getConsent] = useLazyGetConsentQuery();
  const [updateConsent] = useUpdateConsentMutation();
  return useMemo(
    () => ({
      get: async (page: string, documentId: string) => (await getConsent({ page, documentId }).unwrap()).data,
      update: async (page: string, documentId: string, body: ConsentUpdate) => (await updateConsent({ page, documentId, body }).unwrap()).data,
    }),
    [getConsent, updateConsent]
  );
};
