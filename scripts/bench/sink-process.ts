/**
 * The benchmark's SMTP sink, in its own process so that its memory and CPU are not counted as
 * Strapi's: counts messages only. Tells its port to the parent, and its count when asked.
 */
import { startSmtpSink } from '../smtp-sink';

startSmtpSink({ countOnly: true }).then((sink) => {
  process.send!({ port: sink.port });
  process.on('message', (message: any) => {
    if (message === 'count') process.send!({ count: sink.count() });
  });
  process.on('disconnect', () => void sink.close().then(() => process.exit(0)));
});
