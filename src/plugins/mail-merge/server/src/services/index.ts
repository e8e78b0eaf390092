import access from './access';
import attachments from './attachments';
import batchPreparation from './batches/preparation';
import batchSchedule from './batches/schedule';
import batches from './batches';
import bounces from './bounces';
import consent from './consent';
import consentForm from './consent-form';
import dispatcher from './dispatcher';
import extractions from './extractions';
import frontOffice from './front-office';
import layouts from './layouts';
import ledger from './ledger';
import notifications from './notifications';
import pages from './pages';
import records from './records';
import render from './render';
import senderProfiles from './sender-profiles';
import sending from './sending';
import shipped from './shipped';
import suppressions from './bounces/suppressions';
import templates from './templates';
import tracking from './tracking';
import unsubscribe from './unsubscribe';

export default {
  access,
  attachments,
  'batch-preparation': batchPreparation,
  'batch-schedule': batchSchedule,
  batches,
  bounces,
  consent,
  'consent-form': consentForm,
  dispatcher,
  extractions,
  'front-office': frontOffice,
  layouts,
  ledger,
  notifications,
  pages,
  records,
  render,
  'sender-profiles': senderProfiles,
  sending,
  shipped,
  suppressions,
  templates,
  tracking,
  unsubscribe,
};
