export default {
  config: {
    // The mutual works in French; English stays available in each user's profile.
    locales: ['fr'],
  },
};
