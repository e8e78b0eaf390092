/**
 * French for Strapi 5.54 strings that have none (its fr.json lacks them) and that a gestionnaire
 * meets: each one would otherwise show in English and log a MISSING_TRANSLATION error. Found by
 * walking the admin in French (tests/e2e fail on any MISSING_TRANSLATION).
 */
export const STRAPI_FR: Record<string, string> = {
  // Left menu and Content Manager.
  'content-manager.plugin.name': 'Gestionnaire de contenu',
  'app.components.LeftMenuLinkContainer.settings': 'Paramètres',
  'search.placeholder': 'Rechercher',
  // The role editor names the users-permissions « user » type by its uid.
  user: 'Utilisateur',
  // List view: the filter on the admin user who created / updated a record, and bulk delete.
  User: 'Utilisateur',
  'popUpWarning.bodyMessage.contentType.delete.all': 'Voulez-vous vraiment supprimer ces entrées ?',
};
