'use strict';

/**
 * Builds MIME messages off Strapi's event loop (services/dispatcher/mime-builder.ts). Plain
 * JavaScript, run as it is by the worker thread: not bundled by the plugin build, shipped with
 * the package ("files" in package.json) and found from its root (mime-builder.ts).
 */
const { parentPort } = require('worker_threads');
const MailComposer = require('nodemailer/lib/mail-composer');

parentPort.on('message', ({ id, message }) => {
  try {
    const node = new MailComposer(message).compile();
    node.build((error, raw) => {
      if (error) parentPort.postMessage({ id, error: String(error.message || error) });
      else parentPort.postMessage({ id, raw, messageId: node.messageId(), envelope: node.getEnvelope() });
    });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
