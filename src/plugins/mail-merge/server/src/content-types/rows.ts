/**
 * The plugin's own rows as the Document Service and the Query Engine give them back, written
 * from the schemas beside this file (optional and nullable unless the schema requires them;
 * `json` attributes stay `unknown` until read). Used as the `T` of utils/strapi-adapters.
 */
import type { BatchStatus, MessageStatus, MinimumConsent } from '../constants';

type DateValue = Date | string | null;

/** What every row of a content type has. */
export interface BaseRow {
  id: number;
  documentId: string;
  createdAt?: DateValue;
  updatedAt?: DateValue;
}

export interface MessageRow extends BaseRow {
  page: string;
  recordId: string;
  templateId?: string | null;
  templateTitle?: string | null;
  templateVersion?: number | null;
  fromAddress: string;
  to?: string[] | null;
  cc?: string[] | null;
  bcc?: string[] | null;
  subject?: string | null;
  html?: string | null;
  text?: string | null;
  attachments?: unknown;
  priority?: boolean | null;
  test?: boolean | null;
  consentLevel?: string | null;
  minimumConsent?: string | null;
  notificationType?: string | null;
  status: MessageStatus;
  attempts?: number | null;
  nextAttemptAt?: DateValue;
  claimedAt?: DateValue;
  claimedBy?: string | null;
  sentAt?: DateValue;
  messageId?: string | null;
  providerResponse?: string | null;
  errorCode?: string | null;
  error?: string | null;
  purgedAt?: DateValue;
  sentById?: number | null;
  sentByName?: string | null;
  batchId?: string | null;
  origin?: 'admin' | 'batch' | 'api' | null;
  apiTokenId?: number | null;
}

export interface BatchRow extends BaseRow {
  page: string;
  templateId: string;
  templateTitle?: string | null;
  templateVersion?: number | null;
  selection: unknown;
  priority?: boolean | null;
  attachments?: unknown;
  logEvent?: boolean | null;
  fromAddress: string;
  signature?: string | null;
  status: BatchStatus;
  scheduledAt?: DateValue;
  pausedReason?: string | null;
  total?: number | null;
  skippedByReason?: unknown;
  cursor?: unknown;
  preparedAt?: DateValue;
  preparingBy?: string | null;
  preparingAt?: DateValue;
  resumedAt?: DateValue;
  finishedAt?: DateValue;
  requestedById?: number | null;
  requestedByName?: string | null;
}

export interface EventRow extends BaseRow {
  page: string;
  recordId: string;
  label: string;
  authorId?: number | null;
  authorName?: string | null;
  messageId?: string | null;
}

export interface PageBindingRow extends BaseRow {
  page: string;
  extraction?: ExtractionRow | null;
}

export interface ExtractionRow extends BaseRow {
  title: string;
  description?: string | null;
  query: string;
  /** json: the plugin only ever writes the query's column names there (null until checked). */
  columns?: string[] | null;
  shippedKey?: string | null;
  bindings?: PageBindingRow[];
}

export interface TemplateRow extends BaseRow {
  family?: string | null;
  title: string;
  description: string;
  recipient?: string | null;
  subject: string;
  body?: string | null;
  page: string;
  extraction?: ExtractionRow | null;
  minimumConsent?: MinimumConsent | null;
  notificationType?: string | null;
  layout?: LayoutRow | null;
  withoutLayout?: boolean | null;
  version?: number | null;
}

export interface LayoutRow extends BaseRow {
  name: string;
  logoFileId?: number | null;
  headerTitle?: string | null;
  footerAddress?: string | null;
  footerLegal?: string | null;
  footerGdpr?: string | null;
  primaryColor?: string | null;
  textColor?: string | null;
  backgroundColor?: string | null;
  isDefault?: boolean | null;
  version?: number | null;
}

export interface SenderProfileRow extends BaseRow {
  userId: number;
  email: string | null;
  signature: string | null;
}

export interface SuppressionRow extends BaseRow {
  address: string;
  reason?: string | null;
  diagnostic?: string | null;
  statusCode?: string | null;
  messageId: string;
  page?: string | null;
  recordId?: string | null;
  templateTitle?: string | null;
  bouncedAt: DateValue;
  clearedAt?: DateValue;
  clearedById?: number | null;
  clearedByName?: string | null;
}
