import extractions from './extractions';
import pages from './pages';
import records from './records';
import templates from './templates';

export default {
  extractions,
  pages,
  records,
  templates,
};
