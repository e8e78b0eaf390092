'use strict';

/**
 * Builds MIME messages off Strapi's event loop (services/dispatcher/mime-builder.ts). Plain
 * JavaScript, run as it is by the worker thread: not bundled by the plugin build, shipped with
 * the package ("files" in package.json) and found from its root (mime-builder.ts).
 *
 * Built through nodemailer's own message pipeline (priority headers, List-* headers, X-Mailer,
 * the envelope) by a transport that only composes, so the pre-built message is what the SMTP
 * transport would have composed and only the sending is left to the provider. Not nodemailer's
 * stream transport: it keeps the Bcc header in the message, which must only be in the envelope.
 * MimeNode writes CRLF line ends, as SMTP wants them.
 */
const { parentPort } = require('worker_threads');
const nodemailer = require('nodemailer');

const composer = nodemailer.createTransport({
  name: 'mail-merge-composer',
  version: '1',
  send(mail, callback) {
    mail.message.build((error, raw) => {
      if (error) callback(error);
      else callback(null, { raw, envelope: mail.message.getEnvelope(), messageId: mail.message.messageId() });
    });
  },
});

parentPort.on('message', ({ id, message }) => {
  composer.sendMail(message, (error, info) => {
    if (error) parentPort.postMessage({ id, error: String((error && error.message) || error) });
    else parentPort.postMessage({ id, raw: info.raw, messageId: info.messageId, envelope: info.envelope });
  });
});
