/**
 * The optional SMTP listener of the bounce domain (`bounces.listener.enabled`, off by default):
 * the domain's MX (or a relay's transport) points here, and every DSN it receives goes through the
 * same intake as the content-API route. Built on `smtp-server`, as the development sink.
 *
 * It accepts only what a bounce is: RCPT TO `<localPart>+<ledger id>@<bounce domain>` (anything
 * else is refused with 550 before the data), messages of at most MAX_DSN_BYTES (552 beyond), no
 * authentication, no TLS (it listens on `bounces.listener.host`; put it behind the organisation's
 * MTA to face the internet). A DSN the intake cannot use is refused with 550 (the
 * sending MTA will not retry it); a failure of ours is a 451 (it will).
 */
import { errors } from '@strapi/utils';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { BounceSettings } from '../../config/schema';
import { documentIdFromReturnPath } from '../dispatcher/headers';

export type BounceIntake = (raw: Buffer, recipient: string) => Promise<unknown>;

type Logger = { warn: (message: string) => void; error: (message: string) => void };

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** What the route answers with a 4xx (a ValidationError…): the DSN itself is at fault, never retried. */
const isRefusal = (error: unknown) => error instanceof errors.ApplicationError;

const read = (stream: SMTPServerDataStream) =>
  new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    // smtp-server stops counting past `size` and says so once the stream has ended.
    stream.on('end', () => resolve(stream.sizeExceeded ? null : Buffer.concat(chunks)));
  });

export const startBounceListener = async (settings: BounceSettings, maxBytes: number, intake: BounceIntake, log: Logger) => {
  const server = new SMTPServer({
    name: settings.domain ?? undefined,
    banner: 'mail-merge bounce listener',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1000,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error | null) => void) {
      if (documentIdFromReturnPath(address.address, settings)) return callback();
      return callback(smtpError(550, `5.1.1 <${address.address}>: not a bounce address of this domain`));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      read(stream)
        .then(async (raw) => {
          if (!raw) return callback(smtpError(552, `5.3.4 Message too big (${maxBytes} bytes at most)`));
          // One message for several of our addresses: each names its own mail.
          for (const recipient of session.envelope.rcptTo) await intake(raw, recipient.address);
          return callback();
        })
        .catch((error: unknown) => {
          const message = (error as Error)?.message ?? String(error);
          if (isRefusal(error)) {
            log.warn(`[mail-merge] bounce listener: DSN refused: ${message}`);
            return callback(smtpError(550, `5.6.0 ${message.replace(/[\r\n]+/g, ' ').slice(0, 200)}`));
          }
          log.error(`[mail-merge] bounce listener: ${message}`);
          return callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        });
    },
  });
  server.on('error', (error: Error & { code?: string }) => {
    // A client that vanishes mid-session is no fault of the listener.
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') log.warn(`[mail-merge] bounce listener: ${error.message}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.listener.port, settings.listener.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    /** The port bound (the one configured, or the one the system chose for port 0). */
    port: typeof address === 'object' && address ? address.port : settings.listener.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export type BounceListener = Awaited<ReturnType<typeof startBounceListener>>;
