import { factories } from '@strapi/strapi';

// Read-only through the content API (front-offices with a token); the mutual edits its settings
// in the Content Manager. Nothing is granted to the users-permissions roles.
export default factories.createCoreRouter('api::notification-type.notification-type', { only: ['find', 'findOne'] });
