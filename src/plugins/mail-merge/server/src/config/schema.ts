import { yup } from '@strapi/utils';

/** `api::name.name` or `plugin::name.name`. */
const CONTENT_TYPE_UID = /^(api|plugin)::[a-z0-9-]+\.[a-z0-9-]+$/;
/** A record attribute, possibly reached through relations: `email`, `beneficiary.adhesion.consent.email`. */
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const PAGE_KEY = /^[a-z][a-z0-9-]*$/;

const pageSchema = yup
  .object({
    key: yup.string().required().matches(PAGE_KEY, 'pages[].key must be kebab-case (for example "beneficiaries")'),
    module: yup.string().required(),
    page: yup.string().required(),
    contentType: yup
      .string()
      .required()
      .matches(CONTENT_TYPE_UID, 'pages[].contentType must be a content type uid such as "api::beneficiary.beneficiary"'),
    keyColumn: yup
      .string()
      .matches(/^[a-z_][a-z0-9_]*$/, 'pages[].keyColumn must be a SQL column name')
      .default('document_id'),
    defaultRecipients: yup
      .array(
        yup
          .object({
            field: yup.string().required().matches(FIELD_PATH, 'defaultRecipients[].field must be an attribute path'),
            label: yup.string().required(),
          })
          .noUnknown()
      )
      .default([]),
    labelFields: yup
      .array(yup.string().required().matches(FIELD_PATH, 'labelFields[] must be attribute names'))
      .default([]),
    consent: yup
      .object({
        path: yup.string().required().matches(FIELD_PATH, 'consent.path must be an attribute path'),
      })
      .noUnknown()
      .default(undefined),
  })
  .noUnknown();

/**
 * Tables an extraction may never read: credentials and internals of Strapi (admin users, API
 * tokens, sessions, core store), of users-permissions and of this plugin (its ledger).
 */
export const DEFAULT_FORBIDDEN_TABLES = ['admin_*', 'strapi_*', 'up_*', 'mail_merge_*', 'pg_*', 'information_schema', 'sqlite_*'];

const extractionsSchema = yup
  .object({
    timeoutMs: yup.number().integer().min(100).max(120_000).default(5000),
    maxRows: yup.number().integer().min(1).max(100_000).default(1000),
    chunkSize: yup
      .number()
      .integer()
      .min(1)
      .default(500)
      .test('chunk-under-cap', 'extractions.chunkSize must not exceed extractions.maxRows', function check(value) {
        return value === undefined || value <= (this.parent.maxRows ?? 1000);
      }),
    forbiddenTables: yup.array(yup.string().required()).default(() => [...DEFAULT_FORBIDDEN_TABLES]),
  })
  .noUnknown();

export const configSchema = yup
  .object({
    extractions: extractionsSchema,
    pages: yup
      .array(pageSchema)
      .required()
      .test('unique-keys', 'page keys must be unique', (pages) => {
        const keys = (pages ?? []).map((p) => p?.key);
        return new Set(keys).size === keys.length;
      }),
  })
  .noUnknown();

export type PageConfig = {
  key: string;
  module: string;
  page: string;
  contentType: string;
  keyColumn: string;
  defaultRecipients: { field: string; label: string }[];
  labelFields: string[];
  consent?: { path: string };
};

export type ExtractionSettings = { timeoutMs: number; maxRows: number; chunkSize: number; forbiddenTables: string[] };

export type PluginConfig = { pages: PageConfig[]; extractions: ExtractionSettings };
