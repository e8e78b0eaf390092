export const PLUGIN_ID = 'mail-merge';
