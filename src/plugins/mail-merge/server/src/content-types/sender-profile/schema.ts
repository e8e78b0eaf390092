/** « Paramétrage utilisateur »: the sender address and signature of one admin user. */
export default {
  kind: 'collectionType',
  collectionName: 'mail_merge_sender_profiles',
  info: {
    singularName: 'sender-profile',
    pluralName: 'sender-profiles',
    displayName: 'Profil d’envoi',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    userId: { type: 'integer', required: true, unique: true },
    email: { type: 'email' },
    signature: { type: 'text' },
  },
};
