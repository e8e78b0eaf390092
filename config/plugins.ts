import { secret } from '../src/utils/dev-secrets';

/**
 * Plugins: the email provider (real SMTP through nodemailer), Users & Permissions (the members'
 * web space) and the local mail-merge plugin with the mutual's page registry.
 */
import { noDelaySocket } from '../src/utils/smtp-socket';
import { dkimOptions } from '../src/utils/dkim';
import { SHIPPED_EXTRACTIONS } from '../src/mail-merge/shipped-extractions';
import { SHIPPED_TEMPLATES } from '../src/mail-merge/shipped-templates';

export default ({ env }) => ({
  // Members' web space: members log in with POST /api/auth/local. JWT_SECRET is generated in
  // development (.tmp/dev-secrets.json) and required in production, like the other secrets.
  'users-permissions': {
    config: {
      jwtSecret: secret(env, 'JWT_SECRET'),
      jwt: { expiresIn: env('MEMBER_JWT_EXPIRES_IN', '1d') },
    },
  },

  email: {
    config: {
      provider: 'nodemailer',
      // Passed unchanged to nodemailer.createTransport().
      providerOptions: {
        host: env('SMTP_HOST', '127.0.0.1'),
        port: env.int('SMTP_PORT', 1025),
        secure: env.bool('SMTP_SECURE', false),
        ignoreTLS: !env.bool('SMTP_SECURE', false) && !env.bool('SMTP_REQUIRE_TLS', false),
        requireTLS: env.bool('SMTP_REQUIRE_TLS', false),
        auth: env('SMTP_USERNAME') ? { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } : undefined,
        pool: env.bool('SMTP_POOL', true),
        maxConnections: env.int('SMTP_MAX_CONNECTIONS', 5),
        connectionTimeout: env.int('SMTP_CONNECTION_TIMEOUT', 10000),
        // TCP_NODELAY: ten times more mails per second per connection (src/utils/smtp-socket.ts).
        getSocket: noDelaySocket(env.int('SMTP_CONNECTION_TIMEOUT', 10000)),
        // DKIM: nodemailer signs every message, pre-built ones included (README « DKIM »).
        dkim: dkimOptions(env),
      },
      settings: {
        defaultFrom: env('MAIL_DEFAULT_FROM', 'Mutuelle <no-reply@mutuelle.example.test>'),
        defaultReplyTo: env('MAIL_DEFAULT_REPLY_TO', env('MAIL_DEFAULT_FROM', 'no-reply@mutuelle.example.test')),
      },
    },
  },

  'mail-merge': {
    enabled: true,
    resolve: './src/plugins/mail-merge',
    config: {
      sending: {
        // Sender addresses (profiles and dialog) must be in these domains: no spoofing.
        allowedSenderDomains: env.array('MAIL_ALLOWED_SENDER_DOMAINS', ['mutuelle.example.test']),
        maxAttachments: env.int('MAIL_MAX_ATTACHMENTS', 5),
        maxAttachmentBytes: env.int('MAIL_MAX_ATTACHMENT_BYTES', 10 * 1024 * 1024),
      },
      extractions: {
        // Tables extractions may read besides the content types' own (names, comma-separated).
        allowTables: env.array('MAIL_EXTRACTION_ALLOW_TABLES', []),
        // PostgreSQL: the login role extractions run as; its password (unset: derived from APP_KEYS).
        postgres: {
          role: env('MAIL_EXTRACTION_DB_ROLE', 'mail_merge_extraction'),
          password: env('MAIL_EXTRACTION_DB_PASSWORD'),
        },
      },
      dispatcher: {
        enabled: env.bool('MAIL_DISPATCHER_ENABLED', true),
        maxAttempts: env.int('MAIL_MAX_ATTEMPTS', 4),
        retryDelayMs: env.int('MAIL_RETRY_DELAY_MS', 30_000),
        pollIntervalMs: env.int('MAIL_POLL_INTERVAL_MS', 2000),
        staleAfterMs: env.int('MAIL_STALE_AFTER_MS', 5 * 60_000),
        // Grouped sends: how many mails at once, how many per second (0: as fast as SMTP takes them).
        concurrency: env.int('MAIL_CONCURRENCY', env.int('SMTP_MAX_CONNECTIONS', 5)),
        ratePerSecond: env.float('MAIL_RATE_PER_SECOND', 0),
        // Mails claimed at once, and how outcomes are written behind (per statement, at most after).
        claimSize: env.int('MAIL_CLAIM_SIZE', 200),
        flushSize: env.int('MAIL_FLUSH_SIZE', 100),
        flushMs: env.int('MAIL_FLUSH_MS', 250),
        // nodemailer only: MIME built in worker threads, the message handed over ready (raw).
        prebuildMime: env.bool('MAIL_PREBUILD_MIME', true),
        maxErrorRatio: env.float('MAIL_MAX_ERROR_RATIO', 0.2),
      },
      bounces: {
        // VERP return paths bounce+<mail>@<domain>; unset, bounces cannot be matched (README « Bounces »).
        domain: env('MAIL_BOUNCE_DOMAIN', ''),
        listener: {
          enabled: env.bool('MAIL_BOUNCE_LISTENER', false),
          host: env('MAIL_BOUNCE_LISTENER_HOST', '0.0.0.0'),
          port: env.int('MAIL_BOUNCE_LISTENER_PORT', 2525),
        },
      },
      // One-click unsubscribe (RFC 8058) of communication mails: the public address of this Strapi
      // as members reach it (https://…). Unset: Strapi's server.url when absolute; with neither,
      // mails carry no List-Unsubscribe header (README « Désinscription en un clic »).
      unsubscribe: {
        baseUrl: env('MAIL_PUBLIC_URL', ''),
      },
      /**
       * Notifications (« Liste des notifications disponibles »): the mutual's notification types
       * (records with code, label, active and channels) and the attribute of the consent holder
       * (the adhesion) where the member's choices `{ [code]: channels[] }` are kept. A template
       * tied to a type only goes to members who chose `channel` for it, while it is activated.
       */
      notifications: {
        contentType: 'api::notification-type.notification-type',
        choicesAttribute: 'notificationChoices',
        channel: 'mail',
      },
      // The adhesion holds e-mail consent (pages[].consent.path): named by its number in the
      // gestionnaire's form, its changes recorded by src/document-middlewares/consent-audit.ts.
      membership: {
        labelField: 'number',
        history: { contentType: 'api::consent-change.consent-change', holderAttribute: 'adhesion' },
      },
      // Extractions and templates installed once at start-up (src/mail-merge/).
      shipped: { extractions: SHIPPED_EXTRACTIONS, templates: SHIPPED_TEMPLATES },
      // Sent mails' bodies, attachments and provider answers are erased after this many days
      // (0: kept for ever); the proof of each mail stays. The purge runs daily at this cron rule.
      retention: {
        days: env.int('MAIL_RETENTION_DAYS', 365),
        cron: env('MAIL_RETENTION_CRON', '0 3 * * *'),
      },
      /**
       * The pages (module + page of MutualIT) from which mail can be sent. Templates and
       * extractions are bound to a page by its key.
       * - contentType: the records of the page;
       * - labelFields: record fields that name a record in pickers (search, preview);
       * - defaultRecipients: record fields (dotted through relations) offered as « Pour »;
       * - consent: where the e-mail consent level of the record's membership is read, if any
       *   (structures and health professionals are legal entities: no consent gate).
       */
      pages: [
        {
          key: 'structures',
          module: 'Fichier',
          page: 'Gestion des structures',
          contentType: 'api::structure.structure',
          labelFields: ['name'],
          defaultRecipients: [{ field: 'email', label: 'Mail (autres coordonnées)' }],
        },
        {
          key: 'health-professionals',
          module: 'Fichier',
          page: 'Gestion des professionnels de santé',
          contentType: 'api::health-professional.health-professional',
          labelFields: ['lastName', 'firstName', 'companyName'],
          defaultRecipients: [
            { field: 'email', label: 'Mail (autres coordonnées)' },
            { field: 'accountingEmail', label: 'Mail du service comptable' },
          ],
        },
        {
          key: 'beneficiaries',
          module: 'Fichier',
          page: 'Gestion des bénéficiaires',
          contentType: 'api::beneficiary.beneficiary',
          labelFields: ['lastName', 'firstName'],
          defaultRecipients: [{ field: 'email', label: 'Mail du bénéficiaire' }],
          consent: { path: 'adhesion.consent.email', memberRole: { field: 'role', dependant: 'ayant_droit' } },
        },
        {
          key: 'coverage-requests',
          module: 'Prestation en Santé',
          page: 'Prises en charge',
          contentType: 'api::coverage-request.coverage-request',
          labelFields: ['number', 'label'],
          defaultRecipients: [
            { field: 'healthProfessional.email', label: 'Mail du professionnel de santé' },
            { field: 'thirdPartyPayerEmail', label: 'Mail du tiers payant' },
          ],
          consent: { path: 'beneficiary.adhesion.consent.email' },
        },
        {
          key: 'simulations',
          module: 'Prestation en Santé',
          page: 'Simulations',
          contentType: 'api::simulation.simulation',
          labelFields: ['number', 'label'],
          defaultRecipients: [{ field: 'beneficiary.email', label: 'Mail du bénéficiaire' }],
          consent: { path: 'beneficiary.adhesion.consent.email' },
        },
      ],
    },
  },
});
