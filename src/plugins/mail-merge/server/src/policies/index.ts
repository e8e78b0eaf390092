import hasAnyAction from './has-any-action';

export default {
  'has-any-action': hasAnyAction,
};
