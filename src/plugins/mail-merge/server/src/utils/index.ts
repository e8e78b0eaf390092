import type { Core } from '@strapi/strapi';
import type { AccessService } from '../services/access';
import type { AttachmentsService } from '../services/attachments';
import type { BatchesService } from '../services/batches';
import type { BatchPreparationService } from '../services/batches/preparation';
import type { BatchScheduleService } from '../services/batches/schedule';
import type { ConsentService } from '../services/consent';
import type { ConsentFormService } from '../services/consent-form';
import type { DispatcherService } from '../services/dispatcher';
import type { ExtractionsService } from '../services/extractions';
import type { FrontOfficeService } from '../services/front-office';
import type { LedgerService } from '../services/ledger';
import type { NotificationsService } from '../services/notifications';
import type { PagesService } from '../services/pages';
import type { RecordsService } from '../services/records';
import type { RenderService } from '../services/render';
import type { SenderProfilesService } from '../services/sender-profiles';
import type { SendingService } from '../services/sending';
import type { TemplatesService } from '../services/templates';
import type { TrackingService } from '../services/tracking';

type Services = {
  access: AccessService;
  attachments: AttachmentsService;
  'batch-preparation': BatchPreparationService;
  batches: BatchesService;
  'batch-schedule': BatchScheduleService;
  consent: ConsentService;
  'consent-form': ConsentFormService;
  dispatcher: DispatcherService;
  extractions: ExtractionsService;
  'front-office': FrontOfficeService;
  ledger: LedgerService;
  notifications: NotificationsService;
  pages: PagesService;
  records: RecordsService;
  render: RenderService;
  'sender-profiles': SenderProfilesService;
  sending: SendingService;
  shipped: { install: () => Promise<string[]> };
  templates: TemplatesService;
  tracking: TrackingService;
};

/** Typed access to the plugin's services. */
export const getService = <Name extends keyof Services>(name: Name, { strapi }: { strapi: Core.Strapi }) =>
  strapi.plugin('mail-merge').service(name) as Services[Name];
