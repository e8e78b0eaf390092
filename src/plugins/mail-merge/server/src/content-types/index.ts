import batch from './batch';
import event from './event';
import extraction from './extraction';
import message from './message';
import pageBinding from './page-binding';
import senderProfile from './sender-profile';
import template from './template';

export default {
  batch,
  event,
  extraction,
  message,
  'page-binding': pageBinding,
  'sender-profile': senderProfile,
  template,
};
