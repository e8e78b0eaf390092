import type { ListFieldLayout, ListLayout } from '@strapi/content-manager/strapi-admin';
import type { StrapiApp } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import labels from '../content-manager/labels.json';
import { STRAPI_FR } from './strapi-fr';
import { quietGuidedTours, quietProductBanners, relabelRightsSection } from './quiet';

/**
 * The mutual's admin: in French, without Strapi's product banners, tours or release check.
 *
 * Record labels and enumeration words come from src/content-manager/labels.json, shared with the
 * server (which writes the Content Manager's default views at start-up):
 * - field labels under the keys the Content Manager asks for
 *   (`content-manager.content-types.<uid>.<field>`, `content-manager.components.<uid>.<field>`);
 * - enumeration words under the stored value itself, which is the message id the Content
 *   Manager's edit view and filters look up (`formatMessage({ id: value, defaultMessage: value })`
 *   in @strapi/admin FormInputs/Enumeration and content-manager ListView/Filters); the stored
 *   values, which the content API serves, stay as they are. The list view's cells do not
 *   translate enumerations: the column hook below does.
 */
type Lang = 'fr' | 'en';

const recordMessages = (lang: Lang) => {
  const messages: Record<string, string> = {};
  for (const [uid, fields] of Object.entries(labels.contentTypes as Record<string, Record<string, Record<Lang, string>>>)) {
    for (const [field, label] of Object.entries(fields)) messages[`content-manager.content-types.${uid}.${field}`] = label[lang];
  }
  for (const [uid, fields] of Object.entries(labels.components as Record<string, Record<string, Record<Lang, string>>>)) {
    for (const [field, label] of Object.entries(fields)) messages[`content-manager.components.${uid}.${field}`] = label[lang];
  }
  for (const [value, label] of Object.entries(labels.enumerations as Record<string, Record<Lang, string>>)) messages[value] = label[lang];
  // The Content Manager's menu asks for each type's displayName as a message id, and the role
  // editor for its singular name.
  for (const [, names] of Object.entries(labels.types as Record<string, { singular: string; fr: string; en: string }>)) {
    messages[names.fr] = names[lang];
    messages[names.singular] = names[lang];
  }
  return messages;
};

/**
 * The role editor looks up the plugin's name and its rights' sub-categories (registered by the
 * plugin's server as « envoi » and « paramétrage ») as message ids, without a prefix.
 */
const RIGHTS: Record<Lang, Record<string, string>> = {
  fr: { 'mail-merge': 'Mails de fusion', envoi: 'Envoi', paramétrage: 'Paramétrage' },
  en: { 'mail-merge': 'Mail merge', envoi: 'Sending', paramétrage: 'Configuration' },
};

/** An enumeration cell of a Content Manager list, in the user's language. */
const EnumerationCell = ({ value }: { value: string | null }) => {
  const { formatMessage } = useIntl();
  if (value === null || value === undefined || value === '') return <span>-</span>;
  return <span>{formatMessage({ id: value, defaultMessage: value })}</span>;
};

export default {
  config: {
    // The mutual works in French; English stays available in each user's profile.
    locales: ['fr'],
    translations: {
      fr: { ...STRAPI_FR, ...RIGHTS.fr, ...recordMessages('fr') },
      en: { ...RIGHTS.en, ...recordMessages('en') },
    },
    // No « new release » call to a public code host from the browser, no tutorial videos.
    notifications: { releases: false },
    tutorials: false,
  },

  register() {
    quietGuidedTours();
    quietProductBanners();
  },

  bootstrap(app: StrapiApp) {
    relabelRightsSection();
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', ({ displayedHeaders, layout }: { displayedHeaders: ListFieldLayout[]; layout: ListLayout }) => ({
      layout,
      displayedHeaders: displayedHeaders.map((header): ListFieldLayout =>
        header.attribute?.type === 'enumeration' && typeof header.cellFormatter !== 'function'
          ? { ...header, cellFormatter: (row) => <EnumerationCell value={(row[header.name] as string | null | undefined) ?? null} /> }
          : header
      ),
    }));
  },
};
