/**
 * Delivery status notifications (RFC 3464) as a remote MTA writes them, composed with nodemailer's
 * MIME builder: `multipart/report; report-type=delivery-status` with a human-readable part, the
 * `message/delivery-status` part and the returned headers of the original mail.
 */
import MimeNode from 'nodemailer/lib/mime-node';

export type DsnOptions = {
  /** Where the DSN goes: the VERP return path of the original mail. */
  to: string;
  /** The address that failed. */
  recipient: string;
  action?: string;
  status?: string;
  diagnostic?: string;
  /** The original mail's headers: a text/rfc822-headers part, a message/rfc822 part, or none. */
  returned?: { messageId?: string; mailMergeId?: string; as?: 'headers' | 'message' } | null;
  /** Leave the delivery-status part out (a mail that is no DSN). */
  withoutStatus?: boolean;
  /** The recipient group without its Status field (a malformed DSN). */
  withoutStatusField?: boolean;
};

export const buildDsn = async ({
  to,
  recipient,
  action = 'failed',
  status = '5.1.1',
  diagnostic = `smtp; 550 5.1.1 <${recipient}>: Recipient address rejected: User unknown in virtual mailbox table`,
  returned = null,
  withoutStatus = false,
  withoutStatusField = false,
}: DsnOptions): Promise<Buffer> => {
  const root = new MimeNode('multipart/report; report-type=delivery-status');
  root.setHeader('From', 'MAILER-DAEMON@mx.example.test (Mail Delivery System)');
  root.setHeader('To', to);
  root.setHeader('Subject', 'Undelivered Mail Returned to Sender');
  root.setHeader('Auto-Submitted', 'auto-replied');
  root.createChild('text/plain').setContent(`This is the mail system at host mx.example.test.\r\n\r\nI'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n<${recipient}>: host mx.example.test said: 550 5.1.1 User unknown\r\n`);
  if (!withoutStatus) {
    const fields = [
      'Reporting-MTA: dns; mx.example.test',
      'X-Postfix-Queue-ID: 4F2A1C0042',
      'Arrival-Date: Tue,  1 Dec 2026 10:00:00 +0100 (CET)',
      '',
      `Final-Recipient: rfc822; ${recipient}`,
      `Original-Recipient: rfc822;${recipient}`,
      `Action: ${action}`,
      ...(withoutStatusField ? [] : [`Status: ${status}`]),
      'Remote-MTA: dns; mx2.example.test',
      // Folded, as Postfix writes a long diagnostic.
      `Diagnostic-Code: ${diagnostic.replace(': Recipient', ':\r\n    Recipient')}`,
      '',
    ];
    root.createChild('message/delivery-status').setContent(fields.join('\r\n'));
  }
  if (returned) {
    const headers = [
      `From: Gestion <gestion@mutuelle.example.test>`,
      `To: ${recipient}`,
      'Subject: Demande de pièces justificatives',
      ...(returned.messageId ? [`Message-ID: <${returned.messageId}>`] : []),
      ...(returned.mailMergeId ? [`X-Mail-Merge-Message: ${returned.mailMergeId}`] : []),
      '',
    ].join('\r\n');
    if (returned.as === 'message') root.createChild('message/rfc822').setContent(`${headers}\r\nBonjour,\r\n`);
    else root.createChild('text/rfc822-headers').setContent(headers);
  }
  return root.build();
};

/** A built message split into its Content-Type header and its body (what a provider posts as multipart/report). */
export const splitMessage = (raw: Buffer) => {
  const text = raw.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  const headerLines = text.slice(0, end).replace(/\r\n[ \t]+/g, ' ').split('\r\n');
  const contentType = headerLines.find((line) => line.toLowerCase().startsWith('content-type:'))!.slice('content-type:'.length).trim();
  return { contentType, body: Buffer.from(text.slice(end + 4), 'utf8') };
};
