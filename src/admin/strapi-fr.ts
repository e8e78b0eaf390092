/**
 * French for Strapi 5.54 strings that have none and that a gestionnaire meets. Two kinds:
 * - ids absent from every language (the menu's type names, the role editor's uids): they log a
 *   MISSING_TRANSLATION, on which the e2e tests fail;
 * - ids Strapi has in English only: the admin silently falls back to English for them (no console
 *   error), so they were found by looking at the screens (preview panel, …).
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
  // Edit view's preview panel (English only in 5.54).
  'content-manager.preview.panel.title': 'Aperçu',
  'content-manager.preview.panel.button': 'Ouvrir l’aperçu',
  'content-manager.preview.panel.button-configuration': 'Configurer l’aperçu',
  'content-manager.preview.panel.button-disabled-tooltip': 'Enregistrez la fiche pour ouvrir l’aperçu',
};
