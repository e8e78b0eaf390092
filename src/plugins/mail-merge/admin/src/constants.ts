import { PLUGIN_ID } from './pluginId';

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
};
