import access from './access';
import attachments from './attachments';
import batchPreparation from './batches/preparation';
import batchSchedule from './batches/schedule';
import batches from './batches';
import consent from './consent';
import consentForm from './consent-form';
import dispatcher from './dispatcher';
import extractions from './extractions';
import frontOffice from './front-office';
import ledger from './ledger';
import notifications from './notifications';
import pages from './pages';
import records from './records';
import render from './render';
import senderProfiles from './sender-profiles';
import sending from './sending';
import shipped from './shipped';
import templates from './templates';
import tracking from './tracking';

export default {
  access,
  attachments,
  'batch-preparation': batchPreparation,
  batches,
  'batch-schedule': batchSchedule,
  consent,
  'consent-form': consentForm,
  dispatcher,
  extractions,
  'front-office': frontOffice,
  ledger,
  notifications,
  pages,
  records,
  render,
  'sender-profiles': senderProfiles,
  sending,
  shipped,
  templates,
  tracking,
};
