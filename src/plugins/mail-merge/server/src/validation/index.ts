/**
 * Shapes of request bodies (types and lengths). Business rules live in the services; these only
 * refuse what is not even the right shape, with the field named.
 */
import { validateYupSchema, yup } from '@strapi/utils';

const text = (max: number) => yup.string().nullable().max(max);

export const validateExtractionBody = validateYupSchema(
  yup
    .object({
      title: yup.string().max(255),
      description: text(2000),
      query: yup.string().max(50_000),
      pages: yup.array(yup.string().required()).max(50),
    })
    .noUnknown()
    .required()
);

export const validateExtractionTestBody = validateYupSchema(
  yup
    .object({
      query: yup.string().max(50_000),
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
  family: text(255),
  title: text(255),
  description: text(2000),
  recipient: text(1000),
  subject: text(998), // the longest line a mail header may hold
  body: text(500_000),
  page: text(100),
  extraction: text(100),
  minimumConsent: yup.string().oneOf(['interne', 'limite', 'public']),
};

export const validateTemplateBody = validateYupSchema(yup.object(templateShape).noUnknown().required());

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
      subject: yup.string().max(998),
      html: yup.string().max(2_000_000),
      attachments: yup.array(yup.number().integer().positive()).max(50),
      priority: yup.boolean(),
      logEvent: yup.boolean(),
      test: yup.boolean(),
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

const level = yup.string().oneOf(['refus', 'interne', 'limite', 'public']);

export const validateConsentBody = validateYupSchema(
  yup
    .object({ levels: yup.object({ postalAddress: level, landline: level, mobile: level, email: level }).noUnknown().required() })
    .noUnknown()
    .required()
);

const selectionShape = yup
  .object({
    ids: yup.array(yup.string().required().max(100)).max(100_000),
    filters: yup.object().nullable(),
    search: yup.string().nullable().max(500),
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
