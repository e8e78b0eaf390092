/**
 * Sending one mail from one record: composing the editable draft of the dialog, then queuing what
 * the user validated. Queuing writes the ledger row (and the timeline event, when asked) in one
 * transaction and returns at once; the dispatcher delivers. Every rule is checked here, on the
 * server, whatever the admin showed: template of this page, record of this page, consent, sender
 * domain, addresses, attachments, extraction data.
 */
import type { Core } from '@strapi/strapi';
import type { SendInput as ContractSendInput } from '../../../shared/contracts/sending';
import type { PageConfig } from '../config/schema';
import { getService } from '../utils';
import { getConfig } from '../utils/config';
import { allInOrder } from '../utils/settle';
import { parseAddressEntries } from '../utils/addresses';
import { validationError } from '../utils/errors';
import { sanitizeMailHtml } from '../utils/html';
import type { Ability } from './access';
import { DEFAULT_CONSENT_LEVEL, type ConsentLevel } from '../constants';
import { allows } from './consent';
import { notificationRefusal } from './notifications';
import { senderMailbox } from '../utils/mailbox';
import { singleLine, withSignature } from './render';
import type { UsableTemplate } from './templates';

/** The person (admin user) or front-office (API token, id null) asking for the mail. */
export type Sender = { id: number | null; firstname?: string | null; lastname?: string | null; email: string };

/** What the dialog (or the content API) asks for, and where the request came from. */
export type SendInput = ContractSendInput & { origin?: 'admin' | 'api'; apiTokenId?: number | null };

const personName = (user: Sender) => [user.firstname, user.lastname].filter(Boolean).join(' ');
const userName = (user: Sender) => personName(user) || user.email;

const createSendingService = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <N extends Parameters<typeof getService>[0]>(name: N) => getService(name, { strapi });

  /** The template, checked to be one of this page's. */
  const templateForPage = async (page: PageConfig, templateId: string) => {
    const template = await service('templates').get(templateId);
    if (template.page !== page.key) {
      throw validationError(
        'template.other-page',
        `Le modèle « ${template.title} » n’est pas utilisable depuis la page « ${page.page} ».`,
        `The template "${template.title}" cannot be used from the page "${page.page}".`
      );
    }
    if (!template.extraction) {
      throw validationError('template.no-extraction', `Le modèle « ${template.title} » n’a pas d’extraction.`, `The template "${template.title}" has no extraction.`);
    }
    const usable: UsableTemplate = { ...template, extraction: template.extraction };
    return usable;
  };

  /** The record's extraction row, or the clear « aucune donnée d'extraction » error. */
  const rowFor = async (page: PageConfig, template: UsableTemplate, recordId: string) => {
    const rows = await service('extractions').rowsForRecords(template.extraction.query, page.key, [recordId]);
    const row = rows.get(recordId);
    if (!row) {
      throw validationError(
        'extraction.no-row',
        `Aucune donnée d’extraction pour cette fiche (extraction « ${template.extraction.title} »).`,
        `No extraction data for this record (extraction "${template.extraction.title}").`,
        { record: recordId }
      );
    }
    return row;
  };

  /** Only the recipient fields the user may read are offered. */
  const defaultRecipientsFor = async (ability: Ability, page: PageConfig, recordId: string) => {
    const { values, label } = await service('records').read(ability, page.key, recordId, page.defaultRecipients.map((r) => r.field));
    const recipients = page.defaultRecipients
      .map((recipient) => ({ label: recipient.label, field: recipient.field, address: String(values[recipient.field] ?? '').trim() }))
      .filter((recipient) => recipient.address);
    return { label, recipients };
  };

  return {
    templateForPage,

    /** Templates of a page, grouped by family for the chooser, with the record's consent state. */
    async choices(pageKey: string, recordId: string, ability: Ability) {
      const page = service('pages').get(pageKey);
      // The Content Manager's read right on the record (under its conditions), or 403.
      const { label } = await service('records').read(ability, page.key, recordId, []);
      const templates = (await service('templates').list({ page: page.key })).filter((t) => t.valid);
      const level = await service('consent').levelFor(page, recordId);
      const notifications = service('notifications');
      const gated = Boolean(notifications.choicesPath(page)) && templates.some((t) => t.notificationType);
      const types = gated ? new Map((await notifications.listTypes()).map((type) => [type.code, type])) : new Map();
      const choices = gated ? (await notifications.choicesFor(page, [recordId])).get(recordId) : null;
      const channel = notifications.settings()?.channel ?? 'mail';
      return {
        record: { documentId: recordId, label },
        consent: { gated: Boolean(page.consent), level },
        templates: templates.map((t) => {
          const consentAllowed = level === null || allows(level, (t.minimumConsent ?? DEFAULT_CONSENT_LEVEL) as ConsentLevel);
          const refusal = gated && t.notificationType ? notificationRefusal(types.get(t.notificationType) ?? null, choices, channel) : null;
          return {
            documentId: t.documentId,
            family: t.family ?? null,
            title: t.title,
            description: t.description,
            minimumConsent: t.minimumConsent ?? DEFAULT_CONSENT_LEVEL,
            notificationType: t.notificationType ?? null,
            // Both gates: consent, then the member's notification choice (refusal says why not).
            allowed: consentAllowed && refusal === null,
            notification: t.notificationType && gated ? { allowed: refusal === null, refusal } : null,
          };
        }),
      };
    },

    /** The dialog's draft: every field merged and editable. */
    async compose(user: Sender, input: { page: string; record: string; template: string }, ability: Ability) {
      const page = service('pages').get(input.page);
      // The draft shows the record's whole extraction row: the CM read right on the record first
      // (read with the default recipients the user may see, in the query that checks the right).
      const { recipients, label } = await defaultRecipientsFor(ability, page, input.record);
      // Then the reads that do not depend on each other, together; refusals in this order.
      const [template, profile] = await allInOrder(
        templateForPage(page, input.template),
        user.id === null ? Promise.resolve(null) : service('sender-profiles').get(user.id)
      );
      const layouts = service('layouts');
      const [consent, notification, row, layout] = await allInOrder(
        service('consent').assertAllowed(page, input.record, template.minimumConsent ?? DEFAULT_CONSENT_LEVEL),
        service('notifications').assertAllowed(page, input.record, template.notificationType),
        rowFor(page, template, input.record),
        layouts.forTemplate(template)
      );
      const rendered = service('render').render(template, row);
      // Signatures saved before a rule of the sanitiser changed are cleaned again.
      const signature = sanitizeMailHtml(profile?.signature ?? '');
      const html = withSignature(rendered.html, signature);
      // The editable body goes into the template's layout when it leaves (queue below).
      const { before, after } = layouts.shell(layout, null);
      return {
        record: { page: page.key, documentId: input.record, label },
        template: { documentId: template.documentId, title: template.title, family: template.family, version: template.version },
        from: profile?.email ?? null,
        to: rendered.to.length > 0 ? rendered.to : recipients.slice(0, 1).map((r) => r.address),
        defaultRecipients: recipients,
        cc: [] as string[],
        bcc: [] as string[],
        subject: rendered.subject,
        html,
        text: layouts.compose(layout, html).text,
        letterhead: { before, after },
        priority: false,
        logEvent: true,
        consent,
        notification: { gated: notification.gated, code: notification.code, allowed: notification.allowed },
      };
    },

    /** Validates and queues one mail; nothing is written unless every rule passes. */
    async queue(user: Sender, input: SendInput, ability: Ability) {
      const settings = getConfig(strapi).sending;
      const page = service('pages').get(input.page);
      await service('access').assertCanRead(ability, page, input.record);
      const template = await templateForPage(page, input.template);
      const minimum = (template.minimumConsent ?? DEFAULT_CONSENT_LEVEL) as ConsentLevel;
      const consent = input.test
        ? await service('consent').stateFor(page, input.record, minimum)
        : await service('consent').assertAllowed(page, input.record, minimum);
      // « Envoi test » goes to the sender only: neither gate applies to it.
      if (!input.test) await service('notifications').assertAllowed(page, input.record, template.notificationType);
      // The record must still have its data, as when composing.
      const row = await rowFor(page, template, input.record);

      const profile = user.id === null ? null : await service('sender-profiles').get(user.id);
      const from = service('sender-profiles').assertSenderAllowed(String(input.from ?? profile?.email ?? ''));
      // « Prénom Nom <adresse> » (the default sender's name for a front-office), the address as checked.
      const fromAddress = senderMailbox(strapi, from, user.id === null ? null : personName(user));
      const to = input.test ? [from] : parseAddressEntries(input.to, 'Pour');
      const cc = input.test ? [] : parseAddressEntries(input.cc, 'Copie à');
      const bcc = [...(input.test ? [] : parseAddressEntries(input.bcc, 'Copie cachée')), ...(input.senderInBcc && !input.test ? [from] : [])];
      if (to.length === 0) {
        throw validationError('address.no-recipient', 'Aucun destinataire : renseignez le champ « Pour ».', 'No recipient: fill in "To".');
      }
      if (to.length + cc.length + bcc.length > settings.maxRecipients) {
        throw validationError(
          'address.too-many',
          `Trop de destinataires (${settings.maxRecipients} au plus).`,
          `Too many recipients (${settings.maxRecipients} at most).`
        );
      }
      // An address whose mail bounced is refused until a gestionnaire clears it (services/bounces).
      await service('suppressions').assertDeliverable([...to, ...cc, ...bcc]);

      // Without edits from the dialog, the template rendered on the row is what leaves, as the
      // draft shows it (signature under it); then the template's layout around it.
      const rendered = service('render').render(template, row);
      const subject = singleLine(input.subject ?? rendered.subject);
      if (!subject) throw validationError('mail.subject-required', 'Le sujet est obligatoire.', 'The subject is required.');
      const body = sanitizeMailHtml(input.html ?? withSignature(rendered.html, sanitizeMailHtml(profile?.signature ?? '')));
      const layouts = service('layouts');
      const { html, text } = layouts.compose(await layouts.forTemplate(template), body);
      const attachments = await service('attachments').resolve(input.attachments ?? [], settings, { ability, userId: user.id });

      const message = await strapi.db.transaction(async () => {
        const created = await service('ledger').enqueue({
          page: page.key,
          recordId: input.record,
          templateId: template.documentId,
          templateTitle: template.title,
          templateVersion: template.version ?? 1,
          fromAddress,
          to,
          cc,
          bcc,
          subject: input.test ? `[TEST] ${subject}` : subject,
          html,
          text,
          attachments,
          priority: Boolean(input.priority),
          test: Boolean(input.test),
          consentLevel: consent.level,
          minimumConsent: minimum,
          notificationType: template.notificationType ?? null,
          sentById: user.id,
          sentByName: userName(user),
          origin: input.origin ?? 'admin',
          // The front-office token that asked for it: a token reads back only its own mails.
          apiTokenId: input.apiTokenId ?? null,
        });
        if (input.logEvent !== false && !input.test) {
          await service('ledger').events.create({
            page: page.key,
            recordId: input.record,
            label: `[AUTO] Envoi de mail : ${template.title}`,
            authorId: user.id,
            authorName: userName(user),
            messageId: created.documentId,
          });
        }
        return created;
      });

      service('dispatcher').wake();
      return message;
    },
  };
};

export type SendingService = ReturnType<typeof createSendingService>;
export default createSendingService;
