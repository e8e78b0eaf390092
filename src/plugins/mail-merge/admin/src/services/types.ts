/**
 * Shapes of the plugin's admin API (requests and responses), as the server's controllers declare
 * them: defined once in shared/contracts, re-exported here for the admin.
 */
export type { Entity, ErrorDetails, Pagination } from '../../../shared/contracts/common';
export type { Page } from '../../../shared/contracts/pages';
export type { RecordOption } from '../../../shared/contracts/records';
export type {
  Binding,
  BrokenTemplate,
  Extraction,
  ExtractionBody,
  ExtractionCheck,
  ExtractionInput,
  TestBody,
  TestResult,
} from '../../../shared/contracts/extractions';
export type {
  MinimumConsent,
  Preview,
  Template,
  TemplateBody,
  TemplateInput,
  TemplateProblem,
  TemplateProblemCode,
} from '../../../shared/contracts/templates';
export type { NotificationRefusal, NotificationType } from '../../../shared/contracts/notifications';
export type {
  ConsentChange,
  ConsentChannel,
  ConsentForm,
  ConsentLevel,
  ConsentState,
  ConsentUpdate,
  NotificationChannel,
  NotificationSetting,
} from '../../../shared/contracts/consent';
export type {
  Choices,
  DefaultRecipient,
  Draft,
  QueuedMessage,
  SendInput,
  TemplateChoice,
  UploadedFile,
} from '../../../shared/contracts/sending';
export type { MailEvent, MessageAttachment, MessageDetail, MessageFilters, MessageSummary } from '../../../shared/contracts/messages';
export type { Profile } from '../../../shared/contracts/profile';
export type {
  Batch,
  BatchAction,
  BatchCounts,
  BatchInput,
  BatchStatus,
  Preflight,
  SampleMail,
  Selection,
  SkipCounts,
  SkipReason,
} from '../../../shared/contracts/batches';
