/**
 * The content API for front-offices (members' web space, partner portals), with API tokens:
 * the templates of a page, sending one templated mail from a record, and following it.
 *
 * A send goes through the single-send path (services/sending.ts) with every rule of it: consent,
 * addresses, extraction data, records of the template's page. It leaves from the mutual's default
 * sender, with the template as written (a front-office does not edit mails), and is recorded as
 * made by « API : <token name> ».
 */
import type { Core } from '@strapi/strapi';
import type { FrontOfficeMessage, FrontOfficeSendInput, FrontOfficeTemplate } from '../../../shared/contracts/front-office';
import { getService } from '../utils';
import { notFoundError, validationError } from '../utils/errors';
import { CONTENT_API } from './access';

const MESSAGE_FIELDS = ['documentId', 'status', 'to', 'subject', 'sentAt', 'error'] as const;

export type { FrontOfficeSendInput } from '../../../shared/contracts/front-office';

/** `Mutuelle <no-reply@mutuelle.fr>` → `no-reply@mutuelle.fr`. */
const bareAddress = (from: string) => /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();

const createFrontOfficeService = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <N extends Parameters<typeof getService>[0]>(name: N) => getService(name, { strapi });

  const senderFor = (tokenName: string) => ({
    id: null,
    firstname: 'API :',
    lastname: tokenName,
    email: bareAddress(String(strapi.config.get('plugin::email.settings.defaultFrom') ?? '')),
  });

  return {
    async templates(pageKey: string): Promise<FrontOfficeTemplate[]> {
      const page = service('pages').find(pageKey);
      if (!page) throw notFoundError('page.not-found', `Page inconnue : « ${pageKey} ».`, `Unknown page: "${pageKey}".`);
      const templates = await service('templates').list({ page: page.key });
      return templates
        .filter((template) => template.valid)
        .map(({ documentId, family, title, description, page: key }) => ({ documentId, family: family ?? null, title, description, page: key }));
    },

    async send(token: { id: number | null; name: string }, input: FrontOfficeSendInput) {
      const template = await service('templates').findOne(input.template);
      // The admin shows such a template as « à corriger »: nothing leaves with it.
      if (!template.valid) {
        throw validationError(
          'template.invalid',
          `Le modèle « ${template.title} » est à corriger : il ne peut pas être envoyé.`,
          `The template "${template.title}" needs fixing: it cannot be sent.`
        );
      }
      const sender = senderFor(token.name);
      const base = { page: template.page, record: input.record, template: template.documentId };
      // Without « to », the mail goes where the dialog would have sent it: the template's
      // recipient, or else the record's first default recipient.
      const to = input.to ?? (await service('sending').compose(sender, base, CONTENT_API)).to;
      const message = await service('sending').queue(sender, {
        ...base,
        from: sender.email,
        to,
        cc: input.cc,
        bcc: input.bcc,
        priority: input.priority,
        logEvent: input.logEvent,
        origin: 'api',
        apiTokenId: token.id,
      }, CONTENT_API);
      return { documentId: message.documentId, status: message.status, to: message.to, subject: message.subject };
    },

    /**
     * Only the mails this token sent: a front-office never reads the mutual's own mail, nor
     * another front-office's (404 for both, as for an unknown mail).
     */
    async message(documentId: string, tokenId: number | null) {
      if (tokenId === null) throw notFoundError('message.not-found', 'Mail introuvable.', 'Mail not found.');
      const message = await service('ledger').findOne(documentId, { origin: 'api', apiTokenId: tokenId }, [...MESSAGE_FIELDS]);
      if (!message) throw notFoundError('message.not-found', 'Mail introuvable.', 'Mail not found.');
      return Object.fromEntries(MESSAGE_FIELDS.map((field) => [field, message[field] ?? null])) as unknown as FrontOfficeMessage;
    },
  };
};

export type FrontOfficeService = ReturnType<typeof createFrontOfficeService>;
export default createFrontOfficeService;
