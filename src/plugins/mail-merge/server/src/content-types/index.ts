import batch from './batch';
import event from './event';
import extraction from './extraction';
import layout from './layout';
import message from './message';
import pageBinding from './page-binding';
import senderProfile from './sender-profile';
import suppression from './suppression';
import template from './template';

export default {
  batch,
  event,
  extraction,
  layout,
  message,
  'page-binding': pageBinding,
  'sender-profile': senderProfile,
  suppression,
  template,
};
