import extractions from './extractions';
import pages from './pages';
import records from './records';
import render from './render';
import shipped from './shipped';
import templates from './templates';

export default {
  extractions,
  pages,
  records,
  render,
  shipped,
  templates,
};
