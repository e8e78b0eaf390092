import batches from './batches';
import consent from './consent';
import extractions from './extractions';
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
  pages,
  profile,
  records,
  sending,
  templates,
  tracking,
};
