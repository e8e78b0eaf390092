import batches from './batches';
import consent from './consent';
import extractions from './extractions';
import frontOffice from './front-office';
import pages from './pages';
import profile from './profile';
import records from './records';
import sending from './sending';
import templates from './templates';
import tracking from './tracking';

export default {
  batches,
  consent,
  extractions,
  'front-office': frontOffice,
  pages,
  profile,
  records,
  sending,
  templates,
  tracking,
};
