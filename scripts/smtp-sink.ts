/**
 * A local SMTP sink built on `smtp-server`: it accepts every message, keeps each one as an `.eml`
 * file (when given a folder) and in memory, parsed with `mailparser`, and logs one line per message.
 *
 * `npm run dev` starts it beside Strapi; tests start one on a random port. Run alone with
 * `npm run smtp-sink` (SMTP_PORT, default 1025; messages under .tmp/mails/).
 *
 * To exercise failures, a recipient whose local part is `reject-<code>` (for example
 * `reject-550@example.test` or `reject-451@example.test`) is refused with that SMTP code:
 * 5xx is a permanent failure, 4xx a temporary one.
 */
import fs from 'fs';
import path from 'path';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  /** SMTP envelope: what the server was actually asked to deliver (Bcc included). */
  envelope: { from: string; to: string[] };
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  attachments: { filename?: string; contentType: string; size: number }[];
  raw: string;
  /** When the message was fully received (ms since epoch). */
  receivedAt: number;
  file?: string;
};

export type SmtpSink = {
  port: number;
  messages: ReceivedMail[];
  /** Resolves once `count` messages (in all) have arrived, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  clear(): void;
  /** Messages received since start (also in count-only mode). */
  count(): number;
  close(): Promise<void>;
};

type Options = {
  port?: number;
  host?: string;
  dir?: string;
  log?: (line: string) => void;
  /** Benchmarks: only count messages (no parsing, nothing kept), so 100 000 of them cost nothing. */
  countOnly?: boolean;
};

const addresses = (value?: AddressObject | AddressObject[]): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

/** What every sink of this project sets on smtp-server (this one, and the bench's own process). */
export const SINK_SERVER_OPTIONS = {
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  // No reverse DNS of each client: without a resolver it costs seconds per connection.
  disableReverseLookup: true,
  logger: false,
  // Pooled client connections would otherwise hold close() for 30 s.
  closeTimeout: 200,
};

export const startSmtpSink = async ({ port = 0, host = '127.0.0.1', dir, log, countOnly = false }: Options = {}): Promise<SmtpSink> => {
  const messages: ReceivedMail[] = [];
  let received = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  if (dir) fs.mkdirSync(dir, { recursive: true });

  const server = new SMTPServer({
    ...SINK_SERVER_OPTIONS,
    onRcptTo(address, _session, callback) {
      const code = /^reject-([45]\d\d)@/i.exec(address.address)?.[1];
      if (!code) return callback();
      const error: Error & { responseCode?: number } = new Error(`Recipient refused by the sink (${code})`);
      error.responseCode = Number(code);
      return callback(error);
    },
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'sink' });
    },
    onData(stream, session, callback) {
      if (countOnly) {
        stream.resume();
        stream.on('end', () => {
          received += 1;
          callback();
        });
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        try {
          const raw = Buffer.concat(chunks);
          const parsed = await simpleParser(raw);
          const mail: ReceivedMail = {
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            from: addresses(parsed.from)[0] ?? '',
            to: addresses(parsed.to),
            cc: addresses(parsed.cc),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: parsed.headers,
            attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
            raw: raw.toString('utf8'),
            receivedAt: Date.now(),
          };
          if (dir) {
            const stamp = new Date().toISOString().replace(/[:.]/g, '-');
            mail.file = path.join(dir, `${stamp}-${messages.length + 1}.eml`);
            fs.writeFileSync(mail.file, raw);
          }
          messages.push(mail);
          received += 1;
          log?.(`[smtp-sink] ${mail.envelope.from} → ${mail.envelope.to.join(', ')} : ${mail.subject}`);
          for (const waiter of waiters.filter((w) => messages.length >= w.count)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });

  // Replies go out at once: with Nagle's algorithm and delayed ACKs, each SMTP command waits ~40 ms.
  server.server.on('connection', (socket: import('net').Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  // smtp-server re-emits each connection's socket errors on the server: without a listener, a
  // client that vanishes (a Strapi process killed mid-send resets its SMTP connections) would
  // throw from the sink itself. A sink shrugs that off; anything else is said.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') console.error(`[smtp-sink] ${error.message}`);
  });
  const address = server.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;

  return {
    port: boundPort,
    messages,
    waitFor(count, timeoutMs = 10000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`SMTP sink: ${messages.length} message(s) received, ${count} expected`)),
          timeoutMs
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages);
          },
        });
      });
    },
    clear() {
      messages.length = 0;
    },
    count: () => received,
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
};

if (require.main === module) {
  const port = Number(process.env.SMTP_PORT || 1025);
  const dir = path.resolve(process.cwd(), '.tmp', 'mails');
  startSmtpSink({ port, dir, log: (line) => console.log(line) })
    .then((sink) => console.log(`[smtp-sink] listening on 127.0.0.1:${sink.port}, messages kept in ${dir}`))
    .catch((error) => {
      console.error(`[smtp-sink] cannot listen on port ${port}: ${error.message}`);
      process.exit(1);
    });
}
