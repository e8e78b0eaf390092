import { internalCollection } from '../internal';

/** « Paramétrage utilisateur »: the sender address and signature of one admin user. */
export default internalCollection(
  { table: 'mail_merge_sender_profiles', singularName: 'sender-profile', pluralName: 'sender-profiles', displayName: 'Profil d’envoi' },
  {
    userId: { type: 'integer', required: true, unique: true },
    email: { type: 'email' },
    signature: { type: 'text' },
  }
);
