import { PLUGIN_ID } from './pluginId';

/** Statuses, skip reasons and consent values: the server's own (shared/constants.ts). */
export * from '../../shared/constants';

const permission = (uid: string) => ({ action: `plugin::${PLUGIN_ID}.${uid}`, subject: null });

/** The same action ids the server registers and checks on every route. */
export const PERMISSIONS = {
  // The « Mails de fusion » menu entry: anyone holding one of the plugin's actions.
  main: [
    permission('send-single'),
    permission('send-bulk'),
    permission('messages-read'),
    permission('extractions-read'),
    permission('extractions-manage'),
    permission('templates-read'),
    permission('templates-manage'),
  ],
  extractionsRead: [permission('extractions-read')],
  // useRBAC gives canSendSingle.
  sendSingle: [permission('send-single')],
  // The bulk action « Envoyer un mail groupé »: canSendBulk; the templates of the page come from
  // GET /templates (canTemplatesRead) or else from a ticked record's choices (canSendSingle).
  sendBulk: [permission('send-bulk'), permission('templates-read'), permission('send-single')],
  // « Envois groupés » (the list, a batch's progress and report): canSendBulk, canMessagesRead.
  batches: [permission('send-bulk'), permission('messages-read')],
  // « Mon profil d'envoi »: canSendSingle, canSendBulk.
  senders: [permission('send-single'), permission('send-bulk')],
  // The « Événements » panel: canSendSingle, canSendBulk, canMessagesRead.
  events: [permission('send-single'), permission('send-bulk'), permission('messages-read')],
  messagesRead: [permission('messages-read')],
  // « Adresses en échec »: listed with canMessagesRead; « Lever » also needs canSendSingle or canSendBulk.
  suppressions: [permission('messages-read'), permission('send-single'), permission('send-bulk')],
  templatesRead: [permission('templates-read')],
  // useRBAC gives canExtractionsRead, canExtractionsManage, canTemplatesRead, canTemplatesManage.
  configuration: [
    permission('extractions-read'),
    permission('extractions-manage'),
    permission('templates-read'),
    permission('templates-manage'),
  ],
};

/** Absolute admin paths of the plugin's screens. */
export const ROUTES = {
  home: `/plugins/${PLUGIN_ID}`,
  extractions: `/plugins/${PLUGIN_ID}/extractions`,
  extraction: (id: string) => `/plugins/${PLUGIN_ID}/extractions/${id}`,
  newExtraction: `/plugins/${PLUGIN_ID}/extractions/new`,
  templates: `/plugins/${PLUGIN_ID}/templates`,
  template: (id: string) => `/plugins/${PLUGIN_ID}/templates/${id}`,
  newTemplate: `/plugins/${PLUGIN_ID}/templates/new`,
  layouts: `/plugins/${PLUGIN_ID}/layouts`,
  layout: (id: string) => `/plugins/${PLUGIN_ID}/layouts/${id}`,
  newLayout: `/plugins/${PLUGIN_ID}/layouts/new`,
  profile: `/plugins/${PLUGIN_ID}/profile`,
  messages: `/plugins/${PLUGIN_ID}/messages`,
  suppressions: `/plugins/${PLUGIN_ID}/suppressions`,
  batches: `/plugins/${PLUGIN_ID}/batches`,
  batch: (id: string) => `/plugins/${PLUGIN_ID}/batches/${id}`,
  notifications: (page: string, documentId: string) => `/plugins/${PLUGIN_ID}/notifications/${encodeURIComponent(page)}/${encodeURIComponent(documentId)}`,
};
