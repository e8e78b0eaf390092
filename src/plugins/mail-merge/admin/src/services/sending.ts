import { useMemo } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

const BASE = '/mail-merge';

export type ConsentLevel = 'refus' | 'interne' | 'limite' | 'public';

export type TemplateChoice = {
  documentId: string;
  family: string | null;
  title: string;
  description: string | null;
  minimumConsent: ConsentLevel;
  allowed: boolean;
};

export type Choices = {
  record: { documentId: string; label: string };
  consent: { gated: boolean; level: ConsentLevel | null };
  templates: TemplateChoice[];
};

export type Draft = {
  record: { documentId: string; label?: string };
  template: { documentId: string; title: string; family: string | null; version: number };
  from: string | null;
  to: string[];
  defaultRecipients: { label: string; field: string; address: string }[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string;
  text: string;
  priority: boolean;
  logEvent: boolean;
};

export type SendInput = {
  page: string;
  record: string;
  template: string;
  from: string;
  senderInBcc?: boolean;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  html: string;
  attachments?: number[];
  priority?: boolean;
  logEvent?: boolean;
  test?: boolean;
};

export type MailEvent = { label: string; authorName: string | null; createdAt: string; messageId: string | null; status: string | null };

export type Profile = { email: string | null; signature: string };

export type UploadedFile = { id: number; name: string; size: number };

/** Sending a mail from a record: choices, draft, send, events, sender profile, attachments. */
export const useSendingApi = () => {
  const { get, post, put } = useFetchClient();
  return useMemo(
    () => ({
      choices: async (page: string, record: string) =>
        (await get<{ data: Choices }>(`${BASE}/records/${encodeURIComponent(page)}/${encodeURIComponent(record)}/choices`)).data.data,
      compose: async (page: string, record: string, template: string) =>
        (await post<{ data: Draft }>(`${BASE}/compose`, { page, record, template })).data.data,
      send: async (input: SendInput) =>
        (await post<{ data: { documentId: string; status: string; to: string[]; subject: string } }>(`${BASE}/send`, input)).data.data,
      events: async (page: string, record: string) =>
        (await get<{ data: MailEvent[] }>(`${BASE}/records/${encodeURIComponent(page)}/${encodeURIComponent(record)}/events`)).data.data,
      profile: async () => (await get<{ data: Profile }>(`${BASE}/profile`)).data.data,
      saveProfile: async (profile: { email: string; signature: string }) =>
        (await put<{ data: Profile }>(`${BASE}/profile`, profile)).data.data,
      upload: async (file: File) => {
        const form = new FormData();
        form.append('files', file);
        const { data } = await post<UploadedFile[]>('/upload', form);
        return data[0];
      },
    }),
    [get, post, put]
  );
};

export type MessageSummary = {
  documentId: string;
  page: string;
  recordId: string;
  templateId: string | null;
  templateTitle: string | null;
  fromAddress: string;
  to: string[];
  cc: string[] | null;
  subject: string;
  priority: boolean;
  test: boolean;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'uncertain' | 'held' | 'cancelled' | 'skipped';
  attempts: number;
  errorCode: string | null;
  error: string | null;
  sentAt: string | null;
  sentByName: string | null;
  createdAt: string;
};

export type MessageAttachment = { fileId: number; filename: string; mime: string; size: number };

export type MessageDetail = MessageSummary & {
  bcc: string[] | null;
  /** Null once retention erased the content (purgedAt set). */
  html: string | null;
  text: string | null;
  purgedAt?: string | null;
  consentLevel?: string | null;
  messageId?: string | null;
  attachments?: MessageAttachment[] | null;
  priority?: boolean;
};

export type MessageFilters = { status?: string; page?: string; template?: string; recipient?: string; from?: string; until?: string; batch?: string };

export type Pagination = { page: number; pageSize: number; total: number; pageCount: number };

/** « Suivi des mails »: the ledger, one message, « Renvoyer ». */
export const useMessagesApi = () => {
  const { get, post } = useFetchClient();
  return useMemo(
    () => ({
      list: async (filters: MessageFilters, page: number, pageSize: number) => {
        const params: Record<string, unknown> = { 'pagination[page]': page, 'pagination[pageSize]': pageSize };
        for (const [key, value] of Object.entries(filters)) if (value) params[key] = value;
        return (await get<{ data: MessageSummary[]; meta: { pagination: Pagination } }>(`${BASE}/messages`, { params })).data;
      },
      get: async (documentId: string) => (await get<{ data: MessageDetail }>(`${BASE}/messages/${documentId}`)).data.data,
      resend: async (documentId: string) => (await post<{ data: MessageSummary }>(`${BASE}/messages/${documentId}/resend`)).data.data,
    }),
    [get, post]
  );
};

export type ConsentChannel = 'postalAddress' | 'landline' | 'mobile' | 'email';

export type NotificationChannel = 'courrier' | 'mail' | 'sms' | 'application' | 'portail';

/** A notification type: the mutual's settings (read-only here) and the member's choice. */
export type NotificationSetting = { code: string; label: string; active: boolean; channels: NotificationChannel[]; chosen: NotificationChannel[] };

type Change = { changedBy: string | null; changedByKind: string | null; createdAt: string };
export type ConsentChange =
  | (Change & { subject?: 'consent'; channel: ConsentChannel; oldLevel: ConsentLevel | null; newLevel: ConsentLevel })
  | (Change & { subject: 'notification'; notificationType: string; oldChannels: NotificationChannel[] | null; newChannels: NotificationChannel[] | null });

export type ConsentForm = {
  holder: { uid: string; documentId: string; label: string };
  levels: Record<ConsentChannel, ConsentLevel>;
  notifications?: NotificationSetting[];
  history: ConsentChange[];
};

export type ConsentUpdate = { levels?: Partial<Record<ConsentChannel, ConsentLevel>>; notifications?: Record<string, NotificationChannel[]> };

/** « Notifications & Consentements » of the adhesion a record belongs to. */
export const useConsentApi = () => {
  const { get, put } = useFetchClient();
  return useMemo(
    () => ({
      get: async (page: string, record: string) =>
        (await get<{ data: ConsentForm }>(`${BASE}/consent/${encodeURIComponent(page)}/${encodeURIComponent(record)}`)).data.data,
      update: async (page: string, record: string, change: ConsentUpdate) =>
        (await put<{ data: ConsentForm }>(`${BASE}/consent/${encodeURIComponent(page)}/${encodeURIComponent(record)}`, change)).data.data,
    }),
    [get, put]
  );
};
