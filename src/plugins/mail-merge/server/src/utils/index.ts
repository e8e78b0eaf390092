import type { Core } from '@strapi/strapi';
import type { AccessService } from '../services/access';
import type { AttachmentsService } from '../services/attachments';
import type { BatchesService } from '../services/batches';
import type { BatchPreparationService } from '../services/batches/preparation';
import type { BouncesService } from '../services/bounces';
import type { SuppressionsService } from '../services/bounces/suppressions';
import type { BatchScheduleService } from '../services/batches/schedule';
import type { ConsentService } from '../services/consent';
import type { ConsentFormService } from '../services/consent-form';
import type { DispatcherService } from '../services/dispatcher';
import type { ExtractionsService } from '../services/extractions';
import type { FrontOfficeService } from '../services/front-office';
import type { LayoutsService } from '../services/layouts';
import type { LedgerService } from '../services/ledger';
import type { NotificationsService } from '../services/notifications';
import type { PagesService } from '../services/pages';
import type { RecordsService } from '../services/records';
import type { RenderService } from '../services/render';
import type { SenderProfilesService } from '../services/sender-profiles';
import type { SendingService } from '../services/sending';
import type { TemplatesService } from '../services/templates';
import type { TrackingService } from '../services/tracking';
import type { UnsubscribeService } from '../services/unsubscribe';

type Services = {
  access: AccessService;
  attachments: AttachmentsService;
  'batch-preparation': BatchPreparationService;
  'batch-schedule': BatchScheduleService;
  batches: BatchesService;
  bounces: BouncesService;
  consent: ConsentService;
  'consent-form': ConsentFormService;
  dispatcher: DispatcherService;
  extractions: ExtractionsService;
  'front-office': FrontOfficeService;
  layouts: LayoutsService;
  ledger: LedgerService;
  notifications: NotificationsService;
  pages: PagesService;
  records: RecordsService;
  render: RenderService;
  'sender-profiles': SenderProfilesService;
  sending: SendingService;
  shipped: { install: () => Promise<string[]> };
  suppressions: SuppressionsService;
  templates: TemplatesService;
  tracking: TrackingService;
  unsubscribe: UnsubscribeService;
};

/** Typed access to the plugin's services. */
export const getService = <Name extends keyof Services>(name: Name, { strapi }: { strapi: Core.Strapi }) =>
  strapi.plugin('mail-merge').service(name) as Services[Name];
