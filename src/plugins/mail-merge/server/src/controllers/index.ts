import batches from './batches';
import bounces from './bounces';
import consent from './consent';
import extractions from './extractions';
import frontOffice from './front-office';
import layouts from './layouts';
import notifications from './notifications';
import pages from './pages';
import profile from './profile';
import records from './records';
import sending from './sending';
import templates from './templates';
import tracking from './tracking';
import unsubscribe from './unsubscribe';

export default {
  batches,
  bounces,
  consent,
  extractions,
  'front-office': frontOffice,
  layouts,
  notifications,
  pages,
  profile,
  records,
  sending,
  templates,
  tracking,
  unsubscribe,
};
