/**
 * Shapes of request bodies (types and lengths). Business rules live in the services; these only
 * refuse what is not even the right shape, with the field named.
 */
import { validateYupSchema, yup } from '@strapi/utils';
import { CONSENT_LEVELS, MINIMUM_CONSENT_LEVELS } from '../constants';

/** NUL is refused by PostgreSQL in text (a 500 otherwise) and has no place in a mail. */
const NO_NUL = /^[^\u0000]*$/;
/** Single-line values (titles, subjects, addresses) hold no control character at all. */
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

/** `2026-12-02T09:30:00Z`, `2026-12-02T10:30:00.000+01:00`. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

// yup writes the field's name where `${path}` stands.
const tooLong = (max: number) => '${path} : ' + `${max} caractères au plus (at most ${max} characters)`;

/** Multi-line text (bodies, descriptions, queries, signatures); `text` also takes null. */
const plainText = (max: number) =>
  yup.string().max(max, tooLong(max)).matches(NO_NUL, { message: '${path} : caractère NUL interdit (NUL character not allowed)', excludeEmptyString: true });
const text = (max: number) => plainText(max).nullable();

/** One line: no line break nor control character; `line` also takes null. */
const plainLine = (max: number) =>
  yup
    .string()
    .max(max, tooLong(max))
    .matches(NO_CONTROL, { message: '${path} : saut de ligne ou caractère de contrôle interdit (line breaks and control characters are not allowed)', excludeEmptyString: true });
const line = (max: number) => plainLine(max).nullable();

export const validateExtractionBody = validateYupSchema(
  yup
    .object({
      title: plainLine(255),
      description: text(2000),
      query: plainText(50_000),
      pages: yup.array(yup.string().required()).max(50),
    })
    .noUnknown()
    .required()
);

export const validateExtractionTestBody = validateYupSchema(
  yup
    .object({
      query: plainText(50_000),
      page: yup.string(),
      record: yup.string(),
      limit: yup.number().integer().min(1).max(1000),
    })
    .noUnknown()
    .required()
);

// Required fields may come empty or null (a cleared form field): the service refuses them with
// the French « Champs obligatoires non renseignés » listing them all, not yup's English message.
const templateShape = {
  family: line(255),
  title: line(255),
  description: text(2000),
  recipient: line(1000),
  subject: line(998), // the longest line a mail header may hold
  // Past 100 000 characters the templates service refuses it in French before any parsing.
  body: text(500_000),
  page: text(100),
  extraction: text(100),
  minimumConsent: yup.string().oneOf([...MINIMUM_CONSENT_LEVELS]),
  notificationType: text(100),
  // '' the default layout, 'none' « sans mise en page », else a layout's documentId.
  layout: text(100),
};

export const validateTemplateBody = validateYupSchema(yup.object(templateShape).noUnknown().required());

/** An update also says which version the editor opened (optional: a script may overwrite). */
export const validateTemplateUpdateBody = validateYupSchema(
  yup
    .object({ ...templateShape, version: yup.number().integer().min(1) })
    .noUnknown()
    .required()
);

export const validatePreviewBody = validateYupSchema(
  yup
    .object({ ...templateShape, record: yup.string().required() })
    .noUnknown()
    .required()
);

export const validateDuplicateBody = validateYupSchema(
  yup
    .object({ page: yup.string(), extraction: yup.string(), title: yup.string().max(255) })
    .noUnknown()
    .required()
);

export const validateRecordBody = validateYupSchema(yup.object({ record: yup.string().required() }).noUnknown().required());

const addressList = yup.array(yup.string().max(320)).max(500);

export const validateComposeBody = validateYupSchema(
  yup
    .object({ page: yup.string().required(), record: yup.string().required(), template: yup.string().required() })
    .noUnknown()
    .required()
);

export const validateSendBody = validateYupSchema(
  yup
    .object({
      page: yup.string().required(),
      record: yup.string().required(),
      template: yup.string().required(),
      from: yup.string().nullable().max(320),
      senderInBcc: yup.boolean(),
      to: addressList,
      cc: addressList,
      bcc: addressList,
      subject: plainLine(998),
      html: plainText(2_000_000),
      attachments: yup.array(yup.number().integer().positive()).max(50),
      priority: yup.boolean(),
      logEvent: yup.boolean(),
      test: yup.boolean(),
    })
    .noUnknown()
    .required()
);

// The colours' #rrggbb and the logo's file are the layouts service's 400s (French, field named).
export const validateLayoutBody = validateYupSchema(
  yup
    .object({
      name: line(255),
      logo: yup.number().integer().positive().nullable(),
      headerTitle: line(255),
      footerAddress: text(2000),
      footerLegal: text(4000),
      footerGdpr: text(4000),
      primaryColor: line(20),
      textColor: line(20),
      backgroundColor: line(20),
      isDefault: yup.boolean().nullable(),
    })
    .noUnknown()
    .required()
);

export const validateProfileBody = validateYupSchema(
  yup
    .object({ email: yup.string().nullable().max(320), signature: yup.string().nullable().max(200_000) })
    .noUnknown()
    .required()
);

const level = yup
  .string()
  .oneOf([...CONSENT_LEVELS], '${path} : niveau inconnu « ${value} » (refus, interne, limite ou public ; unknown level)');
const NO_UNKNOWN = '${path} : champ inconnu (unknown field: ${unknown})';

/**
 * A change of consent levels (under `levelsKey`) and/or notification choices ({ code: channels[] },
 * judged by the app's rules): the gestionnaire's form (`levels`) and the members' space
 * (`consent`) take the same shape.
 */
export const preferencesChangeSchema = (levelsKey: string) =>
  yup
    .object({
      [levelsKey]: yup.object({ postalAddress: level, landline: level, mobile: level, email: level }).noUnknown(true, NO_UNKNOWN).default(undefined),
      notifications: yup
        .object()
        .default(undefined)
        .test(
          'channel-lists',
          'notifications : à chaque type de notification, une liste de canaux (each notification code maps to a list of channels)',
          (value) =>
            value === undefined ||
            Object.values(value as Record<string, unknown>).every((channels) => Array.isArray(channels) && channels.every((c) => typeof c === 'string'))
        ),
    })
    .noUnknown(true, NO_UNKNOWN)
    .required();

/** `levels` (partial) and/or `notifications`, at least one. */
export const validateConsentBody = validateYupSchema(
  preferencesChangeSchema('levels').test(
    'something',
    'Indiquez des niveaux ou des choix de notification (levels or notifications is required)',
    (value) => Boolean(value?.levels || value?.notifications)
  )
);

const selectionShape = yup
  .object({
    ids: yup.array(yup.string().required().max(100)).max(100_000),
    filters: yup.object().nullable(),
    search: line(500),
  })
  .noUnknown()
  .required();

export const validatePreflightBody = validateYupSchema(
  yup
    .object({ page: yup.string().required(), template: yup.string().required(), selection: selectionShape })
    .noUnknown()
    .required()
);

export const validateBatchBody = validateYupSchema(
  yup
    .object({
      page: yup.string().required(),
      template: yup.string().required(),
      selection: selectionShape,
      priority: yup.boolean(),
      logEvent: yup.boolean(),
      attachments: yup.array(yup.number().integer().required()).max(50),
      // An instant with its offset (the admin sends UTC): a bare local time would be ambiguous.
      scheduledAt: yup
        .string()
        .nullable()
        .matches(ISO_INSTANT, { message: 'scheduledAt : date et heure ISO 8601 avec fuseau attendues (an ISO 8601 date-time with offset is expected)', excludeEmptyString: true })
        .test('date', 'scheduledAt : date invalide (invalid date)', (value) => !value || !Number.isNaN(Date.parse(value))),
    })
    .noUnknown()
    .required()
);

/** POST /api/mail-merge/messages (front-offices). */
export const validateFrontOfficeSendBody = validateYupSchema(
  yup
    .object({
      template: yup.string().required().max(100),
      record: yup.string().required().max(100),
      to: addressList,
      cc: addressList,
      bcc: addressList,
      priority: yup.boolean(),
      logEvent: yup.boolean(),
    })
    .noUnknown()
    .required()
);
