import { yup } from '@strapi/utils';

/** A content type uid of the app (`api::<name>.<name>`) or of a plugin (`plugin::<name>.<name>`). */
const CONTENT_TYPE_UID = /^(api|plugin)::[a-z0-9-]+\.[a-z0-9-]+$/;
/** A record attribute, possibly reached through relations: `email`, `member.household.consent.email`. */
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const PAGE_KEY = /^[a-z][a-z0-9-]*$/;
/** A table or role name, unquoted. */
const SQL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const pageSchema = yup
  .object({
    key: yup.string().required().matches(PAGE_KEY, 'pages[].key must be kebab-case (for example "members")'),
    module: yup.string().required(),
    page: yup.string().required(),
    contentType: yup
      .string()
      .required()
      .matches(CONTENT_TYPE_UID, 'pages[].contentType must be a content type uid (api::<name>.<name>)'),
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
        /**
         * Optional: the record attribute that tells the insured person from a dependant, and its
         * value for a dependant (shown beside the consent on the record's screen).
         */
        memberRole: yup
          .object({
            field: yup.string().required().matches(FIELD_PATH, 'consent.memberRole.field must be an attribute name'),
            dependant: yup.string().required(),
          })
          .noUnknown()
          .default(undefined),
      })
      .noUnknown()
      .default(undefined),
  })
  .noUnknown();

/**
 * The membership that holds consent (reached through pages[].consent.path): the attribute that
 * names it in the gestionnaire's form, and where the app records the history of its changes.
 * Optional: without it, the form names the membership by its document id and shows no history.
 */
const membershipSchema = yup
  .object({
    labelField: yup.string().matches(/^[A-Za-z_][A-Za-z0-9_]*$/, 'membership.labelField must be an attribute name').default(undefined),
    history: yup
      .object({
        contentType: yup.string().required().matches(CONTENT_TYPE_UID, 'membership.history.contentType must be a content type uid (api::<name>.<name>)'),
        /** The relation from a history entry to its membership. */
        holderAttribute: yup.string().required().matches(/^[A-Za-z_][A-Za-z0-9_]*$/, 'membership.history.holderAttribute must be an attribute name'),
      })
      .noUnknown()
      .default(undefined),
  })
  .noUnknown()
  .default(undefined);

/**
 * Extractions and templates the app ships for its own pages, installed once at start-up
 * (services/shipped.ts): what an administrator deletes is not recreated. The plugin ships none.
 */
const shippedExtractionSchema = yup
  .object({
    key: yup.string().required().matches(PAGE_KEY, 'shipped.extractions[].key must be kebab-case'),
    title: yup.string().required(),
    description: yup.string().required(),
    pages: yup.array(yup.string().required()).min(1).required(),
    query: yup.string().required(),
  })
  .noUnknown();

const shippedTemplateSchema = yup
  .object({
    key: yup.string().required().matches(PAGE_KEY, 'shipped.templates[].key must be kebab-case'),
    /** The key of a shipped extraction. */
    extraction: yup.string().required(),
    page: yup.string().required(),
    family: yup.string().default(undefined),
    title: yup.string().required(),
    description: yup.string().required(),
    recipient: yup.string().default(undefined),
    subject: yup.string().required(),
    body: yup.string().default(''),
  })
  .noUnknown();

const shippedSchema = yup
  .object({
    extractions: yup.array(shippedExtractionSchema).default(() => []),
    templates: yup.array(shippedTemplateSchema).default(() => []),
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
    /**
     * Tables an extraction may read besides the app's content types, their components and join
     * tables (see services/extractions/allowed-tables.ts). Strapi's and this plugin's own tables
     * stay out even when named here.
     */
    allowTables: yup
      .array(yup.string().required().matches(SQL_NAME, 'extractions.allowTables[] must be table names'))
      .default(() => []),
    /** PostgreSQL: the login role extractions run as (it holds SELECT on the allowed tables only). */
    postgres: yup
      .object({
        role: yup.string().matches(SQL_NAME, 'extractions.postgres.role must be a role name').default('mail_merge_extraction'),
        /** Unset: derived from the app's secrets (the same on every instance). */
        password: yup
          .string()
          .transform((value) => (value === '' ? undefined : value))
          .min(12, 'extractions.postgres.password must hold at least 12 characters')
          .default(undefined),
      })
      .noUnknown(),
  })
  .noUnknown();

const DOMAIN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

const sendingSchema = yup
  .object({
    /** Sender addresses must be in one of these domains (`*.example.fr` for sub-domains); empty = any. */
    allowedSenderDomains: yup
      .array(yup.string().required().matches(DOMAIN, 'sending.allowedSenderDomains[] must be domain names'))
      .default([]),
    maxAttachments: yup.number().integer().min(0).max(50).default(5),
    maxAttachmentBytes: yup.number().integer().min(1).default(10 * 1024 * 1024),
    maxRecipients: yup.number().integer().min(1).max(500).default(50),
  })
  .noUnknown();

const dispatcherSchema = yup
  .object({
    enabled: yup.boolean().default(true),
    /** How often queued mail is looked for when nothing wakes the dispatcher. */
    pollIntervalMs: yup.number().integer().min(50).default(2000),
    /** Mails claimed at once (fewer when paced: about one second's worth). */
    claimSize: yup.number().integer().min(1).max(1000).default(200),
    /** Outcomes written per statement, and at most this long after the first of them. */
    flushSize: yup.number().integer().min(1).max(1000).default(100),
    flushMs: yup.number().integer().min(1).max(5000).default(250),
    /** With the nodemailer provider, MIME messages are built in worker threads (off the event loop). */
    prebuildMime: yup.boolean().default(true),
    maxAttempts: yup.number().integer().min(1).max(20).default(4),
    /** First retry delay; doubled at each attempt. */
    retryDelayMs: yup.number().integer().min(0).default(30_000),
    /** A row left in `sending` longer than this by another process becomes `uncertain`. */
    staleAfterMs: yup.number().integer().min(0).default(5 * 60_000),
    /** Mails handed to the provider at once by one instance (the SMTP pool's size is a good value). */
    concurrency: yup.number().integer().min(1).max(100).default(5),
    /** Messages per second per instance; 0 = as fast as the provider takes them. */
    ratePerSecond: yup.number().min(0).default(0),
    /** After a 421/454 (server busy), deliveries wait this long and the rate is halved for a while. */
    slowdownMs: yup.number().integer().min(0).default(10_000),
    /** A batch pauses itself when more than this share of its attempts failed… */
    maxErrorRatio: yup.number().min(0).max(1).default(0.2),
    /** …once it has at least this many finished attempts. */
    errorRatioMinSample: yup.number().integer().min(1).default(20),
  })
  .noUnknown();

/**
 * Bounces (services/bounces): each mail leaves with a VERP return path
 * `<localPart>+<ledger documentId>@<domain>`, so a delivery status notification names its mail.
 * No domain: mails keep the sender as return path and bounces cannot be matched. The listener is
 * an optional SMTP server for that domain (off by default; an MTA or provider may instead POST
 * the raw DSN to the content-API route).
 */
const bouncesSchema = yup
  .object({
    domain: yup
      .string()
      .nullable()
      .transform((value) => (value === '' ? null : value))
      .matches(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, { message: 'bounces.domain must be a domain name', excludeEmptyString: true })
      .default(null),
    localPart: yup.string().matches(/^[a-z0-9][a-z0-9._-]{0,30}$/i, 'bounces.localPart must be a plain local part').default('bounce'),
    listener: yup
      .object({
        enabled: yup.boolean().default(false),
        host: yup.string().default('127.0.0.1'),
        port: yup.number().integer().min(0).max(65535).default(2525),
      })
      .noUnknown()
      .default({ enabled: false, host: '127.0.0.1', port: 2525 }),
  })
  .noUnknown();

/**
 * One-click unsubscribe (RFC 8058, services/unsubscribe): communications (templates whose minimum
 * consent is « limite » or « public ») leave with `List-Unsubscribe: <baseUrl/api/mail-merge/unsubscribe/<token>>`
 * and `List-Unsubscribe-Post`. `baseUrl` is the public address of this Strapi as mail readers reach
 * it (`https://adherents.mutuelle.fr`); unset, Strapi's `server.url` when it is absolute. With
 * neither, mails carry no List-Unsubscribe header (a link must be public to be of any use).
 */
const unsubscribeSchema = yup
  .object({
    baseUrl: yup
      .string()
      .nullable()
      .transform((value) => (value === '' ? null : value))
      .matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i, { message: 'unsubscribe.baseUrl must be an absolute http(s) URL without query', excludeEmptyString: true })
      .default(null),
  })
  .noUnknown();

/** Where the app keeps notification types and the members' choices (optional: no gate without it). */
const notificationsSchema = yup
  .object({
    contentType: yup
      .string()
      .required()
      .matches(CONTENT_TYPE_UID, 'notifications.contentType must be a content type uid (api::<name>.<name>)'),
    choicesAttribute: yup.string().required().matches(/^[A-Za-z_][A-Za-z0-9_]*$/, 'notifications.choicesAttribute must be an attribute name'),
    channel: yup.string().default('mail'),
  })
  .noUnknown()
  .default(undefined);

/**
 * Retention of the message ledger (services/ledger/retention.ts): after `days` days the bodies,
 * attachments' references and provider answers of finished mails are erased, the proof stays.
 * 0 keeps everything. `cron` is when the daily purge runs (Strapi's cron, server time).
 */
const retentionSchema = yup
  .object({
    days: yup.number().integer().min(0).default(365),
    // Five to seven fields, or a nickname such as @daily: a typo stops start-up here, where
    // Strapi's cron would only log it and the purge would silently never run. Empty: the default.
    cron: yup
      .string()
      .trim()
      .transform((value) => (value === '' ? undefined : value))
      .matches(/^(@[a-z]+|\S+(\s+\S+){4,6})$/i, 'retention.cron must be a cron expression such as "0 3 * * *"')
      .default('0 3 * * *'),
  })
  .noUnknown();

export const configSchema = yup
  .object({
    extractions: extractionsSchema,
    notifications: notificationsSchema,
    membership: membershipSchema,
    shipped: shippedSchema,
    sending: sendingSchema,
    retention: retentionSchema,
    dispatcher: dispatcherSchema,
    bounces: bouncesSchema,
    unsubscribe: unsubscribeSchema,
    pages: yup
      .array(pageSchema)
      .required()
      .test('unique-keys', 'page keys must be unique', (pages) => {
        const keys = (pages ?? []).map((p) => p?.key);
        return new Set(keys).size === keys.length;
      }),
  })
  .noUnknown();

/** The plugin config's types, inferred from the schema that validates it (one source). */
export type PluginConfig = yup.InferType<typeof configSchema>;
export type PageConfig = PluginConfig['pages'][number];
export type ExtractionSettings = PluginConfig['extractions'];
export type SendingSettings = PluginConfig['sending'];
export type DispatcherSettings = PluginConfig['dispatcher'];
export type RetentionSettings = PluginConfig['retention'];
export type BounceSettings = PluginConfig['bounces'];
export type UnsubscribeSettings = PluginConfig['unsubscribe'];
export type NotificationSettings = NonNullable<PluginConfig['notifications']>;
export type MembershipSettings = NonNullable<PluginConfig['membership']>;
export type ShippedExtraction = PluginConfig['shipped']['extractions'][number];
export type ShippedTemplate = PluginConfig['shipped']['templates'][number];
