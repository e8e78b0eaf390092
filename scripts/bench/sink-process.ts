/**
 * The benchmark's SMTP sink, in its own process so that its memory and CPU are not counted as
 * Strapi's. It parses nothing and keeps no message (100 000 of them must cost nothing), but it
 * records each envelope recipient, so that the bench can prove that no address got two mails.
 *
 * Written on smtp-server directly rather than on scripts/smtp-sink.ts, because the bench needs
 * two things that sink does not offer: recipients in count-only mode, and an answer delay.
 *
 * Environment: SINK_DELAY_MS (default 0) delays the « 250 OK » of every message by that many
 * milliseconds — a real relay's latency, which is what the scale-out figure is about (with a
 * loopback sink answering at once, two instances on a 2-core machine only compete for the CPU).
 *
 * Protocol with the parent (IPC): it sends `{ port }` once listening; it answers
 * `{ id, cmd: 'stats' }` with `{ id, count, distinct, duplicates }` (since the last reset) and
 * `{ id, cmd: 'reset' }` with `{ id }`.
 */
import { SMTPServer } from 'smtp-server';
import { SINK_SERVER_OPTIONS } from '../smtp-sink';

const delayMs = Number(process.env.SINK_DELAY_MS ?? 0);

let count = 0;
let duplicates = 0;
const seen = new Set<string>();

const server = new SMTPServer({
  ...SINK_SERVER_OPTIONS,
  // Several Strapi instances × their pools: smtp-server's default limit is far above, but say it.
  maxClients: 1000,
  onData(stream, session, callback) {
    stream.resume();
    stream.on('end', () => {
      // Counted when the message is complete, before the answer: once a client has its 250, the
      // sink's figures already include that message (the bench reads them right after `done`).
      count += 1;
      for (const rcpt of session.envelope.rcptTo) {
        const address = rcpt.address.toLowerCase();
        if (seen.has(address)) duplicates += 1;
        else seen.add(address);
      }
      if (delayMs > 0) setTimeout(() => callback(), delayMs);
      else callback();
    });
  },
});

// Replies go out at once: with Nagle's algorithm and delayed ACKs, each SMTP command waits ~40 ms.
server.server.on('connection', (socket: import('net').Socket) => socket.setNoDelay(true));

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0, delayMs });
});

process.on('message', (message: any) => {
  if (message?.cmd === 'reset') {
    count = 0;
    duplicates = 0;
    seen.clear();
    process.send!({ id: message.id });
  } else if (message?.cmd === 'stats') {
    process.send!({ id: message.id, count, distinct: seen.size, duplicates });
  }
});

process.on('disconnect', () => server.close(() => process.exit(0)));
