import { DEFAULT_CONSENT_LEVEL, MINIMUM_CONSENT_LEVELS } from '../../constants';
import { internalCollection } from '../internal';

/** A mail template (« modèle de mail ») bound to one page and one extraction. */
export default internalCollection(
  { table: 'mail_merge_templates', singularName: 'template', pluralName: 'templates', displayName: 'Modèle de mail' },
  {
    family: { type: 'string' },
    title: { type: 'string', required: true },
    description: { type: 'text', required: true },
    recipient: { type: 'string' },
    subject: { type: 'string', required: true },
    body: { type: 'text' },
    page: { type: 'string', required: true },
    extraction: {
      type: 'relation',
      relation: 'manyToOne',
      target: 'plugin::mail-merge.extraction',
    },
    // The least e-mail consent a membership must have given: « interne » is management mail,
    // « limite » a communication outside management, « public » anything else.
    minimumConsent: { type: 'enumeration', enum: [...MINIMUM_CONSENT_LEVELS], default: DEFAULT_CONSENT_LEVEL },
    // Optional: the code of the mutual's notification type this mail belongs to. Then it only goes
    // to members who chose mail for that type, while the type is activated (service notifications).
    notificationType: { type: 'string' },
    // « Mise en page »: this layout, none (withoutLayout), or the default one when neither is set.
    layout: {
      type: 'relation',
      relation: 'manyToOne',
      target: 'plugin::mail-merge.layout',
    },
    withoutLayout: { type: 'boolean', default: false },
    // Bumped on every save: the render cache and the sent-mail snapshots refer to it.
    version: { type: 'integer', default: 1 },
  }
);
