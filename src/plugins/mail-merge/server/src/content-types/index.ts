import extraction from './extraction';
import pageBinding from './page-binding';
import template from './template';

export default {
  extraction,
  'page-binding': pageBinding,
  template,
};
